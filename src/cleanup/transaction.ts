import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, constants, accessSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { CleanupError, UsageError } from "../errors.js";

/** Where a running cleanup says so: one per project root. */
const LOCK = ".flag-scan-cleanup.lock";
/** Staged contents wait next to their target under this name until the renames. */
const TEMPORARY = /^\..+\.flag-scan-\d+\.tmp$/;

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? (e.message ?? String(error)).split("\n")[0]!;
}

/**
 * Refuses a git work tree with uncommitted changes, as codemod tools do: the cleanup's diff must be
 * reviewable on its own. Outside git, or with `allowDirty`, anything goes.
 */
export function checkCleanTree(root: string, allowDirty: boolean): void {
  if (allowDirty) return;
  let status: string;
  try {
    status = execFileSync("git", ["status", "--porcelain", "--untracked-files=normal", "--", "."], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return;
  }
  const dirty = status.split("\n").filter((line) => line.trim() !== "" && !line.endsWith(LOCK));
  if (dirty.length === 0) return;
  const names = dirty.slice(0, 3).map((line) => line.slice(3)).join(", ");
  throw new UsageError(
    `the git work tree has uncommitted changes (${dirty.length} file${dirty.length === 1 ? "" : "s"}: ${names}${dirty.length > 3 ? ", ..." : ""})`,
    "commit or stash them so the cleanup's diff stands alone, or pass --allow-dirty",
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the project's cleanup lock, or says who holds it (exit 2). A lock whose process is gone (a killed
 * run) is taken over. Returns the release function.
 */
export function acquireLock(root: string): () => void {
  const file = path.join(root, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      return () => {
        try {
          unlinkSync(file);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new CleanupError(`could not create the lock ${LOCK} in ${root} (${reason(error)})`, "check that the project directory is writable");
      const holder = Number.parseInt(safeRead(file) ?? "", 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder))
        throw new UsageError(`busy: another cleanup (pid ${holder}) is running on this project`, `wait for it to finish; if none is running, delete ${LOCK}`);
      try {
        unlinkSync(file);
      } catch {
        // Someone else took it over first; the next attempt says who.
      }
    }
  }
  throw new UsageError(`busy: another cleanup is taking the lock ${LOCK} on this project`, "wait for it to finish");
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/** Removes staged files a killed cleanup left behind (`.name.flag-scan-<pid>.tmp` of a process that is gone). */
export async function removeLeftoverTemporaries(root: string): Promise<string[]> {
  const found = await fg("**/.*.flag-scan-*.tmp", { cwd: root, dot: true, onlyFiles: true, ignore: ["**/node_modules/**", "**/.git/**"], suppressErrors: true, followSymbolicLinks: false });
  const removed: string[] = [];
  for (const relative of found) {
    const name = path.basename(relative);
    const pid = Number(/flag-scan-(\d+)\.tmp$/.exec(name)?.[1]);
    if (!TEMPORARY.test(name) || (pid !== process.pid && isAlive(pid))) continue;
    try {
      unlinkSync(path.join(root, relative));
      removed.push(relative);
    } catch {
      // Not ours to fight over; it is listed the next time.
    }
  }
  return removed;
}

export interface PlannedWrite {
  /** Absolute path. */
  file: string;
  /** Undefined deletes the file. */
  text: string | Buffer | undefined;
  isNew: boolean;
  /** Registry files go last, so a run stopped half-way never drops a definition code still checks. */
  isRegistry: boolean;
}

/**
 * Writes every change as one transaction: each target is checked writable, every new content is staged
 * in a temporary sibling, and only then are the temporaries renamed over their targets (registries last)
 * and deleted files removed. A failure before the renames removes the staged files and leaves the tree as
 * it was; every failure is one line (CleanupError, exit 2).
 */
export function writeTransaction(writes: readonly PlannedWrite[]): void {
  const ordered = [...writes].sort((a, b) => Number(a.isRegistry) - Number(b.isRegistry));
  const staged: Array<{ temporary: string; target: string }> = [];
  const unstage = () => {
    for (const { temporary } of staged)
      try {
        unlinkSync(temporary);
      } catch {
        // Never written or already gone.
      }
  };
  try {
    for (const write of ordered) {
      const directory = path.dirname(write.file);
      if (write.isNew) mkdirSync(directory, { recursive: true });
      accessSync(directory, constants.W_OK);
      if (!write.isNew) accessSync(write.file, constants.W_OK);
    }
    for (const write of ordered) {
      if (write.text === undefined) continue;
      const target = !write.isNew && lstatSync(write.file).isSymbolicLink() ? realpathSync(write.file) : write.file;
      const temporary = path.join(path.dirname(target), `.${path.basename(target)}.flag-scan-${process.pid}.tmp`);
      staged.push({ temporary, target });
      writeFileSync(temporary, write.text, write.isNew ? {} : { mode: statSync(target).mode });
    }
  } catch (error) {
    unstage();
    const e = error as NodeJS.ErrnoException;
    throw new CleanupError(`nothing was written: ${e.path ?? "a file"} is not writable (${reason(error)})`, "fix the permissions and run the cleanup again");
  }
  try {
    for (const { temporary, target } of staged) renameSync(temporary, target);
    for (const write of ordered) if (write.text === undefined) unlinkSync(write.file);
  } catch (error) {
    unstage();
    const e = error as NodeJS.ErrnoException;
    throw new CleanupError(`the cleanup stopped while renaming ${e.path ?? "a file"} (${reason(error)}); \`git status\` shows what was written`, "fix the cause and run the cleanup again");
  }
}
