import { createRequire } from "node:module";
import type { Node, Parser, Tree } from "web-tree-sitter";
import { loadOptional, resolveOptional } from "../../optional-dependency.js";

export type { Node, Tree };

const require = createRequire(import.meta.url);

let loading: Promise<Parser> | undefined;
let ready: Parser | undefined;

/**
 * Loads tree-sitter's Python grammar (WASM: no native build, no Python on the user's machine) once per
 * process. Both wasm files are resolved through Node's resolver so this works from `src/` under vitest
 * and from `dist/` alike.
 */
export function loadPythonParser(): Promise<Parser> {
  loading ??= (async () => {
    // Optional packages: a project without Python never loads (or installs) them.
    const { Language, Parser } = await loadOptional("web-tree-sitter", () => import("web-tree-sitter"));
    const runtimeWasm = resolveOptional("web-tree-sitter", () => require.resolve("web-tree-sitter/web-tree-sitter.wasm"));
    await Parser.init({ locateFile: () => runtimeWasm });
    const language = await Language.load(resolveOptional("tree-sitter-python", () => require.resolve("tree-sitter-python/tree-sitter-python.wasm")));
    const parser = new Parser();
    parser.setLanguage(language);
    ready = parser;
    return parser;
  })();
  return loading;
}

/**
 * Parses Python text and hands the tree to `use`, freeing the WASM memory afterwards: trees live in the
 * grammar's heap, not in JavaScript's, and are never garbage-collected.
 * Call `loadPythonParser()` first.
 */
export function withPythonTree<T>(text: string, use: (tree: Tree) => T): T {
  if (ready === undefined) throw new Error("loadPythonParser() must be awaited before parsing Python");
  const tree = ready.parse(text);
  if (tree === null) throw new Error("tree-sitter returned no tree");
  try {
    return use(tree);
  } finally {
    tree.delete();
  }
}

/** The first syntax error of a tree: where it is and a one-line description. */
export interface PythonSyntaxError {
  /** UTF-16 offset. */
  offset: number;
  message: string;
}

export function findSyntaxError(tree: Tree): PythonSyntaxError | undefined {
  if (!tree.rootNode.hasError) return undefined;
  let found: Node | undefined;
  const visit = (node: Node): void => {
    if (found !== undefined) return;
    if (node.isError || node.isMissing) {
      found = node;
      return;
    }
    if (!node.hasError) return;
    for (const child of node.children) if (child !== null) visit(child);
  };
  visit(tree.rootNode);
  if (found === undefined) return { offset: 0, message: "invalid Python syntax" };
  if (found.isMissing) return { offset: found.startIndex, message: `invalid Python syntax: expected \`${found.type}\`` };
  // Tree-sitter's error nodes start where recovery began, often far from the mistake; an unclosed
  // bracket inside the node is what Python itself would point at.
  const open: Node[] = [];
  const leaves = (node: Node): void => {
    if (node.childCount === 0) {
      if (OPENERS.has(node.type)) open.push(node);
      else if (CLOSERS.has(node.type)) open.pop();
      return;
    }
    for (const child of node.children) if (child !== null) leaves(child);
  };
  leaves(found);
  const unclosed = open.pop();
  if (unclosed !== undefined) return { offset: unclosed.startIndex, message: `invalid Python syntax: \`${unclosed.type}\` is never closed` };
  const snippet = found.text.split("\n")[0]!.slice(0, 30);
  return { offset: found.startIndex, message: `invalid Python syntax near \`${snippet}\`` };
}

const OPENERS = new Set(["(", "[", "{"]);
const CLOSERS = new Set([")", "]", "}"]);

