import fs, { readFileSync } from "node:fs";
import path from "node:path";
import type { Ignore } from "ignore";
import { ALWAYS_EXCLUDED, type ResolvedConfig } from "../config/schema.js";
import type { WalkRecorder } from "./dir-stamps.js";
import { literalTails, readdirForFiles, type SpecialKind } from "./name-prefilter.js";
import type { WalkListings } from "./walk-listings.js";
import { planSimpleWalk, walkSimple } from "./simple-walk.js";

/**
 * Lists the files to scan: `include` minus `exclude`, build output, node_modules and what `.gitignore`
 * files (the root one and nested ones) ignore. Returns absolute paths, sorted, so scans are reproducible.
 * `paths` (absolute files or directories) narrows the scan to part of the project.
 */
export async function discoverFiles(
  config: ResolvedConfig,
  paths: readonly string[] = [],
  /**
   * Filled with the FIFOs, sockets and devices the globs match (listed, never opened: a FIFO would block
   * the read) and the directories that could not be listed (permissions): a scan says what it could not read.
   */
  specialFiles: SpecialFile[] = [],
  /** Sees every directory the walks list and every `.gitignore` read (the discovery cache stamps them). */
  recorder?: WalkRecorder,
  /** Keeps this walk's listings (`keep`), or lists from those of an earlier walk of the same tree (`reuse`). */
  listings?: { keep?: WalkListings; reuse?: WalkListings },
): Promise<string[]> {
  // Loaded here, not at the top: a cached scan whose walk still holds (discovery-cache.ts) never needs them.
  const [{ default: fg }, { default: ignore }] = await Promise.all([import("fast-glob"), import("ignore")]);
  const ignorePatterns = [...ALWAYS_EXCLUDED, ...config.exclude];
  const unreadable = (directory: string) => specialFiles.push({ file: directory, kind: "an unreadable directory" });
  // One walk: the `.gitignore` files are taken from the listings the include walk makes (see gitignoresOf).
  const listed = new Map<string, boolean>();
  const options = { cwd: config.root, ignore: ignorePatterns, onlyFiles: true, followSymbolicLinks: false, suppressErrors: true, dot: false };
  // The defaults' shape of include walks without fast-glob's machinery, to the same answer (simple-walk.ts);
  // a walk whose directories the discovery cache stamps stays fast-glob's.
  const plan = recorder ? undefined : planSimpleWalk(fg, config.include, options);
  // That walk lists synchronously: nothing else runs meanwhile, and a readdir through libuv's pool cost
  // more CPU (its 1,300 directories of the real corpus: 47-64 against 25-42 ms).
  let fsReaddir = plan ? readdirSyncCalling : (fs.readdir as unknown as Readdir);
  if (listings?.keep) fsReaddir = listings.keep.keeping(fsReaddir);
  if (listings?.reuse) fsReaddir = listings.reuse.reusing(fsReaddir);
  const listing = readdirListing(readdirNoting(unreadable, fsReaddir), listed, config.root);
  // Files no include pattern can match are dropped from each listing before fast-glob tests them, and
  // FIFOs, sockets and devices pass as files for `onlyFiles` (name-prefilter.ts).
  const tails = literalTails(fg.generateTasks(config.include, options).flatMap((task) => task.positive));
  const special = new WeakMap<object, SpecialKind>();
  const readdir = readdirForFiles(listing, tails, special);
  const entries = plan
    ? await walkSimple(plan, config.root, readdir)
    : await fg(config.include, { ...options, absolute: true, objectMode: true, fs: recorder ? recorder.fileSystem(readdir) : { readdir } });
  const files: string[] = [];
  for (const entry of entries) {
    const kind = special.get(entry.dirent);
    if (kind) specialFiles.push({ file: entry.path, kind });
    else if (entry.dirent.isFile()) files.push(entry.path);
  }
  const gitignores = config.gitignore ? gitignoresOf(files, config.root, listed, recorder) : [];
  const kept = gitignores.length > 0 ? filterGitignored(files, config.root, gitignores, ignore) : files;
  const narrowed = paths.length > 0 ? kept.filter((file) => paths.some((p) => file === p || file.startsWith(p + path.sep))) : kept;
  return narrowed.sort();
}

export interface SpecialFile {
  file: string;
  kind: "a FIFO" | "a socket" | "a device" | "an unreadable directory";
}

type Readdir = (directory: string, ...rest: unknown[]) => void;

/** `readdir` that also notes, for each directory it lists, whether it holds a `.gitignore` file. */
function readdirListing(inner: Readdir, listed: Map<string, boolean>, root: string): Readdir {
  return (directory, ...rest) => {
    const callback = rest.pop() as (error: NodeJS.ErrnoException | null, entries?: unknown) => void;
    inner(directory, ...rest, (error: NodeJS.ErrnoException | null, entries?: unknown) => {
      if (!error && Array.isArray(entries)) {
        listed.set(
          path.resolve(root, directory),
          entries.some((entry: unknown) => (typeof entry === "string" ? entry === ".gitignore" : (entry as fs.Dirent).name === ".gitignore" && (entry as fs.Dirent).isFile())),
        );
      }
      callback(error, entries);
    });
  };
}

/**
 * The `.gitignore` files that can apply to `files` (relative to the root, `/`-separated): a `.gitignore`
 * applies to the files below its directory, so only those of their directories and ancestors count. The
 * walk listed every directory between its base (`src` for `src/**`) and each file, and says which hold one;
 * the few directories above the base, up to the root, are asked directly (and stamped, present or not, so
 * a `.gitignore` created there later is seen by the discovery cache).
 */
function gitignoresOf(files: readonly string[], root: string, listed: ReadonlyMap<string, boolean>, recorder: WalkRecorder | undefined): string[] {
  const directories = new Set<string>();
  let previous: string | undefined;
  for (const file of files) {
    // Files come directory by directory: the one just seen has had its ancestors added.
    const parent = path.dirname(file);
    if (parent === previous) continue;
    previous = parent;
    for (let directory = parent; !directories.has(directory); directory = path.dirname(directory)) {
      directories.add(directory);
      if (directory === root || !directory.startsWith(root + path.sep)) break;
    }
  }
  const found: string[] = [];
  for (const directory of directories) {
    if (directory !== root && !directory.startsWith(root + path.sep)) continue;
    const file = path.join(directory, ".gitignore");
    let holds = listed.get(directory);
    if (holds === undefined) {
      holds = isFile(file);
      recorder?.noteFile(file);
    }
    if (holds) found.push(toPosix(path.relative(root, file)));
  }
  for (const relative of found) recorder?.noteFile(path.join(root, relative));
  return found.sort();
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `fs.readdir`'s signature over `fs.readdirSync`: the callback is called before it returns. */
const readdirSyncCalling: Readdir = (directory, ...rest) => {
  const callback = rest.pop() as (error: NodeJS.ErrnoException | null, entries?: unknown) => void;
  let entries: unknown;
  try {
    entries = (fs.readdirSync as (...args: unknown[]) => unknown)(directory, ...rest);
  } catch (error) {
    callback(error as NodeJS.ErrnoException);
    return;
  }
  callback(null, entries);
};

/**
 * `fs.readdir` for fast-glob that reports a directory it may not list (EACCES, EPERM) and goes on with
 * the others: fast-glob's own `suppressErrors` would skip it without a word.
 */
function readdirNoting(unreadable: (directory: string) => void, readdir: Readdir): Readdir {
  return (directory, ...rest) => {
    const callback = rest.pop() as (error: NodeJS.ErrnoException | null, entries?: unknown) => void;
    readdir(directory, ...rest, (error: NodeJS.ErrnoException | null, entries: unknown) => {
      if (error && (error.code === "EACCES" || error.code === "EPERM")) {
        unreadable(directory);
        callback(null, []);
      } else callback(error, entries);
    });
  };
}

function filterGitignored(files: string[], root: string, gitignores: string[], ignore: () => Ignore): string[] {
  // Each .gitignore applies to paths below its own directory; deeper files are checked against each level.
  const byDirectory = new Map<string, Ignore>();
  for (const relative of gitignores) {
    const directory = path.posix.dirname(relative);
    try {
      byDirectory.set(directory === "." ? "" : directory, ignore().add(readFileSync(path.join(root, relative), "utf8")));
    } catch {
      // An unreadable .gitignore ignores nothing, like git.
    }
  }
  const directories = [...byDirectory.keys()];
  return files.filter((file) => {
    const relative = toPosix(path.relative(root, file));
    for (const directory of directories) {
      if (directory !== "" && !relative.startsWith(directory + "/")) continue;
      const below = directory === "" ? relative : relative.slice(directory.length + 1);
      if (byDirectory.get(directory)!.ignores(below)) return false;
    }
    return true;
  });
}

export function toPosix(relative: string): string {
  return path.sep === "/" ? relative : relative.split(path.sep).join("/");
}
