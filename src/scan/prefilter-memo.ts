import { writeCacheFile } from "./cache-file.js";
import { readFileSync, statSync, type Stats } from "node:fs";
import { timestampMargin } from "./dir-stamps.js";
import { takeStatsBeforeReads } from "./tracked-fs.js";

const FORMAT = 1;

/** What the prefilter learnt of one file's text: enough to skip reading it while it is unchanged. */
interface MemoEntry {
  /** Relative to the root, with `/`. */
  file: string;
  /** The hash of its bytes, as `noteRead` records it (tracked-fs.ts). */
  raw: string;
  lines: number;
  /** Which of its language's tested needles the text contains. */
  hits: string[];
  mtimeMs: number;
  ctimeMs: number;
  size: number;
  ino: number;
}

export interface PrefilterMemoFile {
  format: number;
  key: string;
  /** Per language, every needle each of its files was tested for: the hits are complete for these. */
  needles: Record<string, string[]>;
  entries: MemoEntry[];
}

/**
 * The prefilter's answers for files whose text did not change since the last scan (`--cache`), so a scan
 * after one edit reads the few files it parses instead of the whole tree. A file counts as unchanged
 * while its mtime, ctime, size and inode are those stat'ed before its last read (and they predate that
 * read by the timestamp margin, as in tracked-fs.ts); then the memo answers "does the text contain this
 * needle" for every needle its language was tested for, and anything else reads the file as before.
 */
export class PrefilterMemo {
  private readonly previous = new Map<string, MemoEntry>();
  private readonly previousNeedles = new Map<string, Set<string>>();
  /** Files found unchanged by `lookup` (relative path): their stats are the memo's. */
  private readonly unchanged = new Map<string, MemoEntry>();
  /** This scan's entries by absolute path, with the needles each one has an answer for. */
  private readonly next = new Map<string, { entry: MemoEntry; language: string; answered: Set<string> }>();
  /** Per language, the needles this scan tested every file of it for. */
  private readonly tested = new Map<string, Set<string>>();
  private readonly trustedBefore = Date.now() - timestampMargin();

  constructor(
    private readonly root: string,
    previous?: PrefilterMemoFile,
  ) {
    for (const entry of previous?.entries ?? []) this.previous.set(entry.file, entry);
    for (const [language, needles] of Object.entries(previous?.needles ?? {})) this.previousNeedles.set(language, new Set(needles));
  }

  /**
   * The unchanged file's memo, when it answers for all of `needles`: its raw hash, line count and which
   * of `needles` it contains. And `stats`, taken now (before the caller reads the file), which
   * `remember` stores with the text the caller reads.
   */
  lookup(
    file: string,
    relativePath: string,
    language: string,
    needles: readonly string[],
  ): { stats: Stats | undefined; memo?: { raw: string; lines: number; hits: string[]; stats: { mtimeMs: number; ctimeMs: number; size: number; ino: number } } } {
    let stats = this.statsTaken.get(file) ?? takeStatsBeforeReads(file);
    this.statsTaken.delete(file);
    try {
      stats ??= statSync(file);
    } catch {
      return { stats: undefined };
    }
    const known = this.previousNeedles.get(language);
    const entry = this.previous.get(relativePath);
    if (
      !entry ||
      !known ||
      !needles.every((needle) => known.has(needle)) ||
      entry.mtimeMs !== stats.mtimeMs ||
      entry.ctimeMs !== stats.ctimeMs ||
      entry.size !== stats.size ||
      entry.ino !== stats.ino
    ) {
      return { stats };
    }
    this.next.set(file, { entry, language, answered: known });
    this.unchanged.set(relativePath, entry);
    return { stats, memo: { raw: entry.raw, lines: entry.lines, hits: needles.filter((needle) => entry.hits.includes(needle)), stats: entry } };
  }

  /** Stats `rawIfUnchanged` took, for the file's `lookup`: taken before any read of it. */
  private readonly statsTaken = new Map<string, Stats>();

  /**
   * The hash of the bytes of a file the last scan read, when it is unchanged since (as `lookup` tells),
   * before the scan reaches it: a module another file's facts depend on is then known without a read.
   */
  rawIfUnchanged(file: string, relativePath: string): string | undefined {
    const entry = this.previous.get(relativePath);
    if (!entry) return undefined;
    let stats = this.statsTaken.get(file) ?? takeStatsBeforeReads(file);
    try {
      stats ??= statSync(file);
    } catch {
      return undefined;
    }
    this.statsTaken.set(file, stats);
    return entry.mtimeMs === stats.mtimeMs && entry.ctimeMs === stats.ctimeMs && entry.size === stats.size && entry.ino === stats.ino ? entry.raw : undefined;
  }

  /** Records a file read now (`stats` taken before the read), with its answers for `needles`. */
  remember(file: string, relativePath: string, language: string, stats: Stats | undefined, raw: string, text: string, needles: readonly string[]): void {
    if (!stats || stats.mtimeMs >= this.trustedBefore || stats.ctimeMs >= this.trustedBefore) return;
    const previous = this.previous.get(relativePath);
    const known = this.previousNeedles.get(language);
    if (
      previous &&
      known &&
      previous.raw === raw &&
      previous.mtimeMs === stats.mtimeMs &&
      previous.ctimeMs === stats.ctimeMs &&
      previous.size === stats.size &&
      previous.ino === stats.ino &&
      needles.every((needle) => known.has(needle))
    ) {
      // The same bytes as last time (a file with hits is read each scan): the same entry, so `changed` can tell.
      this.next.set(file, { entry: previous, language, answered: known });
      this.unchanged.delete(relativePath);
      return;
    }
    const entry: MemoEntry = {
      file: relativePath,
      raw,
      lines: countLines(text),
      hits: needles.filter((needle) => text.includes(needle)),
      mtimeMs: stats.mtimeMs,
      ctimeMs: stats.ctimeMs,
      size: stats.size,
      ino: stats.ino,
    };
    this.next.set(file, { entry, language, answered: new Set(needles) });
    this.unchanged.delete(relativePath);
  }

  /** Whether `file`'s text contains `needle`, when the memo knows; undefined when the caller must read it. */
  mentions(file: string, needle: string): boolean | undefined {
    const known = this.next.get(file);
    return known?.answered.has(needle) ? known.entry.hits.includes(needle) : undefined;
  }

  /** Adds the answer for `needle` the caller found by reading `file`. */
  addAnswer(file: string, needle: string, contained: boolean): void {
    const known = this.next.get(file);
    if (!known) return;
    if (known.answered === this.previousNeedles.get(known.language)) known.answered = new Set(known.answered);
    known.answered.add(needle);
    if (contained && !known.entry.hits.includes(needle)) known.entry = { ...known.entry, hits: [...known.entry.hits, needle] };
  }

  /** Every file of `language` this scan read or looked up was tested for `needles`. */
  testedAll(language: string, needles: readonly string[]): void {
    const set = this.tested.get(language) ?? new Set<string>();
    for (const needle of needles) set.add(needle);
    this.tested.set(language, set);
  }

  /** The stats of a file `lookup` found unchanged (relative path), for `withStats`. */
  statsOf(relativePath: string): { mtimeMs: number; ctimeMs: number; size: number; ino: number } | undefined {
    return this.unchanged.get(relativePath);
  }

  /**
   * Whether `toFile` would say more than the memo this one was opened with: an entry added or changed, or
   * other needles tested. Entries of files that changed within the timestamp margin are dropped from
   * `toFile`, but kept in the old file they never match again (their ctime moved), so they need no write.
   */
  changed(): boolean {
    if (this.tested.size !== this.previousNeedles.size) return true;
    for (const [language, set] of this.tested) {
      const known = this.previousNeedles.get(language);
      if (!known || known.size !== set.size || ![...set].every((needle) => known.has(needle))) return true;
    }
    for (const [, { entry, answered, language }] of this.next) {
      if (this.previous.get(entry.file) !== entry || answered !== this.previousNeedles.get(language)) return true;
    }
    return false;
  }

  /** What the next scan can use: per language, the needles every file of it has an answer for. */
  toFile(key: string): PrefilterMemoFile {
    const needles: Record<string, string[]> = {};
    for (const [language, set] of this.tested) needles[language] = [...set];
    const entries: MemoEntry[] = [];
    for (const { entry, language, answered } of this.next.values()) {
      const tested = this.tested.get(language);
      if (!tested || ![...tested].every((needle) => answered.has(needle))) continue;
      entries.push({ ...entry, hits: entry.hits.filter((needle) => tested.has(needle)) });
    }
    return { format: FORMAT, key, needles, entries };
  }
}

export function readPrefilterMemo(file: string, key: string): PrefilterMemoFile | undefined {
  try {
    const memo = JSON.parse(readFileSync(file, "utf8")) as PrefilterMemoFile;
    return memo.format === FORMAT && memo.key === key && Array.isArray(memo.entries) && typeof memo.needles === "object" && memo.needles !== null ? memo : undefined;
  } catch {
    return undefined;
  }
}

export function writePrefilterMemo(file: string, memo: PrefilterMemoFile): void {
  // Not written: the next scan reads every file.
  writeCacheFile(file, memo);
}

function countLines(text: string): number {
  let lines = 1;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) lines++;
  return lines;
}
