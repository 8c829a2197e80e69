import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fg from "fast-glob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyChangedSince, getChangedLines, parseUnifiedDiff, type RevisionScan } from "../../src/ci/changed-since.js";
import type { FlagReference } from "../../src/scan/reference.js";
import type { Finding, ScanResult } from "../../src/result.js";
import { GitRepo } from "../helpers/git-repo.js";
import { GitError } from "../../src/errors.js";

/**
 * A deliberately tiny scanner (calls of `isFeatureEnabled("...")`, a JSON list registry, `unknown-flag`
 * findings), so these tests exercise the git side and not the core scanner's details.
 */
async function miniScan(root: string): Promise<ScanResult> {
  const defined: string[] = JSON.parse(readFileSync(join(root, "flags.json"), "utf8"));
  const references: FlagReference[] = [];
  for (const file of (await fg("src/**/*.ts", { cwd: root })).sort()) {
    readFileSync(join(root, file), "utf8")
      .split("\n")
      .forEach((text, index) => {
        for (const match of text.matchAll(/isFeatureEnabled\("(\w+)"\)/g)) {
          const column = match.index + 18;
          references.push({
            flag: match[1]!,
            file,
            line: index + 1,
            column,
            endLine: index + 1,
            endColumn: column + match[1]!.length + 2,
            kind: "call",
            accessor: "isFeatureEnabled",
            keyText: `"${match[1]}"`,
            keyRange: { start: 0, end: 0 },
            checkRange: { start: 0, end: 0 },
            guards: [],
            language: "typescript",
          });
        }
      });
  }
  const findings: Finding[] = references
    .filter((reference) => !defined.includes(reference.flag!))
    .map((reference) => ({
      rule: "unknown-flag",
      severity: "error",
      message: `\`${reference.flag}\` is not defined.`,
      flag: reference.flag,
      file: reference.file,
      line: reference.line,
      column: reference.column,
      fingerprint: `${reference.flag}`,
    }));
  const slugs = [...new Set([...defined, ...references.map((reference) => reference.flag!)])].sort();
  return {
    version: 1,
    root,
    references,
    findings,
    flags: slugs.map((flag) => ({
      flag,
      definedIn: defined.includes(flag) ? ["flags.json"] : [],
      environments: [],
      references: references.filter((reference) => reference.flag === flag).length,
      files: new Set(references.filter((reference) => reference.flag === flag).map((r) => r.file)).size,
      status: "active",
    })),
    errors: [],
    stats: { filesDiscovered: 0, filesParsed: 0, linesDiscovered: 0, durationMs: 0 },
  };
}

const check = (flag: string) => `if (isFeatureEnabled("${flag}")) run();`;

describe("--changed-since", () => {
  let origin: GitRepo;
  let project: string;

  beforeAll(() => {
    // The project lives in web/, not at the repository root, as in a monorepo.
    origin = GitRepo.init();
    origin
      .write({
        "web/flags.json": JSON.stringify(["ff_a", "ff_b", "ff_old"]),
        "web/src/a.ts": [check("ff_a"), check("ff_old"), check("ff_typo"), "export {};"].join("\n") + "\n",
        "web/src/b.ts": check("ff_b") + "\n",
        "README.md": "shop\n",
      })
      .commit("initial");
    origin.git("checkout", "--quiet", "-b", "feature");
    origin
      .write({
        "web/flags.json": JSON.stringify(["ff_a", "ff_b", "ff_c"]),
        "web/src/a.ts":
          ["// two lines added above", "// move every old check down", check("ff_a"), check("ff_typo"), check("ff_new"), "export {};"].join("\n") + "\n",
      })
      .commit("feature work");
    // main moves on after the branch point: its edit of b.ts must not count as the feature's change.
    origin.git("checkout", "--quiet", "main");
    origin.write({ "web/src/b.ts": check("ff_b") + " // touched on main\n" }).commit("main moves on");
    origin.git("checkout", "--quiet", "feature");
    // Untracked work in progress counts as changed, as it would in a pre-commit run.
    origin.write({ "web/src/c.ts": [check("ff_b"), check("ff_zzz")].join("\n") + "\n" });
    project = join(origin.dir, "web");
  });

  afterAll(() => origin.dispose());

  it("finds the changed lines against the merge-base, untracked files included", () => {
    const changed = getChangedLines(project, "main");
    expect(changed.base).toBe(origin.git("rev-parse", "main~1").trim());
    expect(Object.fromEntries([...changed.files].map(([file, lines]) => [file, lines === "all" ? "all" : [...lines]]))).toEqual({
      "flags.json": [1],
      "src/a.ts": [1, 2, 5],
      "src/c.ts": "all",
    });
  });

  it("reports exactly the findings on changed lines and the flags added and removed", async () => {
    const result = await applyChangedSince(await miniScan(project), { root: project, ref: "main", scan: miniScan });
    expect(result.findings.map((finding) => [finding.flag, finding.file, finding.line])).toEqual([
      ["ff_new", "src/a.ts", 5],
      ["ff_zzz", "src/c.ts", 2],
    ]);
    expect(result.changes).toEqual({
      ref: "main",
      base: origin.git("rev-parse", "main~1").trim(),
      newReferences: [
        { flag: "ff_new", file: "src/a.ts", line: 5, column: 22 },
        { flag: "ff_b", file: "src/c.ts", line: 1, column: 22 },
        { flag: "ff_zzz", file: "src/c.ts", line: 2, column: 22 },
      ],
      flagsNowReferenced: ["ff_new", "ff_zzz"],
      flagsNoLongerReferenced: ["ff_old"],
      registryAdded: ["ff_c"],
      registryRemoved: ["ff_old"],
    });
    expect(origin.git("worktree", "list").trim().split("\n")).toHaveLength(1);
  });

  it("keeps the base revision's flags by commit with a cache, and checks nothing out the next time", async () => {
    const location = mkdtempSync(join(tmpdir(), "flag-scan-revision-cache-"));
    try {
      let scans = 0;
      const scan = (readOnly: boolean): RevisionScan => async (root) => {
        scans++;
        return { ...(await miniScan(root)), readOnlyTheRevision: readOnly };
      };
      const current = await miniScan(project);
      const options = (key: string, readOnly = true) => ({ root: project, ref: "main", scan: scan(readOnly), configFile: join(project, "flags.json"), cache: { location, key } });
      const first = await applyChangedSince(current, options("k"));
      expect(scans).toBe(1);
      const second = await applyChangedSince(current, options("k"));
      expect(scans).toBe(1);
      expect(second.changes).toEqual(first.changes);
      expect(second.changes!.flagsNoLongerReferenced).toEqual(["ff_old"]);
      // Another scan (version, config or paths) is another key.
      await applyChangedSince(current, options("other"));
      expect(scans).toBe(2);
      // A scan that read files outside the checkout is not kept.
      await applyChangedSince(current, options("outside", false));
      await applyChangedSince(current, options("outside", false));
      expect(scans).toBe(4);
      expect(origin.git("worktree", "list").trim().split("\n")).toHaveLength(1);
    } finally {
      rmSync(location, { recursive: true, force: true });
    }
  });

  it("checks nothing out when the base commit lacks the config file: flag-scan was not set up there", async () => {
    let scans = 0;
    const current = await miniScan(project);
    const result = await applyChangedSince(current, {
      root: project,
      ref: "main",
      scan: async (root) => {
        scans++;
        return miniScan(root);
      },
      configFile: join(project, "flag-scan.config.json"),
    });
    expect(scans).toBe(0);
    expect(result.changes!.flagsNowReferenced).toEqual(["ff_a", "ff_b", "ff_new", "ff_typo", "ff_zzz"]);
    expect(result.changes!.registryAdded).toEqual(["ff_a", "ff_b", "ff_c"]);
    expect(result.changes!.flagsNoLongerReferenced).toEqual([]);
  });

  describe("in a shallow clone", () => {
    let clone: GitRepo;
    beforeAll(() => {
      clone = new GitRepo();
      clone.git("clone", "--quiet", "--depth=1", "--branch=feature", `file://${origin.dir}`, ".");
    });
    afterAll(() => clone.dispose());

    it("names the ref when it has not been fetched", () => {
      expect(() => getChangedLines(join(clone.dir, "web"), "origin/main")).toThrow(
        '--changed-since: git ref "origin/main" is not available in this shallow clone',
      );
    });

    it("compares with the ref itself once it is fetched without history", async () => {
      clone.git("fetch", "--quiet", "--depth=1", "origin", "main:refs/remotes/origin/main");
      const root = join(clone.dir, "web");
      const result = await applyChangedSince(await miniScan(root), { root, ref: "origin/main", scan: miniScan });
      expect(result.changes!.base).toBe(origin.git("rev-parse", "main").trim());
      // Without a merge-base, main's later edit of b.ts shows up as a change of this branch.
      expect(result.changes!.newReferences.map((reference) => `${reference.file}:${reference.line}`)).toEqual([
        "src/a.ts:5",
        "src/b.ts:1",
      ]);
      expect(result.changes!.registryRemoved).toEqual(["ff_old"]);
    });
  });

  it("explains when the directory is not a git repository", () => {
    const plain = new GitRepo();
    try {
      expect(() => getChangedLines(plain.dir, "main")).toThrow(
        `--changed-since needs a git repository, and "${plain.dir}" is not inside one`,
      );
    } finally {
      plain.dispose();
    }
  });
});

describe("--changed-since in a damaged clone", () => {
  it("fails with git's own line as a GitError, not as a crash of flag-scan", () => {
    const repo = GitRepo.init();
    try {
      repo.write({ "a.ts": 'isFeatureEnabled("ff_a");\n' }).commit("first");
      repo.write({ "a.ts": 'isFeatureEnabled("ff_b");\n' }).commit("second");
      // The first version's blob is gone, as in a clone whose objects were not all fetched.
      const blob = repo.git("rev-parse", "HEAD~1:a.ts").trim();
      rmSync(join(repo.dir, ".git", "objects", blob.slice(0, 2), blob.slice(2)));
      let error: unknown;
      try {
        getChangedLines(repo.dir, "HEAD~1");
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(GitError);
      expect((error as GitError).message).toMatch(new RegExp(`^--changed-since: \`git diff --unified=0\` failed in .*: (fatal|error): .*${blob.slice(0, 7)}`));
    } finally {
      repo.dispose();
    }
  });
});

describe("parseUnifiedDiff", () => {
  it("reads added lines of each new-side file, skipping deletions and quoted names", () => {
    const diff = [
      "diff --git a/src/x.ts b/src/x.ts",
      "--- a/src/x.ts",
      "+++ b/src/x.ts",
      "@@ -3 +3 @@",
      "@@ -10,2 +11,3 @@ function f() {",
      "@@ -20,4 +22,0 @@",
      "diff --git a/gone.ts b/gone.ts",
      "--- a/gone.ts",
      "+++ /dev/null",
      "@@ -1,2 +0,0 @@",
      '+++ "b/caf\\303\\251 \\"x\\".ts"',
      "@@ -0,0 +1,2 @@",
    ].join("\n");
    expect(Object.fromEntries([...parseUnifiedDiff(diff)].map(([file, lines]) => [file, [...lines]]))).toEqual({
      "src/x.ts": [3, 11, 12, 13],
      'café "x".ts': [1, 2],
    });
  });
});
