import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";
import { hashContent, noteRead } from "./tracked-fs.js";

/** Files larger than this are generated or vendored; parsing them would cost seconds and find nothing. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Reads a file as text without ever throwing: binary files (a NUL byte early on, see `isBinary`) give no text and
 * `binary`, UTF-16 with a BOM is decoded, oversized
 * and unreadable files give an error to report, invalid UTF-8 decodes with replacement characters, and a
 * BOM is removed (reference offsets are into the text without it).
 */
export function readText(file: string, options: { hash?: boolean } = {}): { text?: string; error?: string; binary?: boolean; raw?: string } {
  const read = readUndecoded(file, options);
  if (read.utf8 === undefined) return read;
  const text = decodeUtf8(read.utf8);
  return read.raw === undefined ? { text } : { text, raw: read.raw };
}

/**
 * `readText` that leaves UTF-8 content undecoded (`utf8`): the prefilter tests the bytes of the thousands
 * of files that mention no accessor, and only those that do are decoded (`decodeUtf8`). UTF-16 is decoded
 * (`text`); errors and binary content are as `readText` says.
 */
export function readUndecoded(file: string, options: { hash?: boolean } = {}): { text?: string; utf8?: Buffer; error?: string; binary?: boolean; raw?: string } {
  let buffer: Buffer;
  try {
    // One read, no stat: the size check after reading costs nothing for the files that matter.
    buffer = readFileSync(file);
  } catch (error) {
    noteRead(file, undefined);
    return { error: `could not be read: ${firstLine(error)}` };
  }
  const raw = options.hash ? hashContent(buffer) : undefined;
  noteRead(file, buffer, raw);
  if (buffer.length > MAX_FILE_BYTES) return { error: `skipped: larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB (generated?)` };
  // UTF-16 (Windows editors save it) is text whose every other byte is NUL: decoded when its BOM says so.
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: buffer.subarray(2).toString("utf16le") };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: Buffer.from(buffer.subarray(2)).swap16().toString("utf16le") };
  if (isBinary(buffer)) return { binary: true };
  return raw === undefined ? { utf8: buffer } : { utf8: buffer, raw };
}

/** How much of a file's start (bytes) the binary test looks at, as git's own test does. */
const SNIFF_BYTES = 8000;

/**
 * Binary content: a NUL byte in the first 8000 bytes (git's test), unless the file is valid UTF-8 whose only
 * control bytes there are whitespace and a rare NUL (one, or one in a hundred bytes). Source code can hold
 * a raw NUL in a string or template literal, as a separator (`${language}\0${code}` in
 * superset-sh/superset's code-block.tsx), and TypeScript parses it; a video saved as `.ts` (MPEG
 * transport stream) is not UTF-8, and other blobs hold other control bytes or many NULs.
 */
function isBinary(buffer: Buffer): boolean {
  const start = buffer.subarray(0, SNIFF_BYTES);
  if (!start.includes(0)) return false;
  if (!isUtf8(buffer)) return true;
  let nuls = 0;
  for (const byte of start) {
    if (byte === 0) nuls++;
    // Tab, newline, vertical tab, form feed, carriage return and escape are text.
    else if (byte < 0x20 && (byte < 0x09 || byte > 0x0d) && byte !== 0x1b) return true;
  }
  return nuls > Math.max(1, start.length / 100);
}

/** The text of UTF-8 content: invalid sequences decode with replacement characters, a BOM is removed. */
export function decodeUtf8(buffer: Buffer): string {
  const text = buffer.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Whether text, or UTF-8 content, contains `needle`. In UTF-8 content an ASCII needle is found byte for
 * byte exactly where the decoded text has it (ASCII bytes decode to themselves, even next to invalid
 * sequences, and never occur inside a multi-byte one); other needles are looked for in the decoded text.
 */
export function contains(content: string | Buffer, needle: string): boolean {
  if (typeof content === "string") return content.includes(needle);
  return isAscii(needle) ? content.includes(needle, 0, "latin1") : decodeUtf8(content).includes(needle);
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/** The lines of text or UTF-8 content (a newline byte is always a newline: it never occurs in a multi-byte sequence). */
export function countLines(content: string | Buffer): number {
  let lines = 1;
  if (typeof content === "string") for (let index = content.indexOf("\n"); index !== -1; index = content.indexOf("\n", index + 1)) lines++;
  else for (let index = content.indexOf(10); index !== -1; index = content.indexOf(10, index + 1)) lines++;
  return lines;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}

/**
 * A reader for the files a scan or a resolver needs, each read once (through `readText`) and then served
 * from memory; unreadable or binary files read as undefined.
 */
export function createCachedReader(
  /** Texts already read (absolute path -> text), which the reader serves and adds to. */
  texts = new Map<string, string | undefined>(),
  /**
   * When given, the hash of the bytes of each file the reader reads (null for no text), for
   * `ProjectContext.contentHash`: taken from the same read as the text.
   */
  hashes?: Map<string, string | null>,
): (file: string) => string | undefined {
  return (file) => {
    if (!texts.has(file)) {
      const { text, raw } = readText(file, { hash: hashes !== undefined });
      texts.set(file, text);
      hashes?.set(file, text === undefined ? null : raw!);
    }
    return texts.get(file);
  };
}

/** `ProjectContext.contentHash` over a reader made with `createCachedReader(texts, hashes)`. */
export function contentHasher(read: (file: string) => string | undefined, hashes: Map<string, string | null>): (file: string) => string | null {
  return (file) => {
    const known = hashes.get(file);
    if (known !== undefined) return known;
    const text = read(file);
    // A text put in the reader's map without its hash: the text's own hash, marked so that it never equals
    // a hash of bytes (hashing the file again could see other bytes than the text came from).
    return hashes.get(file) ?? (text === undefined ? null : `text:${hashContent(text)}`);
  };
}
