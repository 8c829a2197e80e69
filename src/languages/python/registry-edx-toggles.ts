import { readFileSync } from "node:fs";
import type { ResolvedRegistrySource } from "../../config/schema.js";
import { RegistryError, formatLocation } from "../../errors.js";
import type { FlagDefinition, RegistryLoadResult } from "../../registry/definition.js";
import { readSourceFile, relativeToRoot, resolveSourceFiles } from "../../registry/files.js";
import type { RegistryLoadContext } from "../../registry/loader.js";
import { LineIndex } from "../../scan/line-index.js";
import { collectBindings, PythonModuleIndex } from "./module-index.js";
import { findSyntaxError, loadPythonParser, withPythonTree, type Node } from "./parser.js";
import { callArguments, named, simpleAssignment } from "./syntax.js";

/** edx-toggles' definition classes and the kind of toggle each defines (the `edx-toggles` preset's). */
export const EDX_TOGGLE_CLASSES: ReadonlyMap<string, string | undefined> = new Map([
  ["WaffleSwitch", "switch"],
  ["WaffleFlag", undefined],
  ["CourseWaffleFlag", undefined],
]);

/** A module-level `X = WaffleSwitch(...)` statement, as the registry and the cleanup see it. */
export interface ToggleDefinition {
  constant: string;
  statement: Node;
  /** Where the key argument is. */
  keyOffset: number;
}

/** The module-level edx-toggles definitions of a parsed module, by constant name. */
export function toggleStatements(root: Node): ToggleDefinition[] {
  const found: ToggleDefinition[] = [];
  for (const statement of named(root)) {
    const assignment = simpleAssignment(statement);
    if (assignment?.target.type !== "identifier" || assignment.value.type !== "call") continue;
    const { positional, keywords } = callArguments(assignment.value);
    const key = positional[0] ?? keywords.get("name");
    if (key !== undefined) found.push({ constant: assignment.target.text, statement, keyOffset: key.startIndex });
  }
  return found;
}

/**
 * Reads edx-toggles definitions: every module-level `X = WaffleSwitch("ns.x", __name__)` (also
 * `WaffleFlag`, `CourseWaffleFlag`, `name=`, and a key built from module constants, `f"{NAMESPACE}.x"`)
 * defines the waffle row `ns.x`, with the `# .. toggle_description:` annotation above it as description.
 */
export async function loadEdxTogglesRegistry(source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> {
  await loadPythonParser();
  const files = await resolveSourceFiles(source, context);
  const index = new PythonModuleIndex(context.root, (file) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  });
  const definitions: FlagDefinition[] = [];
  for (const file of files) {
    const relative = relativeToRoot(context.root, file);
    const text = await readSourceFile(file, relative);
    const lines = new LineIndex(text);
    withPythonTree(text, (tree) => {
      const error = findSyntaxError(tree);
      if (error !== undefined) {
        const { line, column } = lines.position(error.offset);
        throw new RegistryError(`${formatLocation(relative, line, column)}: ${error.message}`, `fix the Python module (registry[${source.index}])`);
      }
      const module = { path: file, bindings: collectBindings(tree.rootNode) };
      index.remember(module);
      for (const toggle of toggleStatements(tree.rootNode)) {
        const construct = index.resolveConstruct(module, toggle.constant);
        if (construct === undefined || !EDX_TOGGLE_CLASSES.has(construct.constructor)) continue;
        const flag = construct.keyOf(0, "name");
        if (flag === undefined) continue;
        const kind = EDX_TOGGLE_CLASSES.get(construct.constructor);
        const description = annotation(text, toggle.statement.startIndex, "toggle_description");
        definitions.push({
          flag,
          source,
          file: relative,
          ...lines.position(toggle.keyOffset),
          ...(kind === undefined ? {} : { kind }),
          constant: toggle.constant,
          metadata: description === undefined ? {} : { description },
        });
      }
    });
  }
  return { definitions, files };
}

/** `# .. toggle_description: text` in the comment block right above `offset`. */
function annotation(text: string, offset: number, name: string): string | undefined {
  const above = text.slice(0, offset).split("\n");
  above.pop();
  for (let i = above.length - 1; i >= 0 && /^\s*#/.test(above[i]!); i--) {
    const match = new RegExp(`^\\s*#\\s*\\.\\.\\s*${name}:\\s*(.*)$`).exec(above[i]!);
    if (match) return match[1]!.trim() || undefined;
  }
  return undefined;
}
