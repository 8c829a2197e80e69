import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type fg from "fast-glob";
import { literalTails } from "./name-prefilter.js";

/**
 * fast-glob's walk, for the include patterns most configs have (the defaults: every one starts with `**\/`),
 * without its machinery: on the real corpus (1,300 directories, 6,048 files) fast-glob spent 120 to 150 ms
 * of the main thread on its queue, path handling and regular expressions, 11 exclusions tried on every
 * file. This walk makes fast-glob's decisions with fast-glob's own regular expressions (micromatch's, with
 * the options fast-glob gives it): the same directories entered, the same files returned, the same
 * `readdir` calls. A pattern's literal words (`node_modules`, `min`, `js`) must occur in a path it
 * matches, so its expression runs only on paths that hold them. Any other shape of include (a base
 * directory, a static path, an absolute exclusion), and Windows, take fast-glob itself (`planSimpleWalk`
 * says undefined).
 */
export interface SimpleWalkPlan {
  positive: Guarded[];
  /** Exclusions, as the entry filter tests them (`dot: true`). */
  negative: Guarded[];
  /** Exclusions that stop the walk at a directory, as the deep filter tests them (`dot: false`). */
  deepNegative: Guarded[];
}

interface Guarded {
  words: string[];
  /** The literal text every match ends with (name-prefilter.ts), or "". */
  tail: string;
  expression: RegExp;
}

/** The options fast-glob's provider hands micromatch for `dot: false` and its defaults (providers/provider.js). */
const MICROMATCH_OPTIONS = { dot: false, matchBase: false, nobrace: false, nocase: false, noext: false, noglobstar: false, posix: true, strictSlashes: false };

type FastGlob = typeof fg;
type Micromatch = { makeRe(pattern: string, options: object): RegExp };

/** The walk for `include` minus `ignore` with the options discoverFiles gives fast-glob, when it can make it. */
export function planSimpleWalk(fastGlob: FastGlob, include: readonly string[], options: fg.Options): SimpleWalkPlan | undefined {
  if (process.platform === "win32") return undefined;
  const tasks = fastGlob.generateTasks([...include], options);
  if (tasks.length !== 1) return undefined;
  const [task] = tasks as [fg.Task];
  if (!task.dynamic || task.base !== "." || task.positive.length === 0 || !task.positive.every((pattern) => pattern.startsWith("**/"))) return undefined;
  if (task.negative.some((pattern) => path.isAbsolute(pattern))) return undefined;
  let micromatch: Micromatch;
  try {
    // The copy fast-glob itself uses, so the expressions are its own.
    micromatch = createRequire(createRequire(import.meta.url).resolve("fast-glob"))("micromatch") as Micromatch;
  } catch {
    return undefined;
  }
  const guarded = (pattern: string, dot: boolean): Guarded => ({
    words: literalWords(pattern),
    tail: literalTails([pattern])?.[0] ?? "",
    expression: micromatch.makeRe(pattern, { ...MICROMATCH_OPTIONS, dot }),
  });
  return {
    positive: task.positive.map((pattern) => guarded(pattern, false)),
    negative: task.negative.map((pattern) => guarded(pattern, true)),
    deepNegative: task.negative.filter((pattern) => affectsDepthOfReading(fastGlob, pattern)).map((pattern) => guarded(pattern, false)),
  };
}

/**
 * Words a path must contain to match `pattern`: runs of letters, digits, `_` and `-` in a pattern made of
 * those, `.`, `/`, `*` and `?` only (no class, brace, group or escape, where such a run may not be literal).
 */
export function literalWords(pattern: string): string[] {
  if (!/^[\w\-./*?]*$/.test(pattern)) return [];
  return pattern.split(/[^\w-]+/).filter((word) => word !== "");
}

function test(guarded: Guarded, filepath: string): boolean {
  if (!filepath.endsWith(guarded.tail)) return false;
  for (const word of guarded.words) if (!filepath.includes(word)) return false;
  return guarded.expression.test(filepath);
}

function anyMatches(list: readonly Guarded[], filepath: string): boolean {
  for (const guarded of list) if (test(guarded, filepath)) return true;
  return false;
}

/**
 * What fast-glob decides for one entry of a listing under `base` (its path relative to the root, "" at the
 * root): the entry's own relative path, whether it is a file to return, and whether it is a directory to enter.
 */
function decide(plan: SimpleWalkPlan, base: string, dirent: DirentLike): { entryPath: string; returned: boolean; entered: boolean } {
  const entryPath = base === "" ? dirent.name : `${base}/${dirent.name}`;
  const filepath = removeLeadingDotSegment(entryPath);
  return {
    entryPath,
    returned: dirent.isFile() && anyMatches(plan.positive, filepath) && !anyMatches(plan.negative, filepath),
    entered: dirent.isDirectory() && !anyMatches(plan.deepNegative, filepath),
  };
}

function childOf(directory: string, name: string): string {
  return directory.endsWith("/") ? directory + name : `${directory}/${name}`;
}

/** fast-glob's `isAffectDepthOfReadingPattern` (utils/pattern.js). */
function affectsDepthOfReading(fastGlob: FastGlob, pattern: string): boolean {
  return pattern.endsWith("/**") || !fastGlob.isDynamicPattern(path.basename(pattern), {});
}

type Readdir = (directory: string, options: { withFileTypes: true }, callback: (error: NodeJS.ErrnoException | null, entries?: unknown) => void) => void;

interface DirentLike {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
}

/**
 * Walks `root` as fast-glob's dynamic reader does with `onlyFiles`, `followSymbolicLinks: false`,
 * `suppressErrors` and `absolute`: returns its entries (`path`, `dirent`) in no particular order.
 */
export function walkSimple(plan: SimpleWalkPlan, cwd: string, readdir: Readdir): Promise<Array<{ path: string; dirent: DirentLike }>> {
  // @nodelib/fs.walk's root: fast-glob's `path.resolve(cwd, base)` with either separator made `/`.
  const root = path.resolve(cwd, ".").split(/[/\\]/).join("/");
  const found: Array<{ path: string; dirent: DirentLike }> = [];
  // fast-glob's `unixify(path.resolve(cwd, entryPath))`: names are never empty, `.` or `..`, so below a
  // normalized root the join is already resolved.
  const prefix = root.endsWith("/") ? root : `${root}/`;
  const absolute = path.resolve(cwd) === root ? (entryPath: string) => unixify(prefix + entryPath) : (entryPath: string) => unixify(path.resolve(cwd, entryPath));
  return new Promise((resolve) => {
    let pending = 0;
    const visit = (directory: string, base: string) => {
      pending++;
      readdir(directory, { withFileTypes: true }, (error, entries) => {
        if (!error && Array.isArray(entries)) {
          for (const dirent of entries as DirentLike[]) {
            const { entryPath, returned, entered } = decide(plan, base, dirent);
            if (returned) found.push({ path: absolute(entryPath), dirent });
            if (entered) visit(childOf(directory, dirent.name), entryPath);
          }
        }
        if (--pending === 0) resolve(found);
      });
    };
    visit(root, "");
  });
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** fast-glob's `unixify` (utils/path.js), which it applies on every platform. */
function unixify(file: string): string {
  return file.includes("\\") ? file.replace(/\\/g, "/") : file;
}

/** fast-glob's `removeLeadingDotSegment` (utils/path.js). */
function removeLeadingDotSegment(entry: string): string {
  return entry.charAt(0) === "." && (entry.charAt(1) === "/" || entry.charAt(1) === "\\") ? entry.slice(2) : entry;
}

/** The options `globSimpleSync` answers for (the others must be fast-glob's defaults). */
const SYNC_OPTIONS = new Set(["cwd", "ignore", "absolute", "deep", "suppressErrors"]);

/**
 * fast-glob's `sync(patterns, options)` with `absolute` and `suppressErrors`, an `ignore` list, a `deep`
 * limit and fast-glob's defaults otherwise (`onlyFiles`, `followSymbolicLinks`, no `dot`), for patterns
 * `planSimpleWalk` walks, in no particular order; undefined for any other call, and for a tree holding a
 * symbolic link to a directory (fast-glob follows links by default: a link to a file is matched as that
 * file here too, but the walk does not enter linked directories, so then fast-glob answers). The
 * resolver's listing of a repository's package.json files (`**\/package.json`) walked the whole tree with
 * fast-glob in the scan worker, while it parsed: 45 to 115 ms of the corpus's scan.
 */
export function globSimpleSync(fastGlob: FastGlob, patterns: string | string[], options: fg.Options & { cwd: string }): string[] | undefined {
  if (!Object.keys(options).every((key) => SYNC_OPTIONS.has(key)) || options.absolute !== true || options.suppressErrors !== true) return undefined;
  const plan = planSimpleWalk(fastGlob, ([] as string[]).concat(patterns), options);
  if (!plan) return undefined;
  const { cwd } = options;
  const deep = options.deep ?? Infinity;
  const root = path.resolve(cwd, ".").split(/[/\\]/).join("/");
  if (path.resolve(cwd) !== root) return undefined;
  const prefix = root.endsWith("/") ? root : `${root}/`;
  const found: string[] = [];
  let symbolicLink = false;
  const visit = (directory: string, base: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      let dirent: DirentLike = entry;
      if (entry.isSymbolicLink()) {
        // fast-glob takes a link for what it points to (a broken one stays a link): a file is matched as
        // one; a directory it would walk into, which this walk does not.
        const target = statOrUndefined(childOf(directory, entry.name));
        if (target?.isDirectory()) {
          symbolicLink = true;
          return;
        }
        if (target) dirent = { name: entry.name, isFile: () => target.isFile(), isDirectory: () => false };
      }
      const { entryPath, returned, entered } = decide(plan, base, dirent);
      if (returned) found.push(unixify(prefix + entryPath));
      // fast-glob's deep filter: a directory at `deep` levels or more is not entered.
      if (entered && (deep === Infinity || entryPath.split("/").length < deep)) {
        visit(childOf(directory, dirent.name), entryPath);
        if (symbolicLink) return;
      }
    }
  };
  visit(root, "");
  return symbolicLink ? undefined : found;
}
