import { createHash } from "node:crypto";
import { existsSync as fsExistsSync, readFileSync as fsReadFileSync, statSync as fsStatSync, type Stats } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type fg from "fast-glob";
import { stampsHold, timestampMargin, WalkRecorder, type Stamp } from "./dir-stamps.js";
import { fromKeyPath, toKeyPath } from "./key-path.js";
import { globSimpleSync } from "./simple-walk.js";

/**
 * One fact of the file system a scan's result depends on. The result cache (src/scan/result-cache.ts)
 * records every such fact while a scan runs and replays them before it trusts a cached result: a file's
 * content (by hash), whether a path is a file, whether a path exists, what a glob matched.
 * Paths are relative to the project root when inside it, so a checkout elsewhere (the base revision of
 * `--changed-since`) can reuse the entry.
 */
export type Dependency =
  | {
      kind: "read";
      path: string;
      hash: string | null;
      /** Read with `readFileSync` below (tsconfig, package.json, registries), not as a scanned text. */
      raw?: true;
      /** The file's mtime and size when they are known to predate the read: equal ones spare the hash. */
      mtimeMs?: number;
      size?: number;
      /**
       * And its ctime: an edit that restores the old mtime (`touch -d`, `utimes`) still moves the ctime,
       * which no tool can set back, so such an edit is hashed too (ESLint's mtime + size check misses it).
       */
      ctimeMs?: number;
      /**
       * And its inode: a symlink re-pointed at another file, or a file renamed over it, can show the same
       * mtime, ctime and size (two files written in one timestamp tick), never the same inode.
       */
      ino?: number;
    }
  | { kind: "stat"; path: string; isFile: boolean | null }
  | { kind: "exists"; path: string; exists: boolean }
  | {
      /**
       * Existence facts of entries of one directory (a resolver's probes), answered together while the
       * directory's stamp holds (covered-facts.ts); each is checked on its own when it does not.
       */
      kind: "covered";
      path: string;
      stamp: Stamp;
      facts: Array<Dependency & { kind: "stat" | "exists" }>;
    }
  | {
      kind: "glob";
      patterns: string[];
      cwd: string;
      options: Record<string, unknown>;
      hash: string;
      /** What the walk listed and stat'ed (dir-stamps.ts): while they hold, the glob is not run again. */
      stamps?: Stamp[];
      /** What it returned, when stamped (paths relative to the root when inside it), for the next scan to reuse. */
      found?: string[];
    };

/** fast-glob, loaded when a glob runs: a cached scan whose walks still hold never needs it. */
let fastGlobModule: typeof fg | undefined;
function fastGlob(): typeof fg {
  return (fastGlobModule ??= createRequire(import.meta.url)("fast-glob") as typeof fg);
}

let recording: Map<string, Dependency> | undefined;
let recordingRoot = "";

/** Starts recording this thread's file-system facts (a worker thread records its own). */
export function startRecording(root: string): void {
  recording = new Map();
  recordingRoot = root;
}

export function isRecording(): boolean {
  return recording !== undefined;
}

/** The facts recorded so far, and stops recording. */
export function stopRecording(): Dependency[] {
  const facts = [...(recording?.values() ?? [])];
  recording = undefined;
  return facts;
}

/** The facts recorded so far, recording on (a worker thread reports them with each flush). */
export function recordedSoFar(): Dependency[] {
  return [...(recording?.values() ?? [])];
}

/** Adds facts another thread recorded. */
export function addRecorded(facts: readonly Dependency[]): void {
  if (!recording) return;
  for (const fact of facts) recording.set(keyOf(fact), fact);
}

export function hashContent(content: Buffer | string): string {
  return createHash("sha1").update(content).digest("base64url");
}

// Paths recorded are the ones this process opened, so a relative one is relative to the working directory.
const recordedKeyPath = (file: string) => toKeyPath(recordingRoot, path.resolve(file));

function keyOf(fact: Dependency): string {
  return fact.kind === "glob" ? `glob\0${fact.cwd}\0${fact.patterns.join("\0")}\0${JSON.stringify(fact.options)}` : `${fact.kind}\0${fact.path}`;
}

function note(fact: Dependency): void {
  if (!recording) return;
  const key = keyOf(fact);
  if (!recording.has(key)) recording.set(key, fact);
}

/** Records a read done elsewhere (`readText`): the content (or its hash, when known), or null when it could not be read. */
export function noteRead(file: string, content: Buffer | undefined, hash?: string): void {
  if (recording) note({ kind: "read", path: recordedKeyPath(file), hash: content === undefined ? null : (hash ?? hashContent(content)) });
}

/**
 * Records a read the prefilter memo answered (src/scan/prefilter-memo.ts): the file's bytes hash to `hash`.
 * `stats`, the memo's, hold now and predate the margin as `withStats` needs: the fact carries them at once.
 */
export function noteReadHash(file: string, hash: string, relativePath?: string, stats?: { mtimeMs: number; ctimeMs: number; size: number; ino: number }): void {
  // `relativePath` (to the recording root, with `/`) spares the path arithmetic when the caller has it.
  if (!recording) return;
  const path = relativePath ?? recordedKeyPath(file);
  note(stats ? { kind: "read", path, hash, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, size: stats.size, ino: stats.ino } : { kind: "read", path, hash });
}

/** `fs.readFileSync(file, "utf8")`, recorded. */
export function readFileSync(file: string, encoding: "utf8"): string {
  let buffer: Buffer;
  try {
    buffer = fsReadFileSync(file);
  } catch (error) {
    noteRawRead(file, undefined);
    throw error;
  }
  noteRawRead(file, buffer);
  return buffer.toString(encoding);
}

function noteRawRead(file: string, content: Buffer | undefined): void {
  if (!recording) return;
  // A file read both ways counts as read raw: the per-file fact cache keeps raw reads as global facts.
  const fact: Dependency = { kind: "read", path: recordedKeyPath(file), hash: content === undefined ? null : hashContent(content), raw: true };
  recording.set(keyOf(fact), fact);
}

/** `fs.existsSync`, recorded. */
export function existsSync(file: string): boolean {
  const exists = fsExistsSync(file);
  if (recording) note({ kind: "exists", path: recordedKeyPath(file), exists });
  return exists;
}

/** `fs.statSync`, recorded as "is a file / is something else / is missing". */
export function statSync(file: string): Stats {
  let stats: Stats;
  try {
    stats = fsStatSync(file);
  } catch (error) {
    if (recording) note({ kind: "stat", path: recordedKeyPath(file), isFile: null });
    throw error;
  }
  if (recording) note({ kind: "stat", path: recordedKeyPath(file), isFile: stats.isFile() });
  return stats;
}

/**
 * Whether `file` is a regular file (null when nothing is there), recorded as `statSync` records it. A
 * missing file costs no exception: a module resolver probes a score of names per import, most of them absent.
 */
export function isFileSync(file: string): boolean | null {
  let isFile: boolean | null = null;
  try {
    isFile = fsStatSync(file, { throwIfNoEntry: false })?.isFile() ?? null;
  } catch {
    // Another error (ENOTDIR: a path through a file, EACCES): nothing readable there, as `statSync` throwing.
  }
  if (recording) note({ kind: "stat", path: recordedKeyPath(file), isFile });
  return isFile;
}

/** `fast-glob`'s `sync` with string options only (cwd, ignore...), recorded by the list it returned. */
export function globSync(patterns: string | string[], options: fg.Options & { cwd: string }): string[] {
  if (!recording) return globSimpleSync(fastGlob(), patterns, options) ?? fastGlob().sync(patterns, options);
  const key = keyOf(globFact(patterns, options, ""));
  const previous = previousGlobs.get(key);
  if (previous?.stamps && previous.found && stampsHold(previous.stamps, recordingRoot)) {
    note(previous);
    return previous.found.map((f) => fromKeyPath(recordingRoot, f));
  }
  const recorder = new WalkRecorder();
  const found = fastGlob().sync(patterns, { ...options, fs: recorder.fileSystem() });
  const stamps = recorder.stamps(recordingRoot);
  // The list is kept only for absolute answers (the resolver's), which are the same from any directory.
  const reusable = stamps && options.absolute === true ? { stamps, found: found.map(recordedKeyPath) } : stamps && { stamps };
  note({ ...globFact(patterns, options, hashContent([...found].sort().join("\0"))), ...reusable });
  return found;
}

function globFact(patterns: string | string[], options: fg.Options & { cwd: string }, hash: string): Dependency & { kind: "glob" } {
  // `deep: Infinity` is fast-glob's default and does not survive JSON: leave it out.
  const rest = Object.fromEntries(Object.entries(options).filter(([key, value]) => key !== "cwd" && value !== Infinity));
  return { kind: "glob", patterns: ([] as string[]).concat(patterns), cwd: recordedKeyPath(options.cwd), options: rest, hash };
}

/**
 * Whether an unstamped glob fact still holds under `root`, walked with its stamps taken: the fact as it
 * holds now, with stamps (and its answer, for an absolute glob) when they can be trusted, so the scan's
 * own glob of the same query (`globSync`, through `setPreviousGlobs`) and the next scan answer from them
 * instead of walking again; undefined when it no longer holds.
 */
export function restampGlob(fact: Dependency & { kind: "glob" }, root: string): (Dependency & { kind: "glob" }) | undefined {
  const recorder = new WalkRecorder();
  const found = fastGlob().sync(fact.patterns, { ...fact.options, cwd: fromKeyPath(root, fact.cwd), fs: recorder.fileSystem() });
  if (hashContent([...found].sort().join("\0")) !== fact.hash) return undefined;
  const stamps = recorder.stamps(root);
  if (!stamps) return fact;
  const { stamps: _stamps, found: _found, ...rest } = fact;
  return fact.options.absolute === true ? { ...rest, stamps, found: found.map((f) => toKeyPath(root, path.resolve(f))) } : { ...rest, stamps };
}

/** The key two facts of the same question share (a glob's query, a path's kind): the later answer replaces the earlier. */
export function factKey(fact: Dependency): string {
  return keyOf(fact);
}

/** Glob facts of the last scan (`--cache`, in this thread): a glob whose stamps still hold returns its old answer. */
const previousGlobs = new Map<string, Dependency & { kind: "glob" }>();

export function setPreviousGlobs(facts: readonly Dependency[]): void {
  previousGlobs.clear();
  for (const fact of facts) if (fact.kind === "glob" && fact.stamps && fact.found) previousGlobs.set(keyOf(fact), fact);
}

/**
 * Adds mtime, ctime and size to the read facts of files not changed since `since` minus the timestamp
 * margin (dir-stamps.ts; 2 s; `since` in ms since the epoch, taken before the reads), so `stillHolds` can
 * trust an unchanged stat instead of hashing. A file changed later, or within the file system's timestamp
 * granularity of the read, keeps being compared by hash.
 */
export function withStats(
  facts: Dependency[],
  root: string,
  since: number,
  /** Stats already known to hold now and to predate `since` by the margin (the prefilter memo's), by fact path. */
  known?: (path: string) => { mtimeMs: number; ctimeMs: number; size: number; ino: number } | undefined,
): Dependency[] {
  const trustedBefore = since - timestampMargin();
  return facts.map((fact) => {
    if (fact.kind !== "read" || fact.hash === null || fact.mtimeMs !== undefined) return fact;
    const stat = known?.(fact.path);
    if (stat) return { ...fact, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, size: stat.size, ino: stat.ino };
    try {
      const stats = fsStatSync(fromKeyPath(root, fact.path));
      return stats.mtimeMs < trustedBefore && stats.ctimeMs < trustedBefore ? { ...fact, mtimeMs: stats.mtimeMs, ctimeMs: stats.ctimeMs, size: stats.size, ino: stats.ino } : fact;
    } catch {
      return fact;
    }
  });
}

/**
 * Stats the cache check took (before this run read anything), by absolute path, while `withStatsBeforeReads`
 * runs: the prefilter memo needs each file's stats from before its read, and after a miss it would stat
 * again every file the check already had.
 */
let statsBeforeReads: Map<string, Stats> | undefined;

export async function withStatsBeforeReads<T>(run: () => Promise<T>): Promise<T> {
  const outer = statsBeforeReads;
  statsBeforeReads = new Map();
  try {
    return await run();
  } finally {
    statsBeforeReads = outer;
  }
}

/** The stats of `file` the cache check took, once (undefined when it took none); the next call stats anew. */
export function takeStatsBeforeReads(file: string): Stats | undefined {
  const stats = statsBeforeReads?.get(file);
  if (stats) statsBeforeReads!.delete(file);
  return stats;
}

/** Whether a recorded fact still holds under `root`. */
export function stillHolds(fact: Dependency, root: string): boolean {
  if (fact.kind === "glob") {
    if (fact.stamps && stampsHold(fact.stamps, root)) return true;
    const found = fastGlob().sync(fact.patterns, { ...fact.options, cwd: fromKeyPath(root, fact.cwd) });
    return hashContent([...found].sort().join("\0")) === fact.hash;
  }
  if (fact.kind === "covered") return stampsHold([fact.stamp], root) || fact.facts.every((covered) => stillHolds(covered, root));
  const file = fromKeyPath(root, fact.path);
  if (fact.kind === "exists") return fsExistsSync(file) === fact.exists;
  if (fact.kind === "stat") {
    try {
      return fsStatSync(file).isFile() === fact.isFile;
    } catch {
      return fact.isFile === null;
    }
  }
  if (fact.mtimeMs !== undefined) {
    let stats: Stats | undefined;
    try {
      stats = fsStatSync(file, { throwIfNoEntry: false });
    } catch {
      stats = undefined;
    }
    if (stats === undefined) return fact.hash === null;
    statsBeforeReads?.set(file, stats);
    if (stats.isFile() && stats.mtimeMs === fact.mtimeMs && stats.size === fact.size && stats.ctimeMs === fact.ctimeMs && stats.ino === fact.ino) return true;
  }
  let content: Buffer;
  try {
    content = fsReadFileSync(file);
  } catch {
    return fact.hash === null;
  }
  return hashContent(content) === fact.hash;
}
