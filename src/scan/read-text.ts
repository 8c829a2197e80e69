import { readFileSync } from "node:fs";
import { hashContent, noteRead } from "./tracked-fs.js";

/** Files larger than this are generated or vendored; parsing them would cost seconds and find nothing. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Reads a file as text without ever throwing: binary files (a NUL byte early on) give no text and
 * `binary`, UTF-16 with a BOM is decoded, oversized
 * and unreadable files give an error to report, invalid UTF-8 decodes with replacement characters, and a
 * BOM is removed (reference offsets are into the text without it).
 */
export function readText(file: string, options: { hash?: boolean } = {}): { text?: string; error?: string; binary?: boolean; raw?: string } {
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
  if (buffer.subarray(0, 8000).includes(0)) return { binary: true };
  let text = buffer.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return raw === undefined ? { text } : { text, raw };
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
