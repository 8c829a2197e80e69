import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import type { Language } from "../languages/language.js";
import { discoverFiles, toPosix } from "./discover-files.js";
import { discoverFilesCached } from "./discovery-cache.js";
import type { WalkListings } from "./walk-listings.js";
import { readText } from "./read-text.js";

/**
 * Source files of languages flag-scan has no reader for. A registry is often shared with services written
 * in them (a flagd file read by Go, Java and .NET services): a key quoted there is checked by code flag-scan
 * cannot see, so it is not unused.
 */
export const UNPARSED_CODE_EXTENSIONS = [
  "go", "java", "kt", "kts", "scala", "groovy", "clj", "cs", "fs", "vb", "rb", "php", "rs", "swift", "m", "mm",
  "ex", "exs", "erl", "c", "h", "cc", "cpp", "cxx", "hpp", "dart", "lua", "pl", "pm", "r", "jl", "hs", "ml", "elm",
];

/** Where a key is quoted in a file flag-scan does not parse. */
export interface UnparsedRead {
  flag: string;
  /** Relative to the project root, with `/`. */
  file: string;
  line: number;
}

/** At most this many places are listed per key: the list says where to look, it is not an inventory. */
const MAX_PLACES_PER_KEY = 3;

/**
 * For each key, where it appears as a quoted string (`"k"`, `'k'`, `` `k` ``) in the project's source files of
 * languages flag-scan does not parse: files with `UNPARSED_CODE_EXTENSIONS` (less any extension a language
 * of `languages` reads) under the directories `include` names, minus `exclude`, build output and what
 * `.gitignore` ignores. A text search only, and none at all without keys: call it with the flags that
 * would otherwise be reported unused.
 */
export async function findKeysInUnparsedFiles(
  config: ResolvedConfig,
  keys: readonly string[],
  languages: readonly Language[],
  /** Keep the walk here and answer it from directory stamps next time (`--cache`). */
  discoveryFile?: string,
  /** What `listUnparsedFiles(config, languages)` returned, when the caller started the walk earlier. */
  listed?: Promise<string[]>,
): Promise<UnparsedRead[]> {
  if (keys.length === 0) return [];
  const files = await (listed ?? listUnparsedFiles(config, languages, discoveryFile));
  const quoted = new Map(keys.map((key) => [key, new RegExp(`(["'\`])${escapeRegExp(key)}\\1`, "g")]));
  const found: UnparsedRead[] = [];
  const places = new Map<string, number>();
  for (const file of files) {
    const { text } = readText(file);
    if (text === undefined) continue;
    for (const [key, pattern] of quoted) {
      if ((places.get(key) ?? 0) >= MAX_PLACES_PER_KEY || !text.includes(key)) continue;
      for (const match of text.matchAll(pattern)) {
        found.push({ flag: key, file: toPosix(path.relative(config.root, file)), line: lineAt(text, match.index) });
        const count = (places.get(key) ?? 0) + 1;
        places.set(key, count);
        if (count >= MAX_PLACES_PER_KEY) break;
      }
    }
  }
  return found;
}

/**
 * The files `findKeysInUnparsedFiles` searches: a walk of the tree, which `loadAndScan` starts while the
 * main thread waits for the parse (it cost 0.3 to 0.4 s at the end of a cold scan of the real corpus).
 */
export async function listUnparsedFiles(
  config: ResolvedConfig,
  languages: readonly Language[],
  discoveryFile?: string,
  /** The listings of the scan's own walk of the tree (walk-listings.ts): what this walk lists again. */
  listings?: WalkListings,
): Promise<string[]> {
  const read = new Set(languages.flatMap((language) => language.extensions.map((e) => e.slice(1))));
  const extensions = UNPARSED_CODE_EXTENSIONS.filter((e) => !read.has(e));
  const directories = new Set(config.include.filter((glob) => !glob.startsWith("!")).map((glob) => path.posix.dirname(glob)));
  const include = [...directories].map((directory) => `${directory === "." ? "" : `${directory}/`}**/*.{${extensions.join(",")}}`);
  const searched = { ...config, include };
  return discoveryFile ? (await discoverFilesCached(searched, undefined, [], discoveryFile)).files : await discoverFiles(searched, [], [], undefined, listings && { reuse: listings });
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf("\n"); index !== -1 && index < offset; index = text.indexOf("\n", index + 1)) line++;
  return line;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
