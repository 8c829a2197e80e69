import path from "node:path";
import { parseTree, ParseErrorCode, type Node as JsonNode, type ParseError } from "jsonc-parser";
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode } from "yaml";
import { formatLocation, RegistryError } from "../errors.js";

/**
 * A parsed JSON or YAML value that remembers where each part starts, so registry loaders can say
 * where a flag is defined and where a file is wrong, whatever the format.
 */
export type DocNode = DocObject | DocArray | DocScalar;

export interface DocObject {
  kind: "object";
  offset: number;
  entries: DocEntry[];
}

export interface DocArray {
  kind: "array";
  offset: number;
  items: DocNode[];
}

export interface DocScalar {
  kind: "scalar";
  offset: number;
  /** string, number, boolean or null (a YAML 1.1 timestamp may also give a Date). */
  value: unknown;
}

export interface DocEntry {
  key: string;
  /** Where the key starts. */
  offset: number;
  value: DocNode;
}

/** One registry file, parsed into zero or more documents (YAML streams hold several). */
export class RegistryDocument {
  private lineStarts: number[] | undefined;

  constructor(
    /** Relative to the project root, with `/`. */
    readonly file: string,
    readonly text: string,
    readonly roots: DocNode[],
  ) {}

  /** 1-based line and column of a UTF-16 offset. */
  position(offset: number): { line: number; column: number } {
    this.lineStarts ??= computeLineStarts(this.text);
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  }

  /** A located one-line error: `registry/flags.json:3:5: <message>`. */
  error(offset: number, message: string, hint?: string): RegistryError {
    return locatedError(this.file, this.text, offset, message, hint);
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    // CR alone, LF alone and CRLF each end one line, as editors count them.
    if (char === 10 || (char === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

function locatedError(file: string, text: string, offset: number, message: string, hint?: string): RegistryError {
  const { line, column } = new RegistryDocument(file, text, []).position(offset);
  return new RegistryError(`${formatLocation(file, line, column)}: ${message}`, hint);
}

/** Relative path with `/`, as every path in results is written. */
export function toRelativePath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join("/");
}

const JSON_ERROR_TEXT: Partial<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: "unexpected character",
  [ParseErrorCode.InvalidNumberFormat]: "invalid number",
  [ParseErrorCode.PropertyNameExpected]: "expected a property name in double quotes",
  [ParseErrorCode.ValueExpected]: "expected a value",
  [ParseErrorCode.ColonExpected]: "expected `:` after the property name",
  [ParseErrorCode.CommaExpected]: "expected `,` between entries",
  [ParseErrorCode.CloseBraceExpected]: "expected `}` to close the object",
  [ParseErrorCode.CloseBracketExpected]: "expected `]` to close the list",
  [ParseErrorCode.EndOfFileExpected]: "unexpected content after the end of the JSON value",
  [ParseErrorCode.InvalidCommentToken]: "invalid comment",
  [ParseErrorCode.UnexpectedEndOfComment]: "unterminated comment",
  [ParseErrorCode.UnexpectedEndOfString]: "unterminated string",
  [ParseErrorCode.UnexpectedEndOfNumber]: "unterminated number",
  [ParseErrorCode.InvalidUnicode]: "invalid unicode escape",
  [ParseErrorCode.InvalidEscapeCharacter]: "invalid escape character",
  [ParseErrorCode.InvalidCharacter]: "invalid character in string",
};

function describeJsonError(error: ParseError, text: string): string {
  if (error.error === ParseErrorCode.InvalidSymbol && error.length > 0) {
    const symbol = text.slice(error.offset, error.offset + Math.min(error.length, 30));
    const isUnquoted = /^['\w$]/.test(symbol) && !/^(true|false|null|-?\d)/.test(symbol);
    return `unexpected \`${symbol}\`${isUnquoted ? " (strings and property names need double quotes)" : ""}`;
  }
  return JSON_ERROR_TEXT[error.error] ?? "syntax error";
}

/** Strips a byte-order mark, which editors on Windows like to add and JSON parsers reject. */
function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses JSON, tolerating comments and trailing commas (registries are often hand-edited JSONC).
 * @throws RegistryError at the first syntax error.
 */
export function parseJsonDocument(file: string, rawText: string): RegistryDocument {
  const text = withoutBom(rawText);
  if (text.trim() === "") throw locatedError(file, text, 0, "invalid JSON: the file is empty");
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first || tree === undefined) {
    const what = first ? describeJsonError(first, text) : "expected a value";
    throw locatedError(file, text, first?.offset ?? 0, `invalid JSON: ${what}`);
  }
  return new RegistryDocument(file, text, [fromJson(tree)]);
}

function fromJson(node: JsonNode): DocNode {
  switch (node.type) {
    case "object":
      return {
        kind: "object",
        offset: node.offset,
        entries: (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          if (key === undefined || value === undefined) return [];
          return [{ key: String(key.value), offset: key.offset, value: fromJson(value) }];
        }),
      };
    case "array":
      return { kind: "array", offset: node.offset, items: (node.children ?? []).map(fromJson) };
    default:
      return { kind: "scalar", offset: node.offset, value: node.value };
  }
}

/**
 * Parses a YAML stream (one root per document), or the front matter of a Markdown file.
 * @throws RegistryError at the first syntax error.
 */
export function parseYamlDocument(file: string, rawText: string): RegistryDocument {
  const text = withoutBom(rawText);
  if (/\.(md|markdown|mdx)$/i.test(file)) return parseFrontMatter(file, text);
  return new RegistryDocument(file, text, parseYamlAt(file, text, text, 0));
}

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*\r?$/m;

function parseFrontMatter(file: string, text: string): RegistryDocument {
  const match = FRONT_MATTER.exec(text);
  if (match?.index !== 0) {
    throw locatedError(file, text, 0, "Markdown file has no YAML front matter (a `---` block at the top)", "narrow the registry glob to the flag files");
  }
  const body = match[1]!;
  const bodyOffset = match[0].indexOf("\n") + 1;
  return new RegistryDocument(file, text, parseYamlAt(file, text, body, bodyOffset));
}

/** Parses `source` (a slice of `text` starting at `base`) and reports positions in `text`. */
function parseYamlAt(file: string, text: string, source: string, base: number): DocNode[] {
  const documents = parseAllDocuments(source, { prettyErrors: false });
  if (!Array.isArray(documents)) return []; // an empty stream
  const roots: DocNode[] = [];
  for (const document of documents) {
    const first = document.errors[0];
    if (first) throw locatedError(file, text, base + first.pos[0], `invalid YAML: ${firstLine(first.message)}`);
    // A stream may end with `---` or hold comments only: such documents define nothing.
    if (document.contents === null || (isScalar(document.contents) && document.contents.value === null)) continue;
    roots.push(fromYaml(document.contents, document, base, new AliasBudget(file, text, base)));
  }
  return roots;
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * Aliases are expanded here (the tree is walked by hand, so the \`yaml\` package's \`maxAliasCount\`, which
 * guards its \`toJS\`, does not apply): an alias inside its own anchor would recurse forever and nine levels of
 * nine aliases expand to 387 million nodes. Both are refused, naming the limit and the file.
 */
class AliasBudget {
  readonly expanding = new Set<YamlNode>();
  /** Nodes built so far, aliases counted at their expanded size. */
  nodes = 0;
  /** Expanded aliases may at most double a file's own size, and a small file gets room for 100,000 nodes. */
  readonly limit: number;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly base: number,
  ) {
    this.limit = Math.max(MAX_YAML_NODES, 2 * text.length);
  }
}

/** The node count below which aliases are never refused (see {@link AliasBudget}). */
export const MAX_YAML_NODES = 100_000;

function fromYaml(node: YamlNode, document: Document.Parsed, base: number, budget: AliasBudget): DocNode {
  const offset = base + (node.range?.[0] ?? 0);
  if (++budget.nodes > budget.limit) {
    throw locatedError(budget.file, budget.text, offset, `YAML aliases expand to more than ${budget.limit} nodes`, "an alias bomb? expand the aliases by hand");
  }
  if (isAlias(node)) {
    const target = node.resolve(document);
    if (!target) return { kind: "scalar", offset, value: null };
    if (budget.expanding.has(target)) {
      throw locatedError(budget.file, budget.text, offset, `YAML alias *${node.source} refers to a node that contains it`, "an alias cannot point into its own anchor");
    }
    budget.expanding.add(target);
    try {
      return fromYaml(target, document, base, budget);
    } finally {
      budget.expanding.delete(target);
    }
  }
  if (isMap(node)) {
    const entries: DocEntry[] = [];
    const merged: DocEntry[] = [];
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      const keyOffset = base + (key?.range?.[0] ?? node.range?.[0] ?? 0);
      const keyText = isScalar(key) ? String(key.value) : String(key);
      const value = pair.value as YamlNode | null;
      const converted: DocNode = value ? fromYaml(value, document, base, budget) : { kind: "scalar", offset: keyOffset, value: null };
      // `<<: *defaults` (YAML merge keys) is how registries share metadata between flags.
      if (keyText === "<<" && isScalar(key) && key.type === "PLAIN") merged.push(...mergedEntries(converted));
      else entries.push({ key: keyText, offset: keyOffset, value: converted });
    }
    // Explicit keys win over merged ones, and earlier merged maps over later ones, as YAML specifies.
    const seen = new Set(entries.map((entry) => entry.key));
    for (const entry of merged) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      entries.push(entry);
    }
    return { kind: "object", offset, entries };
  }
  if (isSeq(node)) {
    return {
      kind: "array",
      offset,
      items: node.items.map((item) =>
        item ? fromYaml(item as YamlNode, document, base, budget) : { kind: "scalar", offset, value: null },
      ),
    };
  }
  return { kind: "scalar", offset, value: isScalar(node) ? node.value : null };
}

function mergedEntries(value: DocNode): DocEntry[] {
  if (value.kind === "object") return value.entries;
  if (value.kind === "array") return value.items.flatMap((item) => (item.kind === "object" ? item.entries : []));
  return [];
}

/** The value of the first of `names` present in an object. */
export function getField(object: DocObject, ...names: string[]): DocEntry | undefined {
  for (const name of names) {
    const entry = object.entries.find((candidate) => candidate.key === name);
    if (entry) return entry;
  }
  return undefined;
}

/** Human name of a node's kind, for messages. */
export function describeNode(node: DocNode): string {
  if (node.kind === "object") return "an object";
  if (node.kind === "array") return "a list";
  if (node.value === null) return "null";
  return `a ${typeof node.value}`;
}
