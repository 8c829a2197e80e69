// Before:  {% if waffle.flag('ff_x') %}        After (on):   <b>new</b>
//            <b>new</b>
//          {% elif other %}                      After (off):  {% if other %}
//            <i>other</i>                                        <i>other</i>
//          {% else %}                                          {% else %}
//            <i>old</i>                                          <i>old</i>
//          {% endif %}                                         {% endif %}
// An `if`/`elif` whose condition folds to a constant loses its tag (and the branches that can no longer
// render); the kept branch is re-indented to the tag's indentation. A condition that still depends on
// something else keeps the rest (`a and waffle.flag('x')` -> `a`); any other check becomes `True`/`False`.
import type { ResolvedConfig } from "../../config/schema.js";
import { applyEdits, type Edit } from "../../cleanup/edit.js";
import { dedent, lineStart, nextLineStart } from "../../cleanup/lines.js";
import type { FileCleanupInput, FileCleanupOutput, LanguageCleanup } from "../language.js";
import { foldCondition, foldConditionalExpression } from "./expression.js";
import { findChecks, jinjaAccessors, type JinjaCheck } from "./scanner.js";
import { parseJinja, type JinjaBlock, type JinjaTag, type ParsedJinja } from "./template.js";

export function cleanupJinjaText(input: FileCleanupInput, config: ResolvedConfig): FileCleanupOutput {
  const original = input.text;
  const accessors = jinjaAccessors(config.accessors);
  let text = original;
  let removed = 0;
  if (parseJinja(text).error !== undefined) return { text: original, removedReferences: 0, problems: [] };
  // One check per pass, the last in the file first: positions after an edit come from a fresh parse.
  for (let guard = 0; guard < 1000; guard++) {
    const parsed = parseJinja(text);
    const check = findChecks(text, parsed, accessors)
      .filter((candidate) => candidate.flag === input.flag)
      .sort((a, b) => b.call.start - a.call.start)[0];
    if (check === undefined) break;
    text = applyEdits(text, rewrite(text, parsed, check, input.value)).text;
    removed++;
  }
  return { text: text === original ? original : text, removedReferences: Math.min(removed, input.references.length), problems: [] };
}

function rewrite(text: string, parsed: ParsedJinja, check: JinjaCheck, value: boolean): Edit[] {
  const literal: Edit[] = [{ start: check.call.start, end: check.call.end, text: value ? "True" : "False" }];
  const tag = check.call.tag;
  // `{{ 'new' if waffle.flag('x') else 'old' }}` and `{% set v = a if waffle.flag('x') else b %}`.
  if (tag.type === "expression" || tag.name === "set") {
    const assignment = tag.type === "statement" ? /^[^=]*=(?!=)/.exec(text.slice(tag.argsStart, tag.codeEnd)) : null;
    const conditional = foldConditionalExpression(text, tag.argsStart + (assignment?.[0].length ?? 0), tag.codeEnd, check.call, value);
    if (conditional !== undefined) return [conditional];
  }
  if (tag.type !== "statement" || (tag.name !== "if" && tag.name !== "elif")) return literal;
  const block = parsed.blocks.find((candidate) => candidate.open.name === "if" && (candidate.open === tag || candidate.middles.includes(tag)));
  if (block === undefined) return literal;
  const folded = foldCondition(text, tag.argsStart, tag.codeEnd, check.call, value);
  if (!("value" in folded)) return [{ start: tag.argsStart, end: tag.codeEnd, text: folded.text }];
  const branches = [block.open, ...block.middles];
  const index = branches.indexOf(tag);
  const next = branches[index + 1] ?? block.close;
  if (folded.value) {
    if (index === 0) return [keepBranch(text, block, tag, next)];
    // `{% elif true %}` becomes the `{% else %}`; the branches after it can never render.
    return [{ start: tag.start, end: block.close.start, text: retag(text, tag, "else", "") + text.slice(tag.end, next.start) }];
  }
  if (index > 0) return [removeSpan(text, tag.start, next.start)];
  if (next === block.close) return [removeWhole(text, block)];
  if (next.name === "else") return [keepBranch(text, block, next, block.close)];
  // `{% if false %}a{% elif b %}` -> `{% if b %}`.
  return [removeSpan(text, tag.start, next.start), { start: next.codeStart, end: next.argsStart, text: "if " }];
}

/** The tag with another name (and arguments), keeping its delimiters and whitespace control. */
function retag(text: string, tag: JinjaTag, name: string, args: string): string {
  return text.slice(tag.start, tag.codeStart) + name + (args === "" ? "" : ` ${args}`) + text.slice(tag.codeEnd, tag.end);
}

function aloneOnLine(text: string, start: number, end: number): boolean {
  const lineEnd = text.indexOf("\n", end);
  return /^[ \t]*$/.test(text.slice(lineStart(text, start), start)) && /^[ \t]*\r?$/.test(text.slice(end, lineEnd === -1 ? text.length : lineEnd));
}

/** Removes `[start, end)`, as whole lines when both ends start a line. */
function removeSpan(text: string, start: number, end: number): Edit {
  const startsLine = (offset: number) => /^[ \t]*$/.test(text.slice(lineStart(text, offset), offset));
  if (startsLine(start) && startsLine(end)) return { start: lineStart(text, start), end: lineStart(text, end), text: "" };
  return { start, end, text: "" };
}

function removeWhole(text: string, block: JinjaBlock): Edit {
  if (aloneOnLine(text, block.open.start, block.close.end)) return { start: lineStart(text, block.open.start), end: nextLineStart(text, block.close.end), text: "" };
  return { start: block.open.start, end: block.close.end, text: "" };
}

/** Replaces the whole block by the body between `from` and `to`, re-indented to the block's indentation. */
function keepBranch(text: string, block: JinjaBlock, from: JinjaTag, to: JinjaTag): Edit {
  const whole = aloneOnLine(text, block.open.start, block.open.end) && aloneOnLine(text, block.close.start, block.close.end) && aloneOnLine(text, from.start, from.end) && aloneOnLine(text, to.start, to.end);
  if (!whole) return { start: block.open.start, end: block.close.end, text: text.slice(from.end, to.start) };
  const bodyStart = nextLineStart(text, from.end);
  const bodyEnd = lineStart(text, to.start);
  const body = bodyStart <= bodyEnd ? text.slice(bodyStart, bodyEnd) : "";
  const indent = /^[ \t]*/.exec(text.slice(lineStart(text, block.open.start)))![0];
  return { start: lineStart(text, block.open.start), end: nextLineStart(text, block.close.end), text: dedent(body, indent) };
}

/** The Jinja2 template rewrite for `flag-scan cleanup`. */
export function createJinjaCleanup(config: ResolvedConfig): LanguageCleanup {
  return {
    cleanupFile: (input) => cleanupJinjaText(input, config),
    parseError(text) {
      const error = parseJinja(text).error;
      if (error === undefined) return undefined;
      const before = text.slice(0, error.offset);
      return `${before.split("\n").length}:${error.offset - before.lastIndexOf("\n")} ${error.message}`;
    },
  };
}
