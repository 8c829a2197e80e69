import type { Node } from "./parser.js";

/** The value of a Python string literal, or undefined for f-strings with fields, bytes and odd escapes. */
export function stringValue(node: Node): string | undefined {
  // black's `X = (\n    "slug"\n)` and a parenthesized concatenation.
  if (node.type === "parenthesized_expression") {
    const inner = named(node).filter((child) => child.type !== "comment");
    return inner.length === 1 ? stringValue(inner[0]!) : undefined;
  }
  if (node.type === "concatenated_string") {
    let value = "";
    for (const part of node.namedChildren) {
      const piece = part === null ? undefined : stringValue(part);
      if (piece === undefined) return undefined;
      value += piece;
    }
    return value;
  }
  if (node.type !== "string") return undefined;
  let prefix = "";
  let value = "";
  for (const child of node.children) {
    if (child === null) continue;
    if (child.type === "string_start") prefix = child.text.replace(/['"]+$/, "").toLowerCase();
    else if (child.type === "interpolation") return undefined;
    else if (child.type === "string_content") value += child.text;
  }
  if (prefix.includes("b")) return undefined;
  return prefix.includes("r") ? value : unescape(value);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\n": "", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
};

function unescape(text: string): string | undefined {
  if (!text.includes("\\")) return text;
  let failed = false;
  const result = text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g, (_whole, esc: string) => {
    const simple = SIMPLE_ESCAPES[esc];
    if (simple !== undefined) return simple;
    if (/^[xuU]/.test(esc)) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCodePoint(parseInt(esc, 8));
    if (esc.startsWith("N{")) failed = true;
    // An unknown escape keeps its backslash in Python.
    return `\\${esc}`;
  });
  return failed ? undefined : result;
}

/** `a.b.c` for identifiers and attribute chains, undefined for anything else. */
export function dottedName(node: Node): string | undefined {
  if (node.type === "identifier") return node.text;
  if (node.type === "attribute") {
    const object = node.childForFieldName("object");
    const attribute = node.childForFieldName("attribute");
    if (object === null || attribute === null) return undefined;
    const left = dottedName(object);
    return left === undefined ? undefined : `${left}.${attribute.text}`;
  }
  return undefined;
}

/** Named children, without the nulls web-tree-sitter's typings allow. */
export function named(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}

/** Positional and keyword arguments of a call's argument list. */
export function callArguments(call: Node): { positional: Node[]; keywords: Map<string, Node>; hasSplat: boolean } {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  let hasSplat = false;
  const list = call.childForFieldName("arguments");
  if (list === null) return { positional, keywords, hasSplat };
  if (list.type === "generator_expression") return { positional: [list], keywords, hasSplat };
  for (const argument of named(list)) {
    if (argument.type === "comment") continue;
    if (argument.type === "keyword_argument") {
      const name = argument.childForFieldName("name");
      const value = argument.childForFieldName("value");
      if (name !== null && value !== null) keywords.set(name.text, value);
    } else if (argument.type === "list_splat" || argument.type === "dictionary_splat") {
      hasSplat = true;
    } else {
      positional.push(argument);
    }
  }
  return { positional, keywords, hasSplat };
}

/** The statement-level assignment inside an expression statement, if it is `target = value` or `target: T = value`. */
export function simpleAssignment(statement: Node): { target: Node; value: Node } | undefined {
  if (statement.type !== "expression_statement") return undefined;
  const assignment = statement.namedChildren[0];
  if (assignment == null || assignment.type !== "assignment") return undefined;
  const target = assignment.childForFieldName("left");
  const value = assignment.childForFieldName("right");
  if (target === null || value === null || value.type === "assignment") return undefined;
  return { target, value };
}
