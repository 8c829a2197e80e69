import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { LearnedAccessorConfig, ResolvedConfig } from "../config/schema.js";
import { languageOf, type FileFacts, type Language, type ProjectContext, type ScanSession, type SourceFileInput } from "../languages/language.js";
import type { FlagRegistry } from "../registry/definition.js";
import { discoverFiles, toPosix, type SpecialFile } from "./discover-files.js";
import { mentionTest, type MentionTest } from "./mention-test.js";
import { contains, countLines, createCachedReader, decodeUtf8, readUndecoded } from "./read-text.js";
import { applyKeyTransforms } from "./key-transform.js";
import type { FlagReference, ScanError } from "./reference.js";
import { shardOf, type FactStore } from "./fact-store.js";
import { hashContent, noteReadHash } from "./tracked-fs.js";
import type { PrefilterMemo } from "./prefilter-memo.js";
import type { UnparsedRead } from "./unparsed-files.js";
import { WalkListings } from "./walk-listings.js";

export interface ScanProjectOptions {
  /** The languages to read, in the order files are offered to them (`languages` from src/languages). */
  languages: readonly Language[];
  /**
   * The registries, loaded by the caller. A promise lets the walk over the tree start while they load;
   * files wait for it before they are scanned.
   */
  registry: FlagRegistry | Promise<FlagRegistry>;
  /** Absolute files or directories to limit the scan to (the CLI's positional paths). */
  paths?: readonly string[];
  /**
   * Exactly these files (absolute), known to belong to the project: no discovery walk. The cleanup's
   * re-scan of the files it rewrote uses this.
   */
  files?: readonly string[];
  /**
   * Let languages scan in a worker thread. `auto`: when running from the built package (the CLI).
   * Tests run in-process.
   * @default "auto"
   */
  worker?: boolean | "auto";
  /**
   * Per-file facts of earlier scans to reuse, and where this scan's facts go (`--cache`, `merge`): a file
   * whose text, context and dependencies are unchanged is not scanned again.
   */
  facts?: FactStore;
  /** What `discoverFiles(config, paths, specialFiles)` returned, when the caller already walked the tree. */
  discovered?: { files: readonly string[]; specialFiles: readonly SpecialFile[] };
  /** Scan only the files of this shard (`--shard i/n`; `index` is 0-based): `shardOf(path) === index`. */
  shard?: { index: number; count: number };
  /**
   * Only what the scan learns is wanted (the ESLint plugin's project load): files their language's
   * `mayTeach` rules out are not scanned, so `references`, `errors` and `stats` cover only the others, and
   * `learnedAccessors` is exactly a full scan's. @default false
   */
  learnOnly?: boolean;
  /** Answers the prefilter for files unchanged since the last scan, so they are not read (`--cache`). */
  prefilter?: PrefilterMemo;
  /**
   * Called once every file has been read and prefiltered: the caller may use the wait for the parse. With
   * the listings of the scan's walk of the tree, when it made one (for another walk of the same tree).
   */
  whenPrefiltered?: (listings?: WalkListings) => void;
}

/** What the scanner found, before rules run. */
export interface ProjectScan {
  config: ResolvedConfig;
  registry: FlagRegistry;
  /** Sorted by file, line, column. */
  references: FlagReference[];
  errors: ScanError[];
  stats: { filesDiscovered: number; filesParsed: number; linesDiscovered: number };
  /**
   * Accessors learned from the code: functions that pass a parameter straight to an accessor, renamed
   * re-exports. Tools that see one file at a time (the ESLint plugin) add them to the configured ones.
   */
  learnedAccessors: LearnedAccessorConfig[];
  /** Reads a project file (for suppressions and fingerprints); cached. */
  readFile(file: string): string | undefined;
  /** Only `paths` of the project were scanned: project-wide rules (`unused-flag`) cannot conclude. */
  partial: boolean;
  /** The scanned paths, relative to the root, when `partial`. */
  scannedPaths: string[];
  /**
   * Defined flags checked nowhere in the files read, whose keys are quoted in files of languages flag-scan
   * does not parse (`findKeysInUnparsedFiles`): not unused. Set by `loadAndScan`.
   */
  readInUnparsedFiles?: UnparsedRead[];
  /**
   * With `facts`: what each file contributed to `stats`, and the names learned, for the result cache's
   * patch of a few edited files (src/scan/patch-entry.ts). Not part of the result.
   */
  fileStats?: FileStats;
}

/** Per file (absolute path) what a scan counted, and every name its languages learned (by language name). */
export interface FileStats {
  /** The lines of each file of a scanned language, as counted into `linesDiscovered`. */
  lines: ReadonlyMap<string, number>;
  /** The files handed to their language (`filesParsed`). */
  parsed: ReadonlySet<string>;
  learnedNeedles: ReadonlyMap<string, readonly string[]>;
}

/** Wrappers of wrappers are rare; four rounds of learning is plenty and bounds the work. */
const MAX_LEARNING_ROUNDS = 4;

/**
 * How much text of files that mention no accessor is kept (in UTF-16 code units, or bytes of undecoded
 * UTF-8) for the learning rounds' text test: reading every file again once a wrapper is learned cost 0.2 s of a 2 s cold scan of 6,300
 * files (29 MB). Past this, the rest is read again.
 */
const KEPT_TEXT_BUDGET = 64 * 1024 * 1024;

/** Files the prefilter reads between two turns of the event loop (about 5 ms on the real corpus). */
const YIELD_EVERY = 64;

/** One language taking part in a scan. */
interface ActiveLanguage {
  language: Language;
  needles: string[];
  /** The first read's test of a file (needles with their qualifiers). */
  test: MentionTest;
  session: ScanSession;
  /** Every discovered file of this language, for the re-scan after a round of learning. */
  files: string[];
  /** Names the session told it learned (`onLearning`), whose files are not looked for yet. */
  told: string[];
  /** The files (of `files`) whose text mentions a learned name, per name: looked for while the parse runs. */
  mentioning: Map<string, Set<string>>;
  /** Looks for the files of the names told, once every file is prefiltered. */
  lookForTold?: () => void;
}

/**
 * Scans a project: discover files, keep those whose text mentions an accessor, hand only those to their
 * language, collect references. Accessors a language learns on the way (wrappers such as
 * `const useFlag = (n) => isFeatureEnabled(n)`) send the files that mention them back to it until
 * nothing new is learned.
 */
export async function scanProject(config: ResolvedConfig, options: ScanProjectOptions): Promise<ProjectScan> {
  // A mistyped path would scan nothing and report a clean project. Without a config, a single path is
  // the project's root itself (`flag-scan /no/such/dir`), so the root is checked too.
  for (const scanPath of options.paths?.length ? options.paths : [config.root]) {
    if (!existsSync(scanPath)) {
      const shown = toPosix(path.relative(config.root, scanPath));
      throw new UsageError(
        `the path "${shown === "" || shown.startsWith("..") ? scanPath : shown}" does not exist`,
        "give files or directories of the project to scan, or none for the whole project",
      );
    }
  }
  // The registries may fail while the sessions open; the failure is awaited (and thrown) below, so it
  // must not count as an unhandled rejection meanwhile.
  const registry = Promise.resolve(options.registry);
  registry.catch(() => undefined);
  const active: ActiveLanguage[] = [];
  try {
    for (const language of options.languages) {
      const needles = language.needles(config.accessors);
      // A language no accessor applies to is skipped entirely: its files are not even read.
      if (needles.length === 0) continue;
      const entry: ActiveLanguage = { language, needles, test: mentionTest(language, config.accessors, needles), session: undefined as unknown as ScanSession, files: [], told: [], mentioning: new Map() };
      const onLearning = (names: string[]) => {
        entry.told.push(...names);
        entry.lookForTold?.();
      };
      entry.session = await language.openScanSession({
        config,
        worker: options.worker,
        recordFacts: options.facts !== undefined,
        onLearning,
        retainTrees: options.learnOnly === true,
      });
      active.push(entry);
    }
    return await scanWithSessions(config, { ...options, registry }, active);
  } finally {
    await Promise.all(active.map(({ session }) => session.close()));
  }
}

async function scanWithSessions(config: ResolvedConfig, options: ScanProjectOptions, active: readonly ActiveLanguage[]): Promise<ProjectScan> {
  // Candidate texts read during the prefilter are kept here, so fingerprints and suppressions reuse them.
  const texts = new Map<string, string | undefined>();
  const store = options.facts;
  // With facts: the hash of the bytes each text in `texts` came from (`ProjectContext.contentHash`), set
  // with the text; the hashes the prefilter memo gave for files not read; those of the texts in `kept`.
  const contentHashes = new Map<string, string | null>();
  const memoHashes = new Map<string, string>();
  const keptHashes = new Map<string, string>();
  const readAbsolute = createCachedReader(texts, store ? contentHashes : undefined);
  const readFile = (file: string): string | undefined => readAbsolute(path.resolve(config.root, file));
  const contentHash = (file: string): string | null => {
    const absolute = path.resolve(config.root, file);
    const known = contentHashes.get(absolute);
    if (known !== undefined) return known;
    if (!texts.has(absolute)) {
      let memo = memoHashes.get(absolute);
      if (memo === undefined && (memo = options.prefilter?.rawIfUnchanged(absolute, relative(absolute))) !== undefined) {
        // A module the prefilter has not reached yet, unchanged: recorded as its read would be.
        noteReadHash(absolute, memo);
        memoHashes.set(absolute, memo);
      }
      if (memo !== undefined) return memo;
    }
    return readAbsolute(absolute) === undefined ? null : (contentHashes.get(absolute) ?? null);
  };
  const relative = relativeTo(config.root);
  const ownLanguages = active.map(({ language }) => language);
  const registryReady = Promise.resolve(options.registry).then((registry) => {
    const project: ProjectContext = { root: config.root, config, registry, readFile, ...(store && { contentHash }) };
    for (const { session } of active) session.prepare(project);
    return registry;
  });
  // Awaited below; until then a failure must not count as unhandled.
  registryReady.catch(() => undefined);

  const specialFiles: SpecialFile[] = [...(options.discovered?.specialFiles ?? [])];
  // Kept only for a caller that walks the tree again (whenPrefiltered).
  const listings = options.whenPrefiltered ? new WalkListings() : undefined;
  const files = options.files
    ? [...options.files].sort()
    : options.discovered
      ? [...options.discovered.files]
      : await discoverFiles(config, options.paths, specialFiles, undefined, listings && { keep: listings });
  const errors: ScanError[] = specialFiles.map(({ file, kind }) => ({
    file: relative(file),
    message: kind === "an unreadable directory" ? "skipped: a directory that could not be listed (permission denied)" : `skipped: ${kind}, not a regular file (never opened)`,
  }));
  const parsed = new Set<string>();
  // Content hashes of the files handed to a language (of the bytes of the text handed), when facts are reused or recorded.
  const hashes = new Map<string, string>();
  const input = (file: string, relativePath: string, text: string, language: Language) => {
    if (!store) return { path: file, relativePath, text };
    // `texts` holds the text handed, with its hash in `contentHashes` (the text's own hash if none, marked
    // apart); a file first handed on without its text (`withoutText`) has one once it was read.
    let hash = contentHashes.get(file) ?? hashes.get(file);
    if (hash === undefined) hash = `text:${hashContent(text)}`;
    hashes.set(file, hash);
    const cached = store.lookup(relativePath, hash, language.name);
    return cached ? { path: file, relativePath, text, cached } : { path: file, relativePath, text };
  };
  /**
   * A file the prefilter memo knows unchanged, with facts for its bytes: handed on without its text,
   * read only when the language asks for it (a parse because a dependency changed); the facts recorded
   * then are keyed by the bytes that read saw.
   */
  const withoutText = (file: string, relativePath: string, raw: string, cached: FileFacts[]): SourceFileInput => {
    hashes.set(file, raw);
    let text: string | undefined;
    return {
      path: file,
      relativePath,
      cached,
      get text(): string {
        if (text === undefined) {
          text = readFile(file) ?? "";
          hashes.set(file, contentHashes.get(file) ?? `text:${hashContent(text)}`);
        }
        return text;
      },
    };
  };
  const shard = options.shard;
  const prefilter = options.prefilter;
  for (const { language, test } of active) prefilter?.testedAll(language.name, test.words);
  let linesDiscovered = 0;
  // Only a scan that keeps facts reports its per-file counts (`fileStats`).
  const linesOf = store ? new Map<string, number>() : undefined;
  const count = (file: string, lines: number) => {
    linesDiscovered += lines;
    linesOf?.set(file, lines);
  };
  // Texts of files that mention no accessor, for the learning rounds (KEPT_TEXT_BUDGET); dropped after them.
  const kept = new Map<string, string | Buffer>();
  let keptLength = 0;
  let sinceTurn = 0;
  for (const file of files) {
    // A turn of the event loop now and then: a parsing worker's progress is heard, and it is handed more files.
    if (++sinceTurn === YIELD_EVERY) {
      sinceTurn = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const relativePath = relative(file);
    const language = languageOf(relativePath, ownLanguages, config.root);
    const owner = language && active.find((entry) => entry.language === language);
    if (!owner) continue;
    if (shard && shardOf(relativePath, shard.count) !== shard.index) continue;
    owner.files.push(file);
    const known = prefilter?.lookup(file, relativePath, owner.language.name, owner.test.words);
    if (known?.memo && !owner.test.mentions((word) => known.memo!.hits.includes(word))) {
      // Unchanged and mentions no accessor: what reading it would record and count, without the read.
      noteReadHash(file, known.memo.raw, relativePath, known.memo.stats);
      if (store) memoHashes.set(file, known.memo.raw);
      count(file, known.memo.lines);
      continue;
    }
    const facts = known?.memo && store && !options.learnOnly ? store.lookup(relativePath, known.memo.raw, owner.language.name) : undefined;
    if (known?.memo && facts) {
      // Unchanged, mentions an accessor, and has facts: counted and recorded as read, its text read only if needed.
      noteReadHash(file, known.memo.raw, relativePath, known.memo.stats);
      memoHashes.set(file, known.memo.raw);
      count(file, known.memo.lines);
      parsed.add(file);
      owner.session.scan(withoutText(file, relativePath, known.memo.raw, facts));
      continue;
    }
    const { utf8, error, binary, raw, ...read } = readUndecoded(file, { hash: prefilter !== undefined || store !== undefined });
    // Without a memo to tell, UTF-8 is decoded only once a needle is found in its bytes (read-text.ts `contains`).
    const content = utf8 && prefilter ? decodeUtf8(utf8) : (read.text ?? utf8);
    if (known && typeof content === "string" && raw !== undefined) prefilter?.remember(file, relativePath, owner.language.name, known.stats, raw, content, owner.test.words);
    if (error) errors.push({ file: relativePath, message: error });
    if (binary) errors.push({ file: relativePath, message: "skipped: binary content (NUL bytes) that is not UTF-8 or UTF-16 with a BOM" });
    if (content === undefined) continue;
    count(file, countLines(content));
    if (!owner.test.mentions((word) => contains(content, word))) {
      if (keptLength + content.length <= KEPT_TEXT_BUDGET) {
        kept.set(file, content);
        if (store && raw !== undefined) keptHashes.set(file, raw);
        keptLength += content.length;
      }
      continue;
    }
    const text = typeof content === "string" ? content : decodeUtf8(content);
    texts.set(file, text);
    if (store && raw !== undefined) contentHashes.set(file, raw);
    if (options.learnOnly && owner.language.mayTeach?.(text, owner.needles, config.accessors) === false) continue;
    parsed.add(file);
    owner.session.scan(input(file, relativePath, text, owner.language));
  }
  options.whenPrefiltered?.(options.files || options.discovered ? undefined : listings);
  // Which files mention a learned name, answered while the main thread waits for the parse: the next round
  // then starts at once (testing every text for the names cost 80 to 120 ms between the corpus's rounds).
  const mentioning = (entry: ActiveLanguage, needle: string): Set<string> => {
    let found = entry.mentioning.get(needle);
    if (!found) {
      found = new Set();
      for (const file of entry.files) {
        const text = texts.get(file) ?? kept.get(file) ?? readFile(file);
        if (text !== undefined && contains(text, needle)) found.add(file);
      }
      entry.mentioning.set(needle, found);
    }
    return found;
  };
  if (!prefilter) {
    for (const entry of active) {
      entry.lookForTold = () => {
        for (let needle = entry.told.shift(); needle !== undefined; needle = entry.told.shift()) mentioning(entry, needle);
      };
      entry.lookForTold();
    }
  }
  const registry = await registryReady;

  // Accessors learned in one file make callers in other files references too.
  const results = new Map<string, { references: FlagReference[]; errors: ScanError[] }>();
  // Each flush reports every accessor its language learned so far: the latest list replaces the earlier.
  const learnedByLanguage = new Map<Language, LearnedAccessorConfig[]>();
  // Every name learned so far, per language, for `learnOnly`'s test of a file sent back by a new one.
  const learnedNames = new Map<Language, string[]>();
  // Every name learned in any round, the last included (`fileStats`).
  const allLearned = new Map<string, string[]>();
  let learning = [...active];
  for (let round = 0; learning.length > 0; round++) {
    const flushed = await Promise.all(learning.map(async (entry) => ({ entry, result: await entry.session.flush() })));
    learning = [];
    for (const { entry, result } of flushed) {
      for (const file of result.files) {
        results.set(file.path, file);
        const hash = hashes.get(file.path);
        if (store && file.facts && hash !== undefined) store.record(relative(file.path), hash, entry.language.name, file.facts);
      }
      learnedByLanguage.set(entry.language, result.learnedAccessors);
      if (result.learnedNeedles.length > 0) allLearned.set(entry.language.name, [...(allLearned.get(entry.language.name) ?? []), ...result.learnedNeedles]);
      if (result.learnedNeedles.length === 0 || round === MAX_LEARNING_ROUNDS) continue;
      const names = [...entry.needles, ...(learnedNames.get(entry.language) ?? []), ...result.learnedNeedles];
      learnedNames.set(entry.language, names.slice(entry.needles.length));
      const knownAccessors = options.learnOnly ? [...config.accessors, ...result.learnedAccessors] : [];
      for (const file of entry.files) {
        if (prefilter) {
          // Every learnt needle is answered for every file, so the memo can answer it next time.
          let mentioned = false;
          for (const needle of result.learnedNeedles) {
            let answer = prefilter.mentions(file, needle);
            if (answer === undefined) {
              const text = texts.get(file) ?? kept.get(file) ?? readFile(file);
              answer = text !== undefined && contains(text, needle);
              prefilter.addAnswer(file, needle, answer);
            }
            mentioned ||= answer;
          }
          if (!mentioned) continue;
        } else if (!result.learnedNeedles.some((needle) => mentioning(entry, needle).has(file))) continue;
        const content = texts.get(file) ?? kept.get(file) ?? readFile(file);
        if (content === undefined || !result.learnedNeedles.some((needle) => contains(content, needle))) continue;
        const text = typeof content === "string" ? content : decodeUtf8(content);
        if (!texts.has(file)) {
          // A kept text: handed on with the hash of its own read (the reader may read the file anew later).
          texts.set(file, text);
          const keptHash = keptHashes.get(file);
          if (keptHash !== undefined) contentHashes.set(file, keptHash);
        }
        if (options.learnOnly && entry.language.mayTeach?.(text, names, knownAccessors) === false) continue;
        parsed.add(file);
        entry.session.scan(input(file, relative(file), text, entry.language));
      }
      prefilter?.testedAll(entry.language.name, result.learnedNeedles);
      learning.push(entry);
    }
  }
  kept.clear();
  keptHashes.clear();
  for (const entry of active) {
    entry.lookForTold = undefined;
    entry.mentioning.clear();
  }
  for (const result of results.values()) errors.push(...result.errors);
  errors.push(...(registry.problems ?? []));

  const references = [...results.values()].flatMap((result) => result.references).sort(compareReferences);
  for (const { language } of active) {
    if (!language.resolveReferences) continue;
    const own = references.filter((reference) => reference.language === language.name);
    if (own.length > 0) await language.resolveReferences(own, config);
  }
  applyKeyTransforms(references, registry);
  errors.sort(compareErrors);
  return {
    config,
    registry,
    references,
    errors,
    stats: { filesDiscovered: files.length, filesParsed: parsed.size, linesDiscovered },
    learnedAccessors: [...learnedByLanguage.values()].flat(),
    readFile,
    partial: (options.paths?.length ?? 0) > 0,
    scannedPaths: (options.paths ?? []).map((p) => relative(p) || "."),
    ...(linesOf && { fileStats: { lines: linesOf, parsed, learnedNeedles: allLearned } }),
  };
}

/**
 * `toPosix(path.relative(root, file))`, without resolving both paths again for each of the thousands of
 * files a walk lists (they are normalized and below the root; 20 to 50 ms of a cold scan of the real
 * corpus): any other path takes `path.relative`.
 */
function relativeTo(root: string): (file: string) => string {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const normalizedRoot = path.resolve(root) === root;
  return (file) => {
    if (normalizedRoot && file.startsWith(prefix)) {
      const rest = file.slice(prefix.length);
      if (rest !== "" && !NOT_NORMALIZED.test(rest)) return toPosix(rest);
    }
    return toPosix(path.relative(root, file));
  };
}

/** A `.` or `..` segment, an empty one, or a trailing separator (either separator: Windows accepts both). */
const NOT_NORMALIZED = /(^|[\\/])\.\.?([\\/]|$)|[\\/][\\/]|[\\/]$|^[\\/]/;

/** The order of `ProjectScan.references`: by file, line, column. */
export function compareReferences(a: FlagReference, b: FlagReference): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** The order of `ProjectScan.errors`: by file, then line (a stable sort keeps each file's own order). */
export function compareErrors(a: ScanError, b: ScanError): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0);
}
