import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GitRepo } from "../helpers/git-repo.js";
import { runCli } from "../helpers/cli.js";

const OLD = "2020-01-01";
const RECENT = new Date(Date.now() - 5 * 24 * 3600 * 1000).toISOString().slice(0, 10);

/**
 * Six flags, one per reason: ff_done (on in both environments: retire, keep on), ff_dropped (off: retire,
 * keep off), ff_split (on in production, off in staging), ff_outer (stale, but ff_inner is checked inside
 * it), ff_kill (permanent), ff_young (on, changed days ago: not stale, not a candidate at all).
 */
function project(): GitRepo {
  const entry = (state: string, modified = OLD, extra = {}) => ({ state, modified, ...extra });
  const repo = GitRepo.init().write({
    "flag-scan.config.json": JSON.stringify({
      accessors: [{ call: "isFeatureEnabled" }],
      naming: { pattern: "^ff_" },
      registry: [
        { type: "json", path: "flags/production.json", environment: "production" },
        { type: "json", path: "flags/staging.json", environment: "staging" },
      ],
    }),
    "flags/production.json": JSON.stringify({
      ff_done: entry("on"), ff_dropped: entry("off"), ff_split: entry("on"), ff_outer: entry("on"), ff_inner: entry("partial"),
      ff_kill: entry("off", OLD, { permanent: true }), ff_young: entry("on", RECENT),
    }, null, 2),
    "flags/staging.json": JSON.stringify({ ff_done: entry("on"), ff_split: entry("off"), ff_outer: entry("on"), ff_inner: entry("partial") }, null, 2),
    "src/checkout.ts": [
      'import { isFeatureEnabled } from "./flags";',
      "",
      "export function checkout(): string {",
      '  if (isFeatureEnabled("ff_done")) {',
      '    return "new";',
      "  }",
      '  return "old";',
      "}",
      "",
    ].join("\n"),
    "src/cart.ts": [
      'import { isFeatureEnabled } from "./flags";',
      "",
      "export function banner(): string | undefined {",
      '  return isFeatureEnabled("ff_dropped") ? "promo" : undefined;',
      "}",
      "",
      "export function split(): boolean {",
      '  return isFeatureEnabled("ff_split") && isFeatureEnabled("ff_kill") === false && isFeatureEnabled("ff_young");',
      "}",
      "",
    ].join("\n"),
    "src/outer.ts": [
      'import { isFeatureEnabled } from "./flags";',
      "",
      "export function outer(): number {",
      '  if (isFeatureEnabled("ff_outer")) {',
      '    if (isFeatureEnabled("ff_inner")) return 2;',
      "    return 1;",
      "  }",
      "  return 0;",
      "}",
      "",
    ].join("\n"),
    "src/flags.ts": "export function isFeatureEnabled(flag: string): boolean {\n  return flag.length > 0;\n}\n",
  });
  repo.commit("initial");
  return repo;
}

let repo: GitRepo;
afterEach(() => repo?.dispose());

const read = (file: string) => readFileSync(path.join(repo.dir, file), "utf8");
const registryFlags = (file: string) => Object.keys(JSON.parse(read(file)));

describe("flag-scan retire", () => {
  it("--dry-run lists the finished flags and why each other candidate is kept, and writes nothing", async () => {
    repo = project();
    const { code, stdout } = await runCli(["retire", "--dry-run"], repo.dir);
    expect(code).toBe(0);
    expect(stdout).toContain("Would retire 2 flags:");
    expect(stdout).toMatch(/^ {2}ff_done \(on\): has been fully on for \d+ days without a change \(more than 90\); 3 files, 1 check removed$/m);
    expect(stdout).toMatch(/^ {2}ff_dropped \(off\): has been fully off/m);
    expect(stdout).toContain("  ff_kill: marked permanent in the registry");
    expect(stdout).toContain("  ff_split: has been fully on");
    expect(stdout).toContain("its state differs between environments (on in production, off in staging)");
    expect(stdout).toContain("`ff_inner` is checked inside it (src/outer.ts:5); retire that flag first");
    expect(stdout).not.toContain("ff_young");
    expect(stdout).toContain("Dry run: nothing was written.");
    expect(repo.git("status", "--porcelain")).toBe("");
  });

  it("cleans every finished flag in the work tree, with the value its state says", async () => {
    repo = project();
    const { code, stdout } = await runCli(["retire"], repo.dir);
    expect(code).toBe(0);
    expect(stdout).toContain("Retired 2 flags:");
    expect(read("src/checkout.ts")).toBe('export function checkout(): string {\n  return "new";\n}\n');
    expect(read("src/cart.ts")).toContain("export function banner(): string | undefined {\n  return undefined;\n}");
    expect(registryFlags("flags/production.json")).toEqual(["ff_split", "ff_outer", "ff_inner", "ff_kill", "ff_young"]);
    expect(registryFlags("flags/staging.json")).toEqual(["ff_split", "ff_outer", "ff_inner"]);
    // No commit: the changes wait in the work tree.
    expect(repo.git("rev-list", "--count", "HEAD").trim()).toBe("1");
    const rerun = await runCli(["retire", "--dry-run"], repo.dir);
    expect(rerun.stdout).toContain("No flag is finished: nothing to retire.");
  });

  it("--commit makes one commit per flag whose message says why", async () => {
    repo = project();
    const { code } = await runCli(["retire", "--commit"], repo.dir);
    expect(code).toBe(0);
    const subjects = repo.git("log", "--format=%s", "-3").trim().split("\n");
    expect(subjects).toEqual(["Retire ff_dropped: keep the off code", "Retire ff_done: keep the on code", "initial"]);
    const body = repo.git("log", "-1", "--skip=1", "--format=%B");
    expect(body).toMatch(/ff_done has been fully on for \d+ days without a change \(more than 90\)\./);
    expect(body).toMatch(/State: on in production, staging, last changed 2020-01-01 \(\d+ days ago\)\./);
    expect(body).toContain("  modified src/checkout.ts");
    expect(body).toContain("  modified flags/production.json");
    expect(repo.git("show", "--stat", "--format=", "HEAD~1")).not.toContain("cart.ts");
    expect(repo.git("status", "--porcelain")).toBe("");
  });

  it("--branch makes one branch per flag from the current commit and returns to it", async () => {
    repo = project();
    const start = repo.git("rev-parse", "HEAD").trim();
    const { code, stdout } = await runCli(["retire", "--branch"], repo.dir);
    expect(code).toBe(0);
    expect(stdout).toContain("[branch retire/ff_done, commit ");
    expect(repo.git("symbolic-ref", "--short", "HEAD").trim()).toBe("main");
    expect(repo.git("rev-parse", "HEAD").trim()).toBe(start);
    expect(repo.git("rev-parse", "retire/ff_done~1").trim()).toBe(start);
    expect(repo.git("rev-parse", "retire/ff_dropped~1").trim()).toBe(start);
    expect(repo.git("show", "retire/ff_dropped:src/checkout.ts")).toContain("ff_done");
    expect(repo.git("show", "retire/ff_done:src/checkout.ts")).not.toContain("ff_done");
    expect(existsSync(path.join(repo.dir, "src/checkout.ts")) && read("src/checkout.ts")).toContain("ff_done");
  });

  it("exits 1 and names the site when a finished flag cannot be removed completely; --format json says the same", async () => {
    repo = project();
    repo.write({
      "flags/production.json": JSON.stringify({ ff_loop: { state: "on", modified: OLD } }),
      "flags/staging.json": "{}",
      "flag-scan.config.json": JSON.stringify({
        accessors: [{ jsx: "Feature", prop: "flag" }],
        registry: [{ type: "json", path: "flags/production.json", environment: "production" }],
      }),
      // A render-function child: which branch is kept depends on code the cleanup cannot see through.
      "src/loop.tsx": 'import { Feature } from "./Feature";\n\nexport const Page = () => (\n  <Feature flag="ff_loop">{(on: boolean) => (on ? <b /> : <i />)}</Feature>\n);\n',
    });
    repo.remove("src/checkout.ts", "src/cart.ts", "src/outer.ts");
    repo.commit("only ff_loop");
    const json = await runCli(["retire", "--dry-run", "--format", "json"], repo.dir);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report.retired.map((r: { flag: string; value: string }) => `${r.flag}=${r.value}`)).toEqual(["ff_loop=on"]);
    expect(report.retired[0].referencesLeft).toBe(1);
    // The site is named (the registry entry it keeps alive is listed too, issue 11).
    expect(report.retired[0].problems).toContainEqual(expect.objectContaining({ file: "src/loop.tsx", line: 4 }));
    const text = await runCli(["retire"], repo.dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("1 reference left");
    expect(text.stdout).toMatch(/ {6}src\/loop\.tsx:4:\d+ {2}\S/);
  });

  it("--commit outside a git repository is exit 2 with one line", async () => {
    repo = project();
    rmSync(path.join(repo.dir, ".git"), { recursive: true });
    const { code, stderr } = await runCli(["retire", "--commit"], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^UsageError: git status --porcelain failed in .*\nHint: --commit and --branch need a git repository/);
  });

  it("refuses --commit on a dirty work tree, with exit 2", async () => {
    repo = project();
    repo.write({ "src/new.ts": "export const x = 1;\n" });
    const { code, stderr } = await runCli(["retire", "--commit"], repo.dir);
    expect(code).toBe(2);
    expect(stderr).toContain("need a clean work tree");
    expect(read("src/checkout.ts")).toContain("ff_done");
  });
});
