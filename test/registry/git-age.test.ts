import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGitAge } from "../../src/registry/git-age.js";

const hasGit = spawnSync("git", ["--version"]).status === 0;
if (!hasGit && process.env.CI === "true") throw new Error("git is required in CI for the git-age tests");

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.parse("2026-11-21T12:00:00Z");

let repo: string;

/** Commits with author and committer dates set, as history written long ago would have them. */
function commitAt(date: string, message: string): void {
  execFileSync("git", ["-c", "user.name=Flag Scan", "-c", "user.email=flags@example.com", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", "commit", "-q", "-am", message], {
    cwd: repo,
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

describe.skipIf(!hasGit)("createGitAge (skipped when git is not on PATH)", () => {
  beforeAll(() => {
    repo = realpathSync(mkdtempSync(path.join(tmpdir(), "flag-scan-git-age-")));
    execFileSync("git", ["init", "-q"], { cwd: repo });
    writeFileSync(path.join(repo, "flags.json"), '{\n  "ff_new_checkout": true,\n  "ff_dark_mode": false,\n  "ff_search_v2": false\n}\n');
    execFileSync("git", ["add", "flags.json"], { cwd: repo });
    commitAt("2024-01-01T12:00:00Z", "Add flags");
    writeFileSync(path.join(repo, "flags.json"), '{\n  "ff_new_checkout": true,\n  "ff_dark_mode": true,\n  "ff_search_v2": false\n}\n');
    commitAt("2026-10-22T12:00:00Z", "Turn on dark mode");
    // Re-indenting must not make an old entry young.
    writeFileSync(path.join(repo, "flags.json"), '{\n    "ff_new_checkout": true,\n  "ff_dark_mode": true,\n  "ff_search_v2": false\n}\n');
    commitAt("2026-11-01T12:00:00Z", "Re-indent");
    // Uncommitted: a new first entry, which also moves every committed line down by one.
    writeFileSync(path.join(repo, "flags.json"), '{\n  "ff_gift_cards": true,\n    "ff_new_checkout": true,\n  "ff_dark_mode": true,\n  "ff_search_v2": false\n}\n');
  });

  afterAll(() => {
    rmSync(repo, { recursive: true, force: true });
  });

  it("dates each entry by the commit that last changed its line", () => {
    const ages = createGitAge(repo);
    expect(ages.entryAgeDays("flags.json", 3, NOW)).toBe(Math.floor((NOW - Date.parse("2024-01-01T12:00:00Z")) / DAY_MS));
    expect(ages.entryAgeDays("flags.json", 3, NOW)).toBe(1055);
    expect(ages.entryAgeDays("flags.json", 4, NOW)).toBe(30);
    expect(ages.entryAgeDays("flags.json", 5, NOW)).toBe(1055);
    expect(ages.entryAgeDays(path.join(repo, "flags.json"), 4, NOW)).toBe(30);
  });

  it("knows nothing of uncommitted lines, lines past the end and untracked files", () => {
    const ages = createGitAge(repo);
    expect(ages.entryAgeDays("flags.json", 2, NOW)).toBeUndefined();
    expect(ages.entryAgeDays("flags.json", 99, NOW)).toBeUndefined();
    writeFileSync(path.join(repo, "untracked.yaml"), "ff_x: true\n");
    expect(ages.entryAgeDays("untracked.yaml", 1, NOW)).toBeUndefined();
    expect(ages.entryAgeDays("missing.yaml", 1, NOW)).toBeUndefined();
  });

  it("blames a file once, lazily", () => {
    const ages = createGitAge(repo);
    expect(ages.entryAgeDays("flags.json", 4, NOW)).toBe(30);
    writeFileSync(path.join(repo, "flags.json"), '{\n  "ff_reviews": true\n}\n');
    commitAt("2026-11-20T12:00:00Z", "Replace flags");
    // Answers come from the first blame, not a new one.
    expect(ages.entryAgeDays("flags.json", 3, NOW)).toBe(1055);
    expect(createGitAge(repo).entryAgeDays("flags.json", 2, NOW)).toBe(1);
  });

  it("keeps blames across runs while HEAD, the blame settings and the file are the same, never in a shallow clone", () => {
    const own = realpathSync(mkdtempSync(path.join(tmpdir(), "flag-scan-git-age-cache-")));
    const git = (...args: string[]) => execFileSync("git", args, { cwd: own, encoding: "utf8" });
    const commit = (date: string) =>
      execFileSync("git", ["-c", "user.name=F", "-c", "user.email=f@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-am", date], {
        cwd: own,
        env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
    try {
      git("init", "-q");
      writeFileSync(path.join(own, "flags.yaml"), "ff_a: true\nff_b: false\n");
      git("add", "flags.yaml");
      commit("2026-10-22T12:00:00Z");
      const cacheFile = path.join(own, ".cache", "git-age.json");
      expect(createGitAge(own, { cacheFile }).entryAgeDays("flags.yaml", 2, NOW)).toBe(30);
      // The next run reads the kept blame instead of blaming: a doctored one shows it is used.
      const kept = JSON.parse(readFileSync(cacheFile, "utf8")) as { blames: Record<string, number[]> };
      expect(Object.keys(kept.blames)).toHaveLength(1);
      for (const key of Object.keys(kept.blames)) kept.blames[key] = kept.blames[key]!.map(() => Math.floor((NOW - 5 * DAY_MS) / 1000));
      writeFileSync(cacheFile, JSON.stringify(kept));
      expect(createGitAge(own, { cacheFile }).entryAgeDays("flags.yaml", 2, NOW)).toBe(5);
      // An uncommitted edit: another content, blamed again (the edited line has no age).
      writeFileSync(path.join(own, "flags.yaml"), "ff_a: true\nff_b: true\n");
      expect(createGitAge(own, { cacheFile }).entryAgeDays("flags.yaml", 2, NOW)).toBeUndefined();
      // Committed: a new HEAD, blamed again.
      commit("2026-11-11T12:00:00Z");
      expect(createGitAge(own, { cacheFile }).entryAgeDays("flags.yaml", 2, NOW)).toBe(10);
      expect(createGitAge(own, { cacheFile }).entryAgeDays("flags.yaml", 1, NOW)).toBe(30);
      // A shallow clone's history can deepen under the same HEAD: its blames are not kept.
      const shallow = path.join(own, "shallow");
      execFileSync("git", ["clone", "-q", "--depth", "1", `file://${own}`, shallow]);
      const shallowCache = path.join(own, ".cache", "shallow.json");
      // Depth 1: every line is blamed on the one commit there is (30 days in the full history).
      expect(createGitAge(shallow, { cacheFile: shallowCache }).entryAgeDays("flags.yaml", 1, NOW)).toBe(10);
      expect(existsSync(shallowCache)).toBe(false);
      // An untracked file: no age, and kept as such, so the next run starts no `git blame` for it.
      writeFileSync(path.join(own, "local.yaml"), "ff_local: true\n");
      const untrackedCache = path.join(own, ".cache", "untracked.json");
      expect(createGitAge(own, { cacheFile: untrackedCache }).entryAgeDays("local.yaml", 1, NOW)).toBeUndefined();
      const keptUntracked = JSON.parse(readFileSync(untrackedCache, "utf8")) as { blames: Record<string, number[]> };
      expect(Object.values(keptUntracked.blames)).toEqual([[]]);
      for (const key of Object.keys(keptUntracked.blames)) keptUntracked.blames[key] = [Math.floor((NOW - 3 * DAY_MS) / 1000)];
      writeFileSync(untrackedCache, JSON.stringify(keptUntracked));
      expect(createGitAge(own, { cacheFile: untrackedCache }).entryAgeDays("local.yaml", 1, NOW)).toBe(3);
      // Committed: HEAD moves, and the file is blamed.
      git("add", "local.yaml");
      commit("2026-11-16T12:00:00Z");
      expect(createGitAge(own, { cacheFile: untrackedCache }).entryAgeDays("local.yaml", 1, NOW)).toBe(5);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it("returns undefined outside a git repository", () => {
    const outside = realpathSync(mkdtempSync(path.join(tmpdir(), "flag-scan-no-git-")));
    try {
      writeFileSync(path.join(outside, "flags.json"), '["ff_new_checkout"]\n');
      expect(createGitAge(outside).entryAgeDays("flags.json", 1, NOW)).toBeUndefined();
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("blames files of a repository that GIT_DIR names, with no .git above them", () => {
    // No `.git` or `HEAD` lies above this directory, so only the environment can name the repository:
    // the check that spares a scan outside git its spawns must not skip this one.
    const work = realpathSync(mkdtempSync(path.join(tmpdir(), "flag-scan-git-dir-")));
    const saved = { GIT_DIR: process.env.GIT_DIR, GIT_WORK_TREE: process.env.GIT_WORK_TREE };
    try {
      writeFileSync(path.join(work, "flags.json"), execFileSync("git", ["show", "HEAD:flags.json"], { cwd: repo }));
      // What a checkout with its own `.git` says of the same content and history.
      const clone = path.join(work, "clone");
      execFileSync("git", ["clone", "-q", repo, clone]);
      const lines = [1, 2, 3, 4, 5];
      const expected = lines.map((line) => createGitAge(clone).entryAgeDays("flags.json", line, NOW));
      expect(expected.filter((age) => age !== undefined).length).toBeGreaterThan(1);
      process.env.GIT_DIR = path.join(repo, ".git");
      process.env.GIT_WORK_TREE = work;
      expect(lines.map((line) => createGitAge(work).entryAgeDays("flags.json", line, NOW))).toEqual(expected);
      const kept = createGitAge(work, { cacheFile: path.join(work, "git-age.json") });
      expect(lines.map((line) => kept.entryAgeDays("flags.json", line, NOW))).toEqual(expected);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(work, { recursive: true, force: true });
    }
  });
});
