import fs, { lstatSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { fromKeyPath, toKeyPath } from "./key-path.js";

/**
 * What a directory walk (fast-glob) looked at, stamped so that a later run can tell without walking
 * again that the walk would see the same thing: adding, removing or renaming an entry changes its
 * directory's mtime; `chmod`, `chown` and `utimes` change its ctime; a directory replaced by another (a
 * rename over it, a symlink pointed elsewhere) has another inode. So while every directory the walk
 * listed and every path it stat'ed has the same (mtime, ctime, inode, size), the walk's answer holds.
 * This is git's index check (racy-git included) applied to directories.
 *
 * A stamp is `[how, path, mtimeMs, ctimeMs, ino, size]`, or `[how, path, null]` for a path that was
 * missing; `how` is `d` (listed, followed: `stat`), `l` (`lstat`ed) or `s` (`stat`ed).
 */
export type Stamp = [how: StampHow, path: string, mtimeMs: number, ctimeMs: number, ino: number, size: number] | [how: StampHow, path: string, missing: null];
type StampHow = "d" | "l" | "s";

/**
 * How far before the walk a timestamp must lie to be trusted (ms). File-system timestamps are coarse
 * (a kernel tick, or a second or two on some file systems), so a directory changed in the same tick as
 * the walk can change again without its mtime moving: such a directory is not stamped, and the next run
 * walks again. Tests set `FLAG_SCAN_TIMESTAMP_MARGIN_MS` lower to reach the stamped path without waiting.
 */
export function timestampMargin(): number {
  const value = Number(process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS);
  return process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS !== undefined && Number.isFinite(value) && value >= 0 ? value : 2000;
}

type Callback = (error: NodeJS.ErrnoException | null, result?: unknown) => void;

/** Records the paths a fast-glob walk lists and stats, through fast-glob's `fs` option. */
export class WalkRecorder {
  private readonly seen = new Map<string, StampHow>();
  /** When the walk started (ms since the epoch): stamps must predate it by the margin. */
  readonly started = Date.now();

  private note(how: StampHow, file: unknown): void {
    if (typeof file !== "string") return;
    const key = `${how}\0${file}`;
    if (!this.seen.has(key)) this.seen.set(key, how);
  }

  /** Wraps `fs.readdir` (or a replacement with the same signature, e.g. one that notes unreadable directories). */
  readdir(inner: (directory: string, ...rest: unknown[]) => void = fs.readdir as never): (directory: string, ...rest: unknown[]) => void {
    return (directory, ...rest) => {
      this.note("d", directory);
      inner(directory, ...rest);
    };
  }

  /** The `fs` option of fast-glob's async and sync walks. */
  fileSystem(readdir?: (directory: string, ...rest: unknown[]) => void): Record<string, unknown> {
    return {
      readdir: this.readdir(readdir),
      readdirSync: (directory: string, ...rest: unknown[]) => {
        this.note("d", directory);
        return (fs.readdirSync as (...args: unknown[]) => unknown)(directory, ...rest);
      },
      lstat: (file: string, ...rest: unknown[]) => {
        this.note("l", file);
        (fs.lstat as (...args: unknown[]) => void)(file, ...(rest as [Callback]));
      },
      lstatSync: (file: string, ...rest: unknown[]) => {
        this.note("l", file);
        return (fs.lstatSync as (...args: unknown[]) => unknown)(file, ...rest);
      },
      stat: (file: string, ...rest: unknown[]) => {
        this.note("s", file);
        (fs.stat as (...args: unknown[]) => void)(file, ...(rest as [Callback]));
      },
      statSync: (file: string, ...rest: unknown[]) => {
        this.note("s", file);
        return (fs.statSync as (...args: unknown[]) => unknown)(file, ...rest);
      },
    };
  }

  /** Records a file read outside the walk whose content decides its answer (a `.gitignore`). */
  noteFile(file: string): void {
    this.note("s", file);
  }

  /**
   * The stamps of everything the walk saw, paths relative to `root` when inside it; undefined when any
   * of it changed too recently to be trusted (then the walk must be repeated next time).
   */
  stamps(root: string): Stamp[] | undefined {
    const stamps: Stamp[] = [];
    for (const [key, how] of this.seen) {
      const stamp = trustedStamp(stampOf(how, path.resolve(root, key.slice(2))), root, key.slice(2), this.started);
      if (!stamp) return undefined;
      stamps.push(stamp);
    }
    return stamps;
  }
}

/**
 * The stamp of a directory (stat'ed, followed) as a walk would take it, path relative to `root` when
 * inside it; undefined when it changed too recently before `since` to be trusted (see `timestampMargin`).
 */
export function directoryStamp(root: string, directory: string, since: number): Stamp | undefined {
  return trustedStamp([...currentStamp("d", path.resolve(root, directory))] as Stamp, root, directory, since);
}

/**
 * `stamp` with its path made relative to `root` (it is changed in place), or undefined when its
 * timestamps lie within the margin before `since`: a change in that tick could still go unseen.
 */
function trustedStamp(stamp: Stamp, root: string, file: string, since: number): Stamp | undefined {
  if (stamp.length > 3) {
    const [, , mtimeMs, ctimeMs] = stamp as [StampHow, string, number, number, number, number];
    const trustedBefore = since - timestampMargin();
    if (mtimeMs >= trustedBefore || ctimeMs >= trustedBefore) return undefined;
  }
  stamp[1] = toKeyPath(root, file);
  return stamp;
}


function stampOf(how: StampHow, file: string): Stamp {
  let stats: Stats | undefined;
  try {
    // Not throwing for a missing path: an error object costs more than the stat.
    stats = how === "l" ? lstatSync(file, { throwIfNoEntry: false }) : statSync(file, { throwIfNoEntry: false });
  } catch {
    stats = undefined;
  }
  if (stats === undefined) return [how, file, null];
  return [how, file, stats.mtimeMs, stats.ctimeMs, stats.ino, stats.isDirectory() ? 0 : stats.size];
}

/** The stamps one validation took, by how and path. */
export type StampSession = Map<string, Stamp>;

let session: StampSession | undefined;

/**
 * Runs `check` with each path stamped at most once: the discovery walk, the resolver's glob and the
 * registry globs list the same directories, and one validation needs each answer once. Only for the
 * span of one check, so a long-running process (the ESLint plugin) never reuses an old answer. `stamps`
 * continues a session: a cached scan's miss checks its per-file facts with the stamps the result's
 * check just took (taken before anything the scan reads, so a change after them still shows next time).
 */
export async function withStampSession<T>(check: () => Promise<T>, stamps?: StampSession): Promise<T> {
  const outer = session;
  session ??= stamps ?? new Map();
  try {
    return await check();
  } finally {
    session = outer;
  }
}

function currentStamp(how: StampHow, file: string): Stamp {
  if (!session) return stampOf(how, file);
  const key = `${how}\0${file}`;
  let stamp = session.get(key);
  if (!stamp) session.set(key, (stamp = stampOf(how, file)));
  return stamp;
}

/** Whether every stamp still holds under `root`: then a walk would list and see the same entries. */
export function stampsHold(stamps: readonly Stamp[], root: string): boolean {
  for (const stamp of stamps) {
    const now = currentStamp(stamp[0], fromKeyPath(root, stamp[1]));
    if (now.length !== stamp.length) return false;
    for (let i = 2; i < stamp.length; i++) if (now[i] !== stamp[i]) return false;
  }
  return true;
}
