import type { Edit } from "../../../cleanup/edit.js";
import { withPythonTree, type Node } from "../parser.js";
import { named } from "../syntax.js";
import type { CleanupProblem } from "../../language.js";

/**
 * What a Python cleanup step sees. Values the cleanup introduced are written as two placeholder
 * identifiers that cannot occur in the file, so a `True` the author wrote is never simplified away.
 */
export interface PyStepContext {
  text: string;
  root: Node;
  /** Placeholder for an introduced `True`. */
  on: string;
  /** Placeholder for an introduced `False`. */
  off: string;
  /** Identifier use counts before the cleanup: only what became unused is deleted. */
  originalUses: ReadonlyMap<string, number>;
  /** The flag being removed, to delete module constants that held it. */
  flag: string;
  relativePath: string;
  /** Where a step reports what it could not do. */
  problems: CleanupProblem[];
}

export type PyStep = (context: PyStepContext) => Edit[];

/** Runs `use` on a fresh parse of `text`; trees live in WASM memory and are freed right after. */
export function withContext<T>(base: Omit<PyStepContext, "root" | "text">, text: string, use: (context: PyStepContext) => T): T {
  return withPythonTree(text, (tree) => use({ ...base, text, root: tree.rootNode }));
}

/** The introduced value a node stands for (through parentheses), or undefined. */
export function placeholderValue(context: PyStepContext, node: Node | null | undefined): boolean | undefined {
  let current = node;
  while (current?.type === "parenthesized_expression" && current.namedChildCount === 1) current = current.namedChildren[0];
  if (current?.type !== "identifier") return undefined;
  if (current.text === context.on) return true;
  if (current.text === context.off) return false;
  return undefined;
}

export function placeholder(context: PyStepContext, value: boolean): string {
  return value ? context.on : context.off;
}

/** Every node of the tree, depth first, children before parents (innermost edits first). */
export function postOrder(root: Node): Node[] {
  const nodes: Node[] = [];
  const visit = (node: Node): void => {
    for (const child of named(node)) visit(child);
    nodes.push(node);
  };
  visit(root);
  return nodes;
}

/** Identifiers that are name uses (not attribute names, keyword names or import lists). */
export function useCounts(root: Node): Map<string, number> {
  const counts = new Map<string, number>();
  for (const node of root.descendantsOfType("identifier")) {
    if (node === null || !isUse(node)) continue;
    counts.set(node.text, (counts.get(node.text) ?? 0) + 1);
  }
  return counts;
}

export function isUse(identifier: Node): boolean {
  const parent = identifier.parent;
  if (parent === null) return true;
  if (parent.type === "attribute" && parent.childForFieldName("attribute")?.equals(identifier)) return false;
  if (parent.type === "keyword_argument" && parent.childForFieldName("name")?.equals(identifier)) return false;
  for (let ancestor: Node | null = parent; ancestor !== null; ancestor = ancestor.parent)
    if (ancestor.type === "import_statement" || ancestor.type === "import_from_statement" || ancestor.type === "future_import_statement") return false;
  return true;
}
