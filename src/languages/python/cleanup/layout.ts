import type { Edit } from "../../../cleanup/edit.js";
import { indentAt, isBlankLine, lineStart, nextLineStart, startsLine } from "../../../cleanup/lines.js";
import type { Node } from "../parser.js";
import { named } from "../syntax.js";

export { indentAt, lineStart, nextLineStart, startsLine };

/** Comment lines that belong to the file, never to the statement below: shebang, coding, licenses, tool directives. */
const DIRECTIVE = /^[ \t]*#(!|.*(-\*-|coding[:=]|SPDX-License-Identifier|copyright|\(c\)|license|noqa|type:|pylint:|mypy:|isort:|fmt:|pragma))/i;

/**
 * The first line of a statement including comment lines directly above it (they describe it); a
 * comment block that opens the file is its header and stays, as directive lines anywhere do.
 */
function withLeadingComments(text: string, start: number): number {
  const own = lineStart(text, start);
  let first = own;
  while (first > 0) {
    const previous = lineStart(text, first - 1);
    const line = text.slice(previous, first);
    if (!/^[ \t]*#/.test(line) || DIRECTIVE.test(line)) break;
    first = previous;
  }
  return first === 0 ? own : first;
}

/**
 * Deletes whole statements (the lines from the first node's line to the last node's), with the comments
 * attached above them. Blank lines that separated the deleted code from its neighbours are collapsed so
 * the spacing around what remains stays as it was. A block left without statements gets `pass`.
 */
export function deleteStatements(text: string, first: Node, last: Node = first): Edit {
  let start = withLeadingComments(text, first.startIndex);
  let end = nextLineStart(text, last.endIndex);
  const block = first.parent;
  const remaining = block === null ? [] : named(block).filter((node) => node.type !== "comment" && (node.endIndex <= first.startIndex || node.startIndex >= last.endIndex));
  if (block !== null && block.type === "block" && remaining.length === 0)
    return { start, end, text: `${indentAt(text, first.startIndex)}pass${lineEnding(text)}` };
  const opensBlock = block !== null && block.type === "block" && remaining.every((node) => node.startIndex >= last.endIndex);
  if (start === 0 || opensBlock) {
    // Nothing above (in the file or the block): the blank lines that separated the deleted code from what follows go with it.
    while (end < text.length && isBlankLine(text, end)) end = nextLineStart(text, end);
  } else if (isBlankLine(text, lineStart(text, start - 1)) && (end >= text.length || isBlankLine(text, end))) {
    // Blank lines on both sides: keep the ones below, which separate what follows.
    while (start > 0 && isBlankLine(text, lineStart(text, start - 1))) start = lineStart(text, start - 1);
  }
  return { start, end, text: "" };
}

export function lineEnding(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/**
 * The statements of a block as lines re-indented to `indent`, for replacing a compound statement by
 * one of its bodies. Works on whole lines, so comments inside the body stay where they were.
 */
export function blockLines(text: string, block: Node, indent: string): string {
  const colonLineEnd = text.indexOf("\n", text.lastIndexOf(":", block.startIndex));
  // `if x: a()` keeps its body on the colon's line.
  if (colonLineEnd === -1 || colonLineEnd > block.startIndex) return `${indent}${text.slice(block.startIndex, block.endIndex)}${lineEnding(text)}`;
  const start = colonLineEnd + 1;
  const end = nextLineStart(text, block.endIndex);
  const bodyIndent = indentAt(text, block.startIndex);
  const strings = block.descendantsOfType("string").filter((node): node is Node => node !== null && node.text.includes("\n"));
  let offset = start;
  return text
    .slice(start, end)
    .split(/(?<=\n)/)
    .map((line) => {
      const lineOffset = offset;
      offset += line.length;
      // Lines inside a multi-line string are its content: never re-indent them.
      if (strings.some((node) => lineOffset > node.startIndex && lineOffset < node.endIndex)) return line;
      if (/^[ \t]*\r?\n?$/.test(line)) return line.replace(/^[ \t]+/, "");
      return line.startsWith(bodyIndent) ? indent + line.slice(bodyIndent.length) : line;
    })
    .join("");
}
