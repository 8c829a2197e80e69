import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import type { ScanResult } from "../../src/result.js";
import { GitRepo } from "../helpers/git-repo.js";

const DECLARE = "declare function isFeatureEnabled(flag: string): boolean;";

/** A small project in a real git repository: two files, a JSON registry, one unknown flag. */
function project(): GitRepo {
  return GitRepo.init().write({
    "flag-scan.config.json": JSON.stringify({
      accessors: [{ call: "isFeatureEnabled", arg: 0 }],
      registry: [{ type: "json", path: "flags.json" }],
    }),
    "flags.json": '["ff_a", "ff_b", "ff_old"]\n',
    "src/a.ts": lines(
      DECLARE,
      'export const a = isFeatureEnabled("ff_a");',
      'export const old = isFeatureEnabled("ff_old");',
      'export const typo = isFeatureEnabled("ff_typo");',
    ),
    "src/b.ts": lines(DECLARE, 'export const b = isFeatureEnabled("ff_b");'),
  });
}

function lines(...text: string[]): string {
  return text.join("\n") + "\n";
}

async function cli(repo: GitRepo, args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: repo.dir, env, isTTY: false };
  const code = await run(args, io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

function findings(json: string) {
  return (JSON.parse(json) as ScanResult).findings.map((f) => `${f.rule} ${f.flag} ${f.file}:${f.line}${f.suppressed ? ` (${f.suppressed.kind})` : ""}`);
}

let repo: GitRepo;
afterEach(() => repo?.dispose());

describe("flag-scan CI options", () => {
  it("writes several formats in one run, pairing --output with --format by position", async () => {
    repo = project();
    writeFileSync(join(repo.dir, "summary.md"), "");
    const result = await cli(
      repo,
      ["--format", "json", "--output", "out/report.json", "--format", "sarif", "--output", "report.sarif", "--format", "github"],
      { GITHUB_STEP_SUMMARY: join(repo.dir, "summary.md") },
    );
    expect(result.code).toBe(1);
    expect(findings(readFileSync(join(repo.dir, "out/report.json"), "utf8"))).toEqual(["unknown-flag ff_typo src/a.ts:4"]);
    const sarif = JSON.parse(readFileSync(join(repo.dir, "report.sarif"), "utf8"));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["unknown-flag"]);
    expect(result.stdout).toMatch(/^::error file=src\/a\.ts,line=4,col=38,.*title=flag-scan\/unknown-flag::`ff_typo` is not defined/);
    expect(readFileSync(join(repo.dir, "summary.md"), "utf8")).toContain("❌ **1 problem** (1 error, 0 warnings)");
  });

  it("takes one value per --format, so a path may follow it", async () => {
    repo = project();
    const result = await cli(repo, ["--format", "json", "src/b.ts"]);
    expect(result.stderr).toBe("");
    const scanned = JSON.parse(result.stdout) as ScanResult;
    expect(scanned.references.map((reference) => `${reference.flag} ${reference.file}`)).toEqual(["ff_b src/b.ts"]);
  });

  it("baseline: hides old findings, shows new ones, survives moved lines", async () => {
    repo = project();
    const update = await cli(repo, ["--baseline", "flag-scan-baseline.json", "--update-baseline"]);
    expect(update.code).toBe(0);
    expect(existsSync(join(repo.dir, "flag-scan-baseline.json"))).toBe(true);

    repo.write({
      "src/a.ts": lines(
        DECLARE,
        "// Two new lines move the old finding down;",
        "// the baseline must still recognise it.",
        'export const a = isFeatureEnabled("ff_a");',
        'export const typo = isFeatureEnabled("ff_typo");',
        'export const fresh = isFeatureEnabled("ff_fresh");',
      ),
    });
    const after = await cli(repo, ["--baseline", "flag-scan-baseline.json", "--format", "json"]);
    expect(findings(after.stdout)).toEqual([
      "unused-flag ff_old flags.json:1",
      "unknown-flag ff_typo src/a.ts:5 (baseline)",
      "unknown-flag ff_fresh src/a.ts:6",
    ]);
    expect(after.code).toBe(1);
  });

  it("--max-warnings fails a run whose only findings are warnings", async () => {
    repo = project();
    repo.write({ "src/a.ts": lines(DECLARE, 'export const a = isFeatureEnabled("ff_a");') });
    // ff_old is now unused: one warning.
    expect((await cli(repo, [])).code).toBe(0);
    expect((await cli(repo, ["--max-warnings", "1"])).code).toBe(0);
    const strict = await cli(repo, ["--max-warnings", "0"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe("flag-scan found 1 warning, more than --max-warnings 0 allows.\n");
  });

  it("rejects --update-baseline without a file and unpaired outputs", async () => {
    repo = project();
    expect(await cli(repo, ["--update-baseline"])).toMatchObject({
      code: 2,
      stderr: "UsageError: --update-baseline needs --baseline FILE to know where to write\n",
    });
    expect((await cli(repo, ["--format", "json", "--output", "a", "--output", "b"])).code).toBe(2);
  });

  it("--changed-since reports exactly the findings on changed lines and the flags added and removed", async () => {
    repo = project();
    repo.commit("initial");
    repo.git("checkout", "--quiet", "-b", "feature");
    repo.write({
      "flags.json": '["ff_a", "ff_b", "ff_c"]\n',
      "src/a.ts": lines(
        DECLARE,
        "// moved",
        'export const a = isFeatureEnabled("ff_a");',
        'export const typo = isFeatureEnabled("ff_typo");',
        'export const n = isFeatureEnabled("ff_new");',
        'export const c = isFeatureEnabled("ff_c");',
      ),
    });
    repo.commit("feature");
    const { code, stdout } = await cli(repo, ["--changed-since", "main", "--format", "json"]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as ScanResult;
    expect(findings(stdout)).toEqual(["unknown-flag ff_new src/a.ts:5"]);
    expect(result.changes).toEqual({
      ref: "main",
      base: repo.git("rev-parse", "main").trim(),
      newReferences: [
        { flag: "ff_new", file: "src/a.ts", line: 5, column: 35 },
        { flag: "ff_c", file: "src/a.ts", line: 6, column: 35 },
      ],
      flagsNowReferenced: ["ff_c", "ff_new"],
      flagsNoLongerReferenced: ["ff_old"],
      registryAdded: ["ff_c"],
      registryRemoved: ["ff_old"],
    });
  });

  it("--changed-since HEAD (the pre-commit hook) reports what is about to be committed, also with paths", async () => {
    repo = project();
    repo.commit("initial");
    repo.write({
      "src/b.ts": lines(DECLARE, 'export const b = isFeatureEnabled("ff_b");', 'export const x = isFeatureEnabled("ff_x");'),
    });
    const { code, stdout } = await cli(repo, ["src", "--changed-since", "HEAD", "--format", "json"]);
    expect(code).toBe(1);
    expect(findings(stdout)).toEqual(["unknown-flag ff_x src/b.ts:3"]);
    expect((JSON.parse(stdout) as ScanResult).changes).toMatchObject({
      base: repo.git("rev-parse", "HEAD").trim(),
      flagsNowReferenced: ["ff_x"],
      flagsNoLongerReferenced: [],
    });
  });

  it("--cache with --changed-since HEAD (the pre-commit hook) reports as the uncached run, edit after edit", async () => {
    repo = project();
    repo.commit("initial");
    const args = ["--changed-since", "HEAD", "--format", "json"];
    const stable = (stdout: string) => ({ ...(JSON.parse(stdout) as ScanResult), stats: undefined });
    const edits: Array<Record<string, string>> = [
      { "src/b.ts": lines(DECLARE, 'export const b = isFeatureEnabled("ff_b");', 'export const x = isFeatureEnabled("ff_x");') },
      {},
      { "flags.json": '["ff_a", "ff_b", "ff_old", "ff_x"]\n' },
      { "src/c.ts": lines(DECLARE, 'export const y = isFeatureEnabled("ff_y");') },
    ];
    for (const edit of edits) {
      repo.write(edit);
      const cached = await cli(repo, ["--cache", ...args]);
      const cold = await cli(repo, args);
      expect(cached.code).toBe(cold.code);
      expect(stable(cached.stdout)).toEqual(stable(cold.stdout));
    }
    const entries = readdirSync(join(repo.dir, "node_modules", ".cache", "flag-scan")).sort();
    // One result and one prefilter memo per slot; the per-file facts and the loaded registries are shared
    // by both slots; the base commit's flags (HEAD did not move) are kept once. A discovery entry per slot
    // appears only once the tree is older than the timestamp margin.
    expect(entries.map((name) => name.split("-")[0]).filter((kind) => kind !== "discovery")).toEqual(["base", "facts", "prefilter", "prefilter", "registry", "revision", "scan"]);
    expect(entries.filter((name) => name.startsWith("discovery-")).length).toBeLessThanOrEqual(2);
  });

  it("--changed-since names a ref that is not there", async () => {
    repo = project();
    repo.commit("initial");
    expect(await cli(repo, ["--changed-since", "origin/main"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('UsageError: --changed-since: git ref "origin/main" is not available in this clone\nHint: fetch it first'),
    });
  });
});
