// Before:  {% flag "ff_x" %}                 After (on):   <b>new</b>
//            <b>new</b>
//          {% else %}                         After (off):  <i>old</i>
//            <i>old</i>
//          {% endflag %}
// Replaces each `{% flag %}` block of the flag by the branch that renders, re-indented to the tag's
// indentation; `{% load waffle_tags %}` goes when no waffle tag is left.
import { parseTemplate, templateString, type TemplateBlock } from "./template.js";
import { applyEdits, type Edit } from "../../cleanup/edit.js";
import type { FileCleanupInput, FileCleanupOutput, LanguageCleanup } from "../language.js";
import { dedent, lineStart, nextLineStart } from "../../cleanup/lines.js";

const WAFFLE_TAGS = ["flag", "switch", "sample", "wafflejs"];

export function cleanupTemplateText(input: FileCleanupInput): FileCleanupOutput {
  const original = input.text;
  const accessors = new Set(input.references.map((reference) => reference.accessor));
  let text = original;
  let removed = 0;
  // One block per pass: positions after an edit come from a fresh parse.
  for (let guard = 0; guard < 1000; guard++) {
    const blocks = parseTemplate(text, accessors).blocks.filter(
      (block) => accessors.has(block.open.name) && templateString(block.open.args[0]?.text ?? "") === input.flag,
    );
    // Innermost last-starting first, so an enclosing block of the same flag is redone on the result.
    const block = blocks.sort((a, b) => b.open.start - a.open.start)[0];
    if (block === undefined) break;
    text = applyEdits(text, [replaceBlock(text, block, input.value)]).text;
    removed++;
  }
  // Every `{% load %}` of waffle_tags goes, one per pass.
  if (removed > 0) for (let pass = 0, before = ""; pass < 20 && before !== text; pass++) [before, text] = [text, dropUnusedLoad(original, text)];
  return { text: text === original ? original : text, removedReferences: Math.min(removed, input.references.length), problems: [] };
}

function aloneOnLine(text: string, start: number, end: number): boolean {
  const before = text.slice(lineStart(text, start), start);
  const lineEnd = text.indexOf("\n", end);
  const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
  return /^[ \t]*$/.test(before) && /^[ \t]*\r?$/.test(after);
}

function replaceBlock(text: string, block: TemplateBlock, value: boolean): Edit {
  const elseTag = block.middles.find((tag) => tag.name === "else");
  const [from, to] = value ? [block.open, elseTag ?? block.close] : elseTag === undefined ? [undefined, undefined] : [elseTag, block.close];
  const whole = aloneOnLine(text, block.open.start, block.open.end) && aloneOnLine(text, block.close.start, block.close.end);
  const start = whole ? lineStart(text, block.open.start) : block.open.start;
  const end = whole ? nextLineStart(text, block.close.end) : block.close.end;
  if (from === undefined || to === undefined) {
    // A block alone on its line leaves no blank line behind.
    return aloneOnLine(text, block.open.start, block.close.end) ? { start: lineStart(text, block.open.start), end: nextLineStart(text, block.close.end), text: "" } : { start, end, text: "" };
  }
  if (!whole) return { start, end, text: text.slice(from.end, to.start) };
  const bodyStart = nextLineStart(text, from.end);
  const bodyEnd = lineStart(text, to.start);
  const body = bodyStart <= bodyEnd ? text.slice(bodyStart, bodyEnd) : "";
  const tagIndent = /^[ \t]*/.exec(text.slice(lineStart(text, block.open.start)))![0];
  return { start, end, text: dedent(body, tagIndent) };
}

function dropUnusedLoad(original: string, text: string): string {
  const usesWaffle = (source: string) => parseTemplate(source).tags.some((tag) => WAFFLE_TAGS.includes(tag.name));
  if (!usesWaffle(original) || usesWaffle(text)) return text;
  const load = parseTemplate(text).tags.find((tag) => tag.name === "load" && tag.args.some((arg) => arg.text === "waffle_tags") && !tag.args.some((arg) => arg.text === "from"));
  if (load === undefined) return text;
  // `{% load static waffle_tags %}` keeps `static`.
  if (load.args.length > 1) {
    const index = load.args.findIndex((arg) => arg.text === "waffle_tags");
    const arg = load.args[index]!;
    const previous = load.args[index - 1];
    return applyEdits(text, [previous === undefined ? { start: arg.start, end: load.args[index + 1]!.start, text: "" } : { start: previous.end, end: arg.end, text: "" }]).text;
  }
  if (!aloneOnLine(text, load.start, load.end)) return applyEdits(text, [{ start: load.start, end: load.end, text: "" }]).text;
  let end = nextLineStart(text, load.end);
  const start = lineStart(text, load.start);
  // The load was the first line: the blank line that separated it from the page goes too.
  if (start === 0) while (end < text.length && /^[ \t]*\r?\n/.test(text.slice(end))) end = nextLineStart(text, end);
  return applyEdits(text, [{ start, end, text: "" }]).text;
}

/** The Django template rewrite for `flag-scan cleanup`. */
export const djangoTemplateCleanup: LanguageCleanup = {
  cleanupFile: cleanupTemplateText,
  parseError(text) {
    const error = parseTemplate(text).error;
    if (error === undefined) return undefined;
    const before = text.slice(0, error.offset);
    const line = before.split("\n").length;
    return `${line}:${error.offset - before.lastIndexOf("\n")} ${error.message}`;
  },
};
