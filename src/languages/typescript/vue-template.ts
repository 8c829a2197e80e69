/**
 * The expressions of a Vue component's `<template>`: `{{ expr }}` interpolations and the values of
 * directives and bound attributes (`v-if`, `v-else-if`, `v-show`, the source of `v-for`, `:prop` /
 * `v-bind:prop`, `@event` / `v-on:event` handlers, `v-model` and custom directives). Each is written into the
 * blanked text of the component at its own offset, as a statement (`;(expr)`, a handler as `;{stmts}`), so the
 * scanner reads it in the scope of `<script setup>`'s top level with the file's own lines and columns.
 * Kept free of TypeScript, like sfc.ts.
 */

/** One template expression: `[start, end)` is the expression's text; `handler` ones may be statements. */
export interface TemplateExpression {
  start: number;
  end: number;
  handler: boolean;
}

const TEMPLATE_OPEN = /<template\b[^>]*>/gi;
const TEMPLATE_TAG = /<(\/?)template\b[^>]*>/gi;
/** `v-slot`, `#default` and Vue 2 `slot-scope` bind names; they are not read as expressions. */
const BINDING_ATTRIBUTES = /^(?:v-slot(?::|$)|#|slot-scope$|scope$)/;
const HTML_ENTITY = /&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i;

/**
 * The expressions of the top-level `<template>` block, skipping any range in `exclude` (the script blocks).
 * An expression holding an HTML entity (`&quot;`) is skipped: decoding it would move every offset after it.
 */
export function vueTemplateExpressions(text: string, exclude: ReadonlyArray<readonly [number, number]>): TemplateExpression[] {
  const block = templateBlock(text, exclude);
  // `<template lang="pug">` and other preprocessors are not HTML: their markup is not read.
  if (!block || block.lang !== undefined) return [];
  const found: TemplateExpression[] = [];
  // The statement's opener takes the two characters before the expression (`="`, `{{`, ` in `), its closer the
  // one after (the quote, `}`): never a line break, so every line stays where it is.
  const add = (start: number, end: number, handler: boolean): void => {
    const expression = text.slice(start, end);
    if (expression.trim() === "" || HTML_ENTITY.test(expression)) return;
    found.push({ start, end, handler });
  };
  let at = block.start;
  while (at < block.end) {
    if (text.startsWith("<!--", at)) {
      const close = text.indexOf("-->", at + 4);
      at = close === -1 ? block.end : close + 3;
    } else if (text.startsWith("{{", at)) {
      const close = text.indexOf("}}", at + 2);
      if (close === -1 || close > block.end) break;
      add(at + 2, close, false);
      at = close + 2;
    } else if (text[at] === "<" && /[A-Za-z]/.test(text[at + 1] ?? "")) {
      at = readTag(text, at, block.end, add);
    } else {
      at++;
    }
  }
  return found;
}

/** Reads one start tag's attributes; returns where the tag ends. */
function readTag(text: string, at: number, limit: number, add: (start: number, end: number, handler: boolean) => void): number {
  const name = /^<([A-Za-z][^\s/>]*)/.exec(text.slice(at, at + 200));
  let i = at + (name?.[0].length ?? 1);
  while (i < limit) {
    while (i < limit && /\s/.test(text[i]!)) i++;
    if (text[i] === ">") return i + 1;
    if (text.startsWith("/>", i)) return i + 2;
    const attribute = /^[^\s"'>/=]+/.exec(text.slice(i, i + 200));
    if (!attribute) {
      i++;
      continue;
    }
    const attributeName = attribute[0];
    i += attributeName.length;
    let j = i;
    while (j < limit && /\s/.test(text[j]!)) j++;
    if (text[j] !== "=") continue;
    j++;
    while (j < limit && /\s/.test(text[j]!)) j++;
    const quote = text[j];
    if (quote !== '"' && quote !== "'") {
      // An unquoted value is a plain word, never an expression worth reading.
      while (j < limit && !/[\s>]/.test(text[j]!)) j++;
      i = j;
      continue;
    }
    const close = text.indexOf(quote, j + 1);
    if (close === -1 || close > limit) return limit;
    readAttribute(text, attributeName, j + 1, close, add);
    i = close + 1;
  }
  return limit;
}

function readAttribute(text: string, name: string, start: number, end: number, add: (start: number, end: number, handler: boolean) => void): void {
  if (BINDING_ATTRIBUTES.test(name)) return;
  if (name.startsWith("@") || name.startsWith("v-on:") || name === "v-on") return add(start, end, name !== "v-on");
  if (name === "v-for") {
    // `item in items`, `(item, index) of items`: only the source is an expression.
    const source = /^\s*(?:\([^)]*\)|[^\s()]+)\s+(?:in|of)[ \t]/.exec(text.slice(start, end));
    if (source) add(start + source[0].length, end, false);
    return;
  }
  if (name.startsWith(":") || name.startsWith(".") || name.startsWith("v-")) add(start, end, false);
}

/** The inside of the first top-level `<template>` outside the script blocks, up to its matching close. */
function templateBlock(text: string, exclude: ReadonlyArray<readonly [number, number]>): { start: number; end: number; lang?: string } | undefined {
  const outside = (offset: number): boolean => !exclude.some(([from, to]) => offset >= from && offset < to);
  TEMPLATE_OPEN.lastIndex = 0;
  let open: RegExpExecArray | null;
  do open = TEMPLATE_OPEN.exec(text);
  while (open && !outside(open.index));
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const lang = /\slang\s*=\s*["']?([\w-]+)/i.exec(open[0])?.[1]?.toLowerCase();
  if (lang !== undefined && lang !== "html") return { start, end: start, lang };
  TEMPLATE_TAG.lastIndex = start;
  let depth = 1;
  for (let tag = TEMPLATE_TAG.exec(text); tag; tag = TEMPLATE_TAG.exec(text)) {
    if (!outside(tag.index)) continue;
    if (tag[1] === "/") depth--;
    else if (!tag[0].endsWith("/>")) depth++;
    if (depth === 0) return { start, end: tag.index };
  }
  return { start, end: text.length };
}

/**
 * Writes the expressions into `blanked` (the component with everything outside its scripts blanked to
 * spaces) at their own offsets: `;(expr)`, or `;{handler}`.
 */
export function writeTemplateExpressions(original: string, blanked: string, expressions: readonly TemplateExpression[]): string {
  if (expressions.length === 0) return blanked;
  let out = "";
  let at = 0;
  for (const { start, end, handler } of expressions) {
    out += blanked.slice(at, start - 2) + (handler ? ";{" : ";(") + original.slice(start, end) + (handler ? "}" : ")");
    at = end + 1;
  }
  return out + blanked.slice(at);
}

/**
 * The template expressions each parsed component holds: the reference finder reads them after the
 * scripts, whose names they use, whatever their order in the file.
 */
export const templateExpressionsOf = new WeakMap<object, readonly TemplateExpression[]>();

const SVELTE_CONDITION = /\{(?:#if|:else if)[ \t]/g;
const STYLE_BLOCK = /<style\b[^>]*>[\s\S]*?<\/style\s*>/gi;

/**
 * The conditions of a Svelte component's `{#if expr}` and `{:else if expr}` blocks (its other markup is not
 * read), outside the script and style blocks. The condition ends at the `}` that closes its block, past
 * braces and strings inside it.
 */
export function svelteConditions(text: string, exclude: ReadonlyArray<readonly [number, number]>): TemplateExpression[] {
  const skipped: Array<readonly [number, number]> = [...exclude];
  STYLE_BLOCK.lastIndex = 0;
  for (let style = STYLE_BLOCK.exec(text); style; style = STYLE_BLOCK.exec(text)) skipped.push([style.index, style.index + style[0].length]);
  const found: TemplateExpression[] = [];
  SVELTE_CONDITION.lastIndex = 0;
  for (let open = SVELTE_CONDITION.exec(text); open; open = SVELTE_CONDITION.exec(text)) {
    if (skipped.some(([from, to]) => open!.index >= from && open!.index < to)) continue;
    const start = open.index + open[0].length;
    const end = closingBrace(text, start);
    if (end === undefined) break;
    const expression = text.slice(start, end);
    if (expression.trim() !== "") found.push({ start, end, handler: false });
    SVELTE_CONDITION.lastIndex = end;
  }
  return found;
}

/** The offset of the `}` that closes a block opened before `start`, or undefined. */
function closingBrace(text: string, start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === "`") {
      const close = text.indexOf(c, i + 1);
      if (close === -1) return undefined;
      i = close;
    } else if (c === "{") depth++;
    else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}
