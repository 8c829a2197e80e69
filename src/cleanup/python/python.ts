import { findSyntaxError, LineIndex, loadPythonParser, withPythonTree } from "../../python/parser.js";
import type { FileCleanupInput, FileCleanupOutput, LanguageCleanup } from "../language.js";
import { applyEdits, type Edit } from "../edit.js";
import { countCovered, outermostEdits } from "./outer-edits.js";
import { placeholderNames, postOrder, useCounts, withContext, type PyStep, type PyStepContext } from "./context.js";
import { collapseConditional } from "./steps/collapse-conditional.js";
import { collapseIf } from "./steps/collapse-if.js";
import { inlineLocals } from "./steps/inline-locals.js";
import { removeUnused } from "./steps/remove-unused.js";
import { seedReference } from "./steps/seed.js";
import { simplifyBoolean } from "./steps/simplify-boolean.js";

/** The generic Python steps, in the order each round runs them. */
export const PYTHON_CLEANUP_STEPS: readonly PyStep[] = [simplifyBoolean, collapseConditional, collapseIf, inlineLocals, removeUnused];

const MAX_ROUNDS = 200;

/**
 * Removes one flag's checks from a Python file: seeds each check with the frozen value, then folds
 * `not`/`and`/`or`, conditional expressions, if/elif/else, single-assignment locals and the imports
 * and constants that became unused, until nothing changes. Indentation and comments of kept code stay.
 */
export async function cleanupPythonFile(input: FileCleanupInput): Promise<FileCleanupOutput> {
  await loadPythonParser();
  const original = input.text;
  const [on, off] = placeholderNames(original);
  const base: Omit<PyStepContext, "root" | "text"> = {
    on,
    off,
    originalUses: withPythonTree(original, (tree) => useCounts(tree.rootNode)),
    flag: input.flag,
    relativePath: input.relativePath,
    problems: [],
  };
  const seeded = withContext(base, original, (context) => {
    const edits: Array<Edit & { count: number }> = [];
    for (const reference of input.references) {
      const result = seedReference(context, reference, input.value, input.path);
      if (typeof result === "string") {
        base.problems.push({ file: input.relativePath, line: reference.line, column: reference.column, message: result });
        continue;
      }
      base.problems.push(...result.problems);
      result.edits.forEach((edit, i) => edits.push({ ...edit, count: i === 0 ? 1 : 0 }));
    }
    // A deleted view takes the checks inside it along.
    const outer = outermostEdits(edits);
    const removed = countCovered(input.references.map((reference) => reference.checkRange), outer);
    return { edits: outer, removed };
  });
  let text = applyEdits(original, [...seeded.edits].sort((a, b) => b.start - a.start)).text;
  if (text === original) return { text: original, removedReferences: 0, problems: base.problems };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const step of PYTHON_CLEANUP_STEPS) {
      const edits = withContext(base, text, step);
      const result = applyEdits(text, edits);
      if (result.applied > 0) {
        text = result.text;
        changed = true;
      }
    }
    if (!changed) break;
  }
  text = withContext(base, text, (context) =>
    applyEdits(
      text,
      postOrder(context.root)
        .filter((node) => node.type === "identifier" && (node.text === on || node.text === off))
        .map((node) => ({ start: node.startIndex, end: node.endIndex, text: node.text === on ? "True" : "False" })),
    ).text,
  );
  return { text: text === original ? original : text, removedReferences: seeded.removed, problems: base.problems };
}

/** `line:column message` of the first syntax error, or undefined when the text parses. */
export async function pythonParseError(text: string): Promise<string | undefined> {
  await loadPythonParser();
  return withPythonTree(text, (tree) => {
    const error = findSyntaxError(tree);
    if (error === undefined) return undefined;
    const { line, column } = new LineIndex(text).position(error.offset);
    return `${line}:${column} ${error.message}`;
  });
}

/** The Python rewrite for `flag-scan cleanup`. */
export const pythonCleanup: LanguageCleanup = {
  name: "python",
  extensions: [".py"],
  cleanupFile: cleanupPythonFile,
  parseError: pythonParseError,
};
