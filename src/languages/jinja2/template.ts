// A Jinja2 template's structure, as much as finding and removing flag checks needs: `{% %}` statements with
// their blocks (`if`/`elif`/`else`/`endif` and the other block tags), `{{ }}` expressions, comments and
// `{% raw %}` skipped, and the calls inside statements and expressions. Offsets are UTF-16, `end` exclusive.

/** One `{% ... %}` statement or `{{ ... }}` expression. */
export interface JinjaTag {
  type: "statement" | "expression";
  /** The statement's first word (`if`, `elif`, `endif`); "" for an expression. */
  name: string;
  start: number;
  end: number;
  /** The code between the delimiters and their whitespace-control marks, trimmed. */
  codeStart: number;
  codeEnd: number;
  /** Where the code after the name starts (`codeStart` for an expression). */
  argsStart: number;
}

/** A block statement with its branches and end tag: `{% if a %}...{% elif b %}...{% else %}...{% endif %}`. */
export interface JinjaBlock {
  open: JinjaTag;
  /** `elif`/`else`/`pluralize` tags that split the body, in order. */
  middles: JinjaTag[];
  close: JinjaTag;
  parent: JinjaBlock | undefined;
}

export interface ParsedJinja {
  tags: JinjaTag[];
  blocks: JinjaBlock[];
  error: { offset: number; message: string } | undefined;
}

/** A call `a.b.c(...)` inside a tag. */
export interface JinjaCall {
  /** The dotted callee as written without spaces (`waffle.flag`). */
  callee: string;
  start: number;
  /** After the closing parenthesis. */
  end: number;
  /** Positional arguments, trimmed; keyword arguments are left out. */
  args: Array<{ start: number; end: number; text: string }>;
  tag: JinjaTag;
}

/** Block statements Jinja2 knows; a tag whose `end<name>` appears in the file is one too (extensions). */
const BLOCK_STATEMENTS = new Set(["if", "for", "block", "macro", "call", "filter", "with", "autoescape", "trans"]);
const MIDDLES: Record<string, string[]> = { if: ["elif", "else"], for: ["else"], trans: ["pluralize"] };

/** Tokenizes `text` and pairs block statements with their end tags. */
export function parseJinja(text: string): ParsedJinja {
  const tags: JinjaTag[] = [];
  let error: ParsedJinja["error"];
  for (let i = text.indexOf("{"); i !== -1 && i < text.length; i = text.indexOf("{", i)) {
    const kind = text[i + 1];
    if (kind === "#") {
      const close = text.indexOf("#}", i + 2);
      if (close === -1) {
        error ??= { offset: i, message: "`{#` comment is never closed" };
        break;
      }
      i = close + 2;
      continue;
    }
    if (kind !== "%" && kind !== "{") {
      i++;
      continue;
    }
    const end = findTagEnd(text, i + 2, kind === "%" ? "%}" : "}}");
    if (end === undefined) {
      error ??= { offset: i, message: kind === "%" ? "`{%` is never closed by `%}`" : "`{{` is never closed by `}}`" };
      break;
    }
    let codeStart = i + 2;
    if (text[codeStart] === "-" || text[codeStart] === "+") codeStart++;
    let codeEnd = end - 2;
    if (codeEnd > codeStart && (text[codeEnd - 1] === "-" || text[codeEnd - 1] === "+")) codeEnd--;
    while (codeStart < codeEnd && /\s/.test(text[codeStart]!)) codeStart++;
    while (codeEnd > codeStart && /\s/.test(text[codeEnd - 1]!)) codeEnd--;
    if (kind === "{") {
      tags.push({ type: "expression", name: "", start: i, end, codeStart, codeEnd, argsStart: codeStart });
      i = end;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(codeStart, codeEnd))?.[0] ?? "";
    let argsStart = codeStart + name.length;
    while (argsStart < codeEnd && /\s/.test(text[argsStart]!)) argsStart++;
    tags.push({ type: "statement", name, start: i, end, codeStart, codeEnd, argsStart });
    i = end;
    if (name === "raw") {
      const endRaw = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
      endRaw.lastIndex = end;
      const match = endRaw.exec(text);
      if (match === null) {
        error ??= { offset: tags[tags.length - 1]!.start, message: "`{% raw %}` is never closed" };
        break;
      }
      i = match.index + match[0].length;
    }
  }

  const statements = tags.filter((tag) => tag.type === "statement");
  const ended = new Set(statements.filter((tag) => tag.name.startsWith("end")).map((tag) => tag.name.slice(3)));
  const isOpener = (tag: JinjaTag): boolean => {
    if (tag.name === "set") return ended.has("set") && !text.slice(tag.argsStart, tag.codeEnd).includes("=");
    return BLOCK_STATEMENTS.has(tag.name) || (ended.has(tag.name) && !tag.name.startsWith("end"));
  };
  const blocks: JinjaBlock[] = [];
  const stack: JinjaBlock[] = [];
  for (const tag of statements) {
    const top = stack[stack.length - 1];
    if (top !== undefined && (MIDDLES[top.open.name] ?? []).includes(tag.name)) {
      top.middles.push(tag);
    } else if (tag.name.startsWith("end") && tag.name.length > 3) {
      if (top === undefined || top.open.name !== tag.name.slice(3)) {
        error ??= {
          offset: tag.start,
          message: top === undefined ? `\`{% ${tag.name} %}\` closes no open \`{% ${tag.name.slice(3)} %}\`` : `\`{% ${tag.name} %}\` found where \`{% end${top.open.name} %}\` was expected`,
        };
        continue;
      }
      stack.pop();
      top.close = tag;
      blocks.push(top);
    } else if (isOpener(tag)) {
      stack.push({ open: tag, middles: [], close: tag, parent: top });
    } else if (tag.name === "elif" || tag.name === "else") {
      error ??= { offset: tag.start, message: `\`{% ${tag.name} %}\` outside an \`{% if %}\`` };
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed !== undefined) error ??= { offset: unclosed.open.start, message: `\`{% ${unclosed.open.name} %}\` is never closed` };
  blocks.sort((a, b) => a.open.start - b.open.start);
  return { tags, blocks, error };
}

/** The offset after `closer`, skipping string literals and (for `}}`) nested braces; undefined when unclosed. */
function findTagEnd(text: string, from: number, closer: "%}" | "}}"): number | undefined {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text[i]!;
    if (char === "'" || char === '"') {
      const after = skipString(text, i);
      if (after === undefined) return undefined;
      i = after - 1;
    } else if (char === "{") depth++;
    else if (char === "}" && depth > 0) depth--;
    else if (depth === 0 && char === closer[0] && text[i + 1] === "}") return i + 2;
  }
  return undefined;
}

/** The offset after the string literal starting at `start`, or undefined when it does not end. */
function skipString(text: string, start: number): number | undefined {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i + 1;
  }
  return undefined;
}

/** Every call `a.b(...)` in the code of `tag`, outermost first in source order. */
export function findCalls(text: string, tag: JinjaTag): JinjaCall[] {
  const calls: JinjaCall[] = [];
  const end = tag.codeEnd;
  for (let i = tag.argsStart; i < end; i++) {
    const char = text[i]!;
    if (char === "'" || char === '"') {
      i = (skipString(text, i) ?? end) - 1;
      continue;
    }
    if (!/[A-Za-z_]/.test(char) || /[A-Za-z0-9_.]/.test(text[i - 1] ?? "")) continue;
    const chain = /^[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*/.exec(text.slice(i, end))![0];
    let open = i + chain.length;
    while (open < end && /\s/.test(text[open]!)) open++;
    if (text[open] !== "(") {
      i += chain.length - 1;
      continue;
    }
    const close = matchingParen(text, open, end);
    if (close === undefined) break;
    calls.push({ callee: chain.replace(/\s+/g, ""), start: i, end: close + 1, args: splitArgs(text, open + 1, close), tag });
    i += chain.length - 1;
  }
  return calls;
}

function matchingParen(text: string, open: number, end: number): number | undefined {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const char = text[i]!;
    if (char === "'" || char === '"') i = (skipString(text, i) ?? end) - 1;
    else if (char === "(" || char === "[" || char === "{") depth++;
    else if (char === ")" || char === "]" || char === "}") {
      depth--;
      if (depth === 0) return char === ")" ? i : undefined;
    }
  }
  return undefined;
}

function splitArgs(text: string, start: number, end: number): JinjaCall["args"] {
  const args: JinjaCall["args"] = [];
  let depth = 0;
  let from = start;
  const push = (to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    const arg = text.slice(a, b);
    // Keyword arguments (`name=...`) are not positional.
    if (arg !== "" && !/^[A-Za-z_][A-Za-z0-9_]*\s*=(?!=)/.test(arg)) args.push({ start: a, end: b, text: arg });
  };
  for (let i = start; i < end; i++) {
    const char = text[i]!;
    if (char === "'" || char === '"') i = (skipString(text, i) ?? end) - 1;
    else if (char === "(" || char === "[" || char === "{") depth++;
    else if (char === ")" || char === "]" || char === "}") depth--;
    else if (char === "," && depth === 0) {
      push(i);
      from = i + 1;
    }
  }
  push(end);
  return args;
}

/**
 * The value of a Jinja string literal, adjacent literals concatenated as Jinja does (`'a' 'b'`); undefined
 * for anything else (a variable, `'a' ~ b`).
 */
export function jinjaString(code: string): string | undefined {
  const parts = [...code.matchAll(/\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*/gy)];
  if (parts.length === 0 || parts.reduce((length, part) => length + part[0].length, 0) !== code.length) return undefined;
  return parts.map((part) => (part[1] ?? part[2]!).replace(/\\(.)/g, "$1")).join("");
}
