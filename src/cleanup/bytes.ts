/**
 * A file's text as the scanner sees it (UTF-8, each invalid byte run as one U+FFFD), with a way back to
 * bytes that keeps those runs as they were: a file in Latin-1 or with one stray byte must come out of the
 * cleanup byte-identical wherever the cleanup did not rewrite it.
 */
export interface FaithfulText {
  text: string;
  /** The bytes of `after` (a rewrite of `text`), or undefined when the invalid runs cannot be put back in order. */
  encode(after: string): Buffer | undefined;
}

const REPLACEMENT = "\uFFFD";

export function decodeFaithfully(buffer: Buffer): FaithfulText {
  const text = buffer.toString("utf8");
  if (!text.includes(REPLACEMENT)) return { text, encode: (after) => Buffer.from(after, "utf8") };
  // The original bytes behind each U+FFFD, in order (a real U+FFFD is its own three bytes).
  const runs: Buffer[] = [];
  let offset = 0;
  const characters = [...text];
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i]!;
    if (character !== REPLACEMENT) {
      offset += Buffer.byteLength(character, "utf8");
      continue;
    }
    if (buffer[offset] === 0xef && buffer[offset + 1] === 0xbf && buffer[offset + 2] === 0xbd) {
      runs.push(buffer.subarray(offset, offset + 3));
      offset += 3;
      continue;
    }
    // An invalid run is 1 to 3 bytes; it ends where the next character's bytes begin.
    const next = characters[i + 1];
    const nextBytes = next === undefined ? undefined : Buffer.from(next, "utf8");
    let length = 1;
    for (let candidate = 1; candidate <= 3; candidate++) {
      if (next === undefined ? offset + candidate === buffer.length : next === REPLACEMENT || buffer.subarray(offset + candidate, offset + candidate + nextBytes!.length).equals(nextBytes!)) {
        length = candidate;
        break;
      }
    }
    runs.push(buffer.subarray(offset, offset + length));
    offset += length;
  }
  return {
    text,
    encode(after) {
      const parts = after.split(REPLACEMENT);
      // Deleted or reordered runs cannot be matched to their bytes safely.
      if (parts.length - 1 !== runs.length) return undefined;
      const chunks: Buffer[] = [];
      parts.forEach((part, index) => {
        chunks.push(Buffer.from(part, "utf8"));
        if (index < runs.length) chunks.push(runs[index]!);
      });
      return Buffer.concat(chunks);
    },
  };
}
