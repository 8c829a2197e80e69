import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { writeCacheFile } from "../scan/cache-file.js";

/** Ages of registry entries from `git blame`, for registries that carry no dates. */
export interface GitAge {
  /**
   * Whole days since `line` of `file` (absolute, or relative to the root) last changed, by the
   * author date of the commit `git blame` attributes it to. Undefined outside a git repository, for
   * untracked files and for uncommitted lines.
   */
  entryAgeDays(file: string, line: number, now: number): number | undefined;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A line blamed on this commit is not committed yet. */
const UNCOMMITTED = /^0{40}$/;

/**
 * Blames each file at most once, and only when asked: a scan needs ages only for flags whose
 * registry says nothing about when they last changed. With `cacheFile` (`--cache`), a blame is kept
 * across runs while the repository's HEAD, its blame settings and the file's content are the same: a
 * registry of one file per flag (saleor's `.featureFlags/*.md`) cost a `git blame` per file per run.
 */
export function createGitAge(root: string, options: { cacheFile?: string } = {}): GitAge {
  const cache = new Map<string, Array<number | undefined> | undefined>();
  const stored = options.cacheFile === undefined ? undefined : new BlameStore(options.cacheFile);
  return {
    entryAgeDays(file, line, now) {
      const absolute = path.resolve(root, file);
      let times = cache.get(absolute);
      if (!cache.has(absolute)) {
        times = stored ? stored.blame(absolute) : blameAuthorTimes(absolute);
        cache.set(absolute, times);
      }
      const seconds = times?.[line - 1];
      if (seconds === undefined) return undefined;
      return Math.max(0, Math.floor((now - seconds * 1000) / DAY_MS));
    },
  };
}

type Times = Array<number | undefined>;

/**
 * Blames kept in one file, by what decides a blame: the commit HEAD names (the whole history), the
 * `blame.*` settings (`blame.ignoreRevsFile` moves lines to older commits), the file's path and its
 * content now (uncommitted lines have no age). Not kept in a shallow clone, whose history can deepen
 * under the same HEAD. The file holds only this run's blames, so it does not grow commit by commit.
 */
class BlameStore {
  private readonly previous: Record<string, Array<number | null>>;
  private readonly current: Record<string, Array<number | null>> = {};
  /** Per directory, the repository state a blame there depends on; undefined when blames there are not kept. */
  private readonly states = new Map<string, string | undefined>();

  constructor(private readonly file: string) {
    let previous: Record<string, Array<number | null>> = {};
    try {
      const parsed = JSON.parse(readFileSync(file, "utf8")) as { format?: number; blames?: Record<string, Array<number | null>> };
      if (parsed.format === BLAME_FORMAT && parsed.blames && typeof parsed.blames === "object") previous = parsed.blames;
    } catch {
      // No cache yet, or a damaged one: blame again.
    }
    this.previous = previous;
  }

  blame(file: string): Times | undefined {
    const directory = path.dirname(file);
    if (!this.states.has(directory)) this.states.set(directory, repositoryState(directory));
    const state = this.states.get(directory);
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch {
      return undefined;
    }
    if (state === NOT_A_REPOSITORY) return undefined;
    if (state === undefined) return blameAuthorTimes(file);
    const key = createHash("sha1").update(`${state}\0${file}\0`).update(content).digest("base64url");
    const known = this.previous[key] ?? this.current[key];
    if (known) {
      this.current[key] = known;
      return known.map((time) => time ?? undefined);
    }
    // A file git cannot blame under this HEAD (untracked, ignored) is kept as one with no committed line:
    // blamed again on every run, it cost a `git` start each time. Added to the index it still has none;
    // committed, HEAD moves and the key with it.
    const times = blameAuthorTimes(file) ?? [];
    this.current[key] = Array.from(times, (time) => time ?? null);
    try {
      writeCacheFile(this.file, { format: BLAME_FORMAT, blames: this.current });
    } catch {
      // A cache that cannot be written only costs the next run its blames.
    }
    return times;
  }
}

const BLAME_FORMAT = 1;

/** Where `git rev-parse HEAD` fails (no repository, no commit yet), `git blame` would fail too. */
const NOT_A_REPOSITORY = "\0not a repository";

/**
 * HEAD's commit and the `blame.*` settings of the repository holding `directory`; NOT_A_REPOSITORY
 * outside one; undefined in a shallow clone (blamed, not kept).
 */
function repositoryState(directory: string): string | undefined {
  if (!mayBeInRepository(directory)) return NOT_A_REPOSITORY;
  const env = { ...process.env, GIT_TERMINAL_PROMPT: "0" };
  const head = spawnSync("git", ["rev-parse", "HEAD", "--is-shallow-repository"], { cwd: directory, encoding: "utf8", env });
  if (head.status !== 0 || typeof head.stdout !== "string") return NOT_A_REPOSITORY;
  const [commit, shallow] = head.stdout.trim().split("\n");
  if (!commit || shallow !== "false") return undefined;
  // Exit 1 when there is no such setting: that is a state too.
  const settings = spawnSync("git", ["config", "--get-regexp", "^blame\\."], { cwd: directory, encoding: "utf8", env });
  return `${commit}\0${typeof settings.stdout === "string" ? settings.stdout : ""}`;
}

/**
 * False when git cannot find a repository from `directory`: no `GIT_DIR` names one, and neither
 * `directory` nor any directory above it holds a `.git` (a repository or a worktree's link) or a `HEAD`
 * (a bare repository). Then no `git` is started: a scan outside git (a cached hit of an unpacked tree)
 * spent about 5 ms of CPU and its wait on each spawn.
 */
function mayBeInRepository(directory: string): boolean {
  if (process.env.GIT_DIR !== undefined) return true;
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, ".git")) || existsSync(path.join(current, "HEAD"))) return true;
    if (path.dirname(current) === current) return false;
  }
}

/**
 * Author time (epoch seconds) of each line, index 0 for line 1; undefined when git cannot blame the
 * file. `-w` and `-M` keep an entry's age when the registry is re-indented or re-sorted.
 */
function blameAuthorTimes(file: string): Array<number | undefined> | undefined {
  if (!mayBeInRepository(path.dirname(file))) return undefined;
  const result = spawnSync("git", ["blame", "--line-porcelain", "-w", "-M", "--", path.basename(file)], {
    cwd: path.dirname(file),
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
    // Blame must not wait for a credential prompt or a pager.
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_PAGER: "cat" },
  });
  if (result.status !== 0 || typeof result.stdout !== "string") return undefined;
  const times: Array<number | undefined> = [];
  let commit = "";
  let authorTime: number | undefined;
  let finalLine = 0;
  for (const text of result.stdout.split("\n")) {
    if (text.startsWith("\t")) {
      times[finalLine - 1] = UNCOMMITTED.test(commit) ? undefined : authorTime;
      continue;
    }
    const header = /^([0-9a-f]{40}) \d+ (\d+)/.exec(text);
    if (header) {
      commit = header[1]!;
      finalLine = Number(header[2]);
      authorTime = undefined;
    } else if (text.startsWith("author-time ")) {
      authorTime = Number(text.slice("author-time ".length));
    }
  }
  return times;
}
