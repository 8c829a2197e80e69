// Line arithmetic on plain text, shared by every language's layout code: rewrites delete and move whole
// lines so that what is kept keeps its formatting.

/** Position of the first character of the line holding `pos`. */
export function lineStart(text: string, pos: number): number {
  return text.lastIndexOf("\n", pos - 1) + 1;
}

/** Position just after the line's `\n` (or the end of the text). */
export function nextLineStart(text: string, pos: number): number {
  const newline = text.indexOf("\n", pos);
  return newline === -1 ? text.length : newline + 1;
}

/** The spaces and tabs that start the line holding `pos`. */
export function indentAt(text: string, pos: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, pos)))?.[0] ?? "";
}

/** Whether only spaces and tabs stand between the line start and `pos`. */
export function startsLine(text: string, pos: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, pos), pos));
}

/** Whether the line starting at `start` holds only whitespace (false past the end of the text). */
export function isBlankLine(text: string, start: number): boolean {
  if (start >= text.length) return false;
  const end = text.indexOf("\n", start);
  return /^[ \t]*\r?$/.test(text.slice(start, end === -1 ? text.length : end));
}

/** Whether only whitespace (or a `//` line comment, as JS and JSONC write them) follows `pos` on its line. */
export function endsLine(text: string, pos: number): boolean {
  const end = text.indexOf("\n", pos);
  const rest = text.slice(pos, end === -1 ? text.length : end);
  return /^[ \t]*(\/\/.*)?\r?$/.test(rest);
}

/** Moves the lines of `body` from their common indentation to `indent` (a kept template branch). */
export function dedent(body: string, indent: string): string {
  const lines = body.split(/(?<=\n)/);
  const common = lines
    .filter((line) => line.trim() !== "")
    .map((line) => /^[ \t]*/.exec(line)![0])
    .reduce<string | undefined>((shortest, current) => (shortest === undefined || current.length < shortest.length ? current : shortest), undefined);
  if (common === undefined || common.length <= indent.length) return body;
  return lines.map((line) => (line.startsWith(common) ? indent + line.slice(common.length) : line)).join("");
}
