import { spawnSync } from "node:child_process";
import path from "node:path";

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
 * registry says nothing about when they last changed.
 */
export function createGitAge(root: string): GitAge {
  const cache = new Map<string, Array<number | undefined> | undefined>();
  return {
    entryAgeDays(file, line, now) {
      const absolute = path.resolve(root, file);
      let times = cache.get(absolute);
      if (!cache.has(absolute)) {
        times = blameAuthorTimes(absolute);
        cache.set(absolute, times);
      }
      const seconds = times?.[line - 1];
      if (seconds === undefined) return undefined;
      return Math.max(0, Math.floor((now - seconds * 1000) / DAY_MS));
    },
  };
}

/**
 * Author time (epoch seconds) of each line, index 0 for line 1; undefined when git cannot blame the
 * file. `-w` and `-M` keep an entry's age when the registry is re-indented or re-sorted.
 */
function blameAuthorTimes(file: string): Array<number | undefined> | undefined {
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
