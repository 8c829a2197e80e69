import { findSyntaxError, loadPythonParser, withPythonTree } from "../parser.js";
import { LineIndex } from "../../../scan/line-index.js";
import type { FileCleanupInput, FileCleanupOutput, LanguageCleanup, TestCleanupInput, TestCleanupOutput } from "../../language.js";
import { overrideEdits } from "./steps/test-overrides.js";
import { removeUnused } from "./steps/remove-unused.js";
import { applyEdits, mergeDeletions, type Edit } from "../../../cleanup/edit.js";
import { useCounts, withContext, type PyStepContext } from "./context.js";
import { countCovered, outermostEdits } from "./outer-edits.js";
import { rewriteToFixpoint } from "../../../cleanup/fixpoint.js";
import { pythonRewrite } from "./rewrite.js";
import { seedReference } from "./steps/seed.js";
import { planConstantInlining, planFlagDeletionMigration } from "./migration.js";
import { removePythonConstant } from "./registry.js";
import { removeRoutes, topLevelDefinitions, type DeletedView } from "./routes.js";

/**
 * Removes one flag's checks from a Python file: seeds each check with the frozen value, then folds
 * `not`/`and`/`or`, conditional expressions, if/elif/else, single-assignment locals and the imports
 * and constants that became unused, until nothing changes. Indentation and comments of kept code stay.
 */
export async function cleanupPythonFile(input: FileCleanupInput): Promise<FileCleanupOutput> {
  await loadPythonParser();
  const original = input.text;
  const base: Omit<PyStepContext, "root" | "text" | "on" | "off"> = {
    originalUses: withPythonTree(original, (tree) => useCounts(tree.rootNode)),
    flag: input.flag,
    relativePath: input.relativePath,
    problems: [],
  };
  let removedReferences = 0;
  const text = rewriteToFixpoint(original, pythonRewrite(base), (placeholders) => {
    const seeded = withContext({ ...base, ...placeholders }, original, (context) => {
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
    const result = applyEdits(original, [...seeded.edits].sort((a, b) => b.start - a.start)).text;
    if (result !== original) removedReferences = seeded.removed;
    return result;
  });
  return { text, removedReferences, problems: base.problems };
}

/**
 * Removes the flag's waffle test overrides from a Python file (`@override_flag("x", active=True)`, `with
 * override_switch(...)`), deletes the tests that forced the removed value, then the imports that became unused.
 */
export async function cleanupPythonTests(input: TestCleanupInput): Promise<TestCleanupOutput> {
  await loadPythonParser();
  const original = input.text;
  const found = withPythonTree(original, (tree) => overrideEdits(tree.rootNode, original, input.relativePath, input.flag, input.needles, input.value));
  if (found.edits.length === 0) return { text: original, overridesRemoved: 0, testsDeleted: [], problems: found.problems };
  const outer = mergeDeletions(found.edits);
  const base = { originalUses: withPythonTree(original, (tree) => useCounts(tree.rootNode)), flag: input.flag, relativePath: input.relativePath, problems: [] };
  const text = rewriteToFixpoint(original, pythonRewrite(base, [removeUnused]), () => applyEdits(original, outer.edits).text);
  const testsDeleted = found.testsDeleted.filter((test) => outer.kept.has(found.edits.indexOf(test.edit))).map(({ edit: _edit, ...test }) => test);
  return { text, overridesRemoved: found.overridesRemoved, testsDeleted, problems: [...found.problems, ...base.problems] };
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
  cleanupFile: cleanupPythonFile,
  parseError: pythonParseError,
  removeRegistryEntry: removePythonConstant,
  planDeletionMigration: planFlagDeletionMigration,
  async companionChanges(root, changed) {
    await loadPythonParser();
    const deleted: DeletedView[] = [];
    for (const [file, { before, after }] of changed) {
      if (!file.endsWith(".py") || after === undefined || after === before) continue;
      const kept = topLevelDefinitions(after);
      for (const name of topLevelDefinitions(before)) if (!kept.has(name)) deleted.push({ file, name });
    }
    return deleted.length === 0 ? { files: [], problems: [] } : removeRoutes(root, deleted, (file) => changed.get(file)?.after);
  },
  planConstantInlining,
  cleanupTests: cleanupPythonTests,
};
