import { readFileSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { discoverFiles, toPosix } from "../scan/discover-files.js";
import type { FlagReference } from "../scan/reference.js";
import type { CleanupProblem } from "../languages/language.js";
import { closestMatches } from "../did-you-mean.js";

/** Files no one checks a flag in, read as text: what mentions them there is documentation. */
const DOCUMENT = /\.(md|mdx|markdown|txt|rst|adoc|org)$|(^|\/)(CHANGELOG|CHANGES|HISTORY|README|NEWS)[^/]*$/i;
/** Text searched per file at most; larger files are data, and the scanner skipped them too (listed). */
const MAX_SEARCH_BYTES = 16 * 1024 * 1024;

export interface Leftovers {
  /** Code that still mentions the flag and that the cleanup did not rewrite: a check it does not know. */
  failures: CleanupProblem[];
  /** Comments, docs and old migrations that mention it: listed, not failures. */
  mentions: CleanupProblem[];
}

/** The words that name the flag in code: its slug, and the constants the checks used for it (`FeatureFlags.X`). */
export function flagNeedles(flag: string, references: readonly FlagReference[]): string[] {
  const needles = new Set([flag]);
  // A kebab-case key is read in code as its camelCase (LaunchDarkly's React SDK: `new-checkout` is `flags.newCheckout`),
  // also where no check is left to say so (a test's mock of the flags object).
  if (/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(flag)) needles.add(flag.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()));
  for (const reference of references) {
    // A table lookup's key (`flag` in `const flag = FLOW_FLAGS[id]`) names one of several flags, not this one.
    if (reference.sharedCheck) continue;
    const key = reference.keyText.trim();
    if (/^[A-Za-z_$][\w$.]*$/.test(key)) {
      needles.add(key);
      const last = key.split(".").pop()!;
      // A constant's own name is specific enough to search on its own (`NEW_CHECKOUT`), a short word is not.
      if (last !== key && /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(last)) needles.add(last);
    }
  }
  return [...needles];
}

/** Decodes like an editor would: UTF-16 by its BOM, else bytes as latin1 (the needles are ASCII, so offsets of lines hold). */
function decode(buffer: Buffer): string | undefined {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString("utf16le");
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  if (buffer.subarray(0, 8000).includes(0)) return undefined;
  return buffer.toString("latin1");
}

function isCommentLine(line: string): boolean {
  return /^\s*(\/\/|\/\*|\*|#|<!--|\{#|\{\/\*)/.test(line);
}

/** `X = "ff_x",`, `X: "ff_x",`, `FF_X = 'ff_x'`: a line that names the slug and does nothing else. */
function definesConstant(line: string, needle: string): boolean {
  const quoted = new RegExp(`^\\s*(export\\s+)?(const\\s+|readonly\\s+|static\\s+)*["']?[A-Za-z_$][\\w$]*["']?\\s*(:\\s*[\\w.<>]+\\s*)?[=:]\\s*(["'\`])${needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\4\\s*(as\\s+const\\s*)?[,;]?\\s*(\\/\\/.*|#.*)?\r?$`);
  return quoted.test(line);
}

function containsWord(line: string, needle: string): boolean {
  let index = line.indexOf(needle);
  while (index >= 0) {
    const before = line[index - 1];
    const after = line[index + needle.length];
    if (!(before !== undefined && /[\w$]/.test(before)) && !(after !== undefined && /[\w$]/.test(after))) return true;
    index = line.indexOf(needle, index + 1);
  }
  return false;
}

/**
 * Whether every occurrence of a key that cannot be written unquoted in code (`creator-tools`) sits
 * inside a longer string (`"/internal/creator-tools/assign"`): a check passes the key as a whole string. A
 * key that is also an identifier (`newCheckout`, `new_home`) can be read unquoted (`flags.newCheckout`), and a
 * constant is code wherever it stands, so neither is ever excused this way.
 */
function insideLongerString(line: string, needle: string): boolean {
  // Identifiers and constants (`FeatureFlag.CreatorTools`) are code, quoted or not.
  if (/^[A-Za-z_$][\w$.]*$/.test(needle)) return false;
  return !["\"", "'", "`"].some((quote) => line.includes(`${quote}${needle}${quote}`));
}

/**
 * Searches every project file (code and text, not only the scanned kinds) for the flag's words in the
 * text it will have after the cleanup (`after` for the files it rewrites). `skip` says which lines are
 * already explained (a check the cleanup listed) and which files it edits as registries.
 */
export async function findLeftovers(
  config: ResolvedConfig,
  needles: readonly string[],
  after: ReadonlyMap<string, string | undefined>,
  skipFiles: ReadonlySet<string>,
  explained: ReadonlySet<string>,
  /** Files the scan could not read, with why: what they mention is a check nobody looked at. */
  scanErrors: ReadonlyMap<string, string> = new Map(),
): Promise<Leftovers> {
  const failures: CleanupProblem[] = [];
  const mentions: CleanupProblem[] = [];
  const files = await discoverFiles({ ...config, include: ["**/*"] });
  const unreadable = new Map(scanErrors);
  // UTF-16 files are scanned (decoded by their BOM), but a rewrite could not write their bytes back exactly.
  const untouched = new Set<string>();
  for (const absolute of files) {
    const file = toPosix(path.relative(config.root, absolute));
    if (skipFiles.has(file)) continue;
    let text: string | undefined;
    if (after.has(file)) text = after.get(file);
    else {
      let buffer: Buffer;
      try {
        buffer = readFileSync(absolute);
      } catch (error) {
        failures.push({ file, line: 1, column: 1, message: `could not be read to check it no longer mentions the flag (${(error as NodeJS.ErrnoException).code ?? "error"})` });
        continue;
      }
      if (buffer.length > MAX_SEARCH_BYTES) continue;
      text = decode(buffer);
      if (text !== undefined && isUtf16(buffer) && !scanErrors.has(file)) untouched.add(file);
    }
    if (text === undefined) continue;
    const found = searchText(file, text, needles, explained, untouched.has(file) ? { utf16: true } : unreadable.has(file) ? { unscanned: unreadable.get(file)! } : {});
    failures.push(...found.failures);
    mentions.push(...found.mentions);
  }
  return { failures, mentions };
}

/**
 * What one file's text (as it will be after the cleanup) still says about the flag, line by line: checks
 * nobody rewrote are failures; comments, docs, old migrations and strings that merely contain the key are mentions.
 */
export function searchText(
  file: string,
  text: string,
  needles: readonly string[],
  explained: ReadonlySet<string>,
  why: { utf16?: boolean; unscanned?: string } = {},
): Leftovers {
  const failures: CleanupProblem[] = [];
  const mentions: CleanupProblem[] = [];
  if (!needles.some((needle) => text.includes(needle))) return { failures, mentions };
  const lines = text.split("\n");
  const isDocument = DOCUMENT.test(file);
  const isMigration = /(^|\/)migrations\/[^/]+\.py$/.test(file);
  lines.forEach((line, index) => {
    const needle = needles.find((n) => containsWord(line, n));
    if (needle === undefined || explained.has(`${file}\u0000${line.trim()}`)) return;
    const column = line.indexOf(needle) + 1;
    const unscanned = why.unscanned;
    if (why.utf16 === true) failures.push({ file, line: index + 1, column, message: `mentions \`${needle}\`, but this file is UTF-16 text, which the cleanup reads but does not rewrite (its bytes could not be kept exactly): clean it by hand` });
    else if (unscanned !== undefined) failures.push({ file, line: index + 1, column, message: `mentions \`${needle}\`, but the scanner could not read this file (${unscanned}): its checks are unknown; clean it by hand` });
    else if (isDocument) mentions.push({ file, line: index + 1, column, message: `mentions \`${needle}\` (documentation)` });
    else if (isMigration) mentions.push({ file, line: index + 1, column, message: `mentions \`${needle}\` (a migration: history, kept as it is)` });
    else if (isCommentLine(line)) mentions.push({ file, line: index + 1, column, message: `mentions \`${needle}\` in a comment` });
    else if (insideLongerString(line, needle))
      mentions.push({ file, line: index + 1, column, message: `mentions \`${needle}\` inside a longer string (a URL, a path, a message), which is no check of the flag` });
    else if (definesConstant(line, needle))
      // Its readers are the checks (searched too, by the constant's name): the definition itself checks nothing.
      mentions.push({ file, line: index + 1, column, message: `defines a constant for \`${needle}\`; remove it once nothing imports it` });
    else failures.push({ file, line: index + 1, column, message: `still mentions \`${needle}\` in code the cleanup did not rewrite (not a check it knows); remove it by hand` });
  });
  return { failures, mentions };
}

/** Up to three known names closest to `flag`, for the message about a flag nothing knows. */
export function closestNames(flag: string, known: Iterable<string>): string[] {
  return closestMatches(flag, known, { maxDistance: (length) => Math.max(2, Math.floor(length / 2)) });
}

/** Whether bytes start with a UTF-16 byte order mark (either endianness). */
export function isUtf16(buffer: Uint8Array): boolean {
  return buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff));
}
