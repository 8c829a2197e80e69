import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { loadAndScan } from "../../src/engine.js";
import type { FactFile } from "../../src/scan/fact-cache.js";
import { loadAndScanCached } from "../../src/scan/result-cache.js";
import type { ProjectScan } from "../../src/scan/scan-project.js";
import { useCacheTestEnvironment } from "../helpers/cache-test-environment.js";

/** The per-file fact file of a cached scan (src/scan/fact-cache.ts): what a miss after an edit checks first. */
const fixture = fileURLToPath(new URL("../../fixtures/scan/resolution/across-files/", import.meta.url));
const { temporaryDirectory } = useCacheTestEnvironment();

/** The resolution fixture plus a workspace package imported by its bare name: the resolver globs for package.json files. */
function project(): string {
  const dir = temporaryDirectory("flag-scan-facts-");
  cpSync(fixture, dir, { recursive: true });
  rmSync(path.join(dir, "expected.json"));
  mkdirSync(path.join(dir, "packages", "shared", "src"), { recursive: true });
  writeFileSync(path.join(dir, "packages", "shared", "package.json"), JSON.stringify({ name: "@acme/shared" }));
  writeFileSync(path.join(dir, "packages", "shared", "src", "index.ts"), `export const SHARED_FLAG = "ff_shared";\n`);
  writeFileSync(path.join(dir, "src", "shared-use.ts"), `import { SHARED_FLAG } from "@acme/shared";\nisFeatureEnabled(SHARED_FLAG);\n`);
  writeFileSync(path.join(dir, "src", "plain.ts"), `isFeatureEnabled("ff_plain");\n`);
  return dir;
}

const outcome = (scan: ProjectScan) => ({ references: scan.references, errors: scan.errors, stats: scan.stats, learnedAccessors: scan.learnedAccessors });

/** A cached scan of `dir` with its cache in the usual place, and the cold scan it must equal. */
function scansOf(dir: string) {
  const location = path.join(dir, "node_modules", ".cache", "flag-scan");
  return {
    location,
    // The patch of a few edited files (patch-entry.ts) off: these edits are how the tests make a miss.
    scan: async () => loadAndScanCached(await loadConfig({ cwd: dir }), { location, worker: false, patch: false }),
    cold: async () => outcome(await loadAndScan(await loadConfig({ cwd: dir }), { worker: false })),
  };
}

function factFile(location: string): FactFile {
  const name = readdirSync(location).find((n) => n.startsWith("facts-"))!;
  return JSON.parse(readFileSync(path.join(location, name), "utf8")) as FactFile;
}

describe("the per-file facts of --cache (src/scan/fact-cache.ts)", () => {
  it("keeps one answer per workspace glob, stamped after a miss, and the resolver's probes under their directories' stamps", async () => {
    const dir = project();
    const { location, scan } = scansOf(dir);
    // Nothing trusted in the first scan (a tree changed just before it): its glob is kept unstamped.
    process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = "600000";
    const first = await scan();
    process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = "20";
    expect(first.cache).toBe("miss");
    expect(first.scan.references.map((r) => r.flag)).toContain("ff_shared");
    const globsOf = (facts: FactFile) => facts.global.filter((fact) => fact.kind === "glob");
    expect(globsOf(factFile(location)).map((glob) => glob.kind === "glob" && glob.stamps !== undefined)).toEqual([false]);

    for (let step = 0; step < 3; step++) {
      await sleep(40);
      appendFileSync(path.join(dir, "src", "plain.ts"), `// edit ${step}\n`);
      const result = await scan();
      expect(result.cache).toBe("miss");
      expect(result.files?.reused).toBeGreaterThan(0);
      expect(outcome(result.scan)).toEqual(outcome(await loadAndScan(await loadConfig({ cwd: dir }), { worker: false })));
      // The walked glob's answer replaced the unstamped one: one fact for the query, which the next miss need not walk for.
      const globs = globsOf(factFile(location));
      expect(globs).toHaveLength(1);
      expect(globs[0]!.kind === "glob" && globs[0]!.stamps !== undefined).toBe(true);
    }
    // The probes of `./constants` (src/constants.ts, .tsx, ...) are one stamp of src/, not a stat each.
    const global = factFile(location).global;
    expect(global.some((fact) => fact.kind === "covered" && fact.path === "src" && fact.facts.some((f) => f.path === "src/constants.ts"))).toBe(true);
    expect(global.some((fact) => fact.kind === "stat" && fact.path.startsWith("src/"))).toBe(false);
  });

  it("sees a file that appears in a directory whose probes are covered, and a new workspace package", async () => {
    const dir = project();
    const { location, scan, cold } = scansOf(dir);
    await sleep(40);
    await scan();
    await sleep(40);
    appendFileSync(path.join(dir, "src", "plain.ts"), `// edit\n`);
    await scan();
    // Another file edited (the result misses, the facts are opened) and `./constants` now resolves to a new file.
    await sleep(40);
    appendFileSync(path.join(dir, "src", "plain.ts"), `// edit again\n`);
    writeFileSync(path.join(dir, "src", "constants.ts"), `export const CHECKOUT_FLAG = "ff_shadow";\nexport const SEARCH_FLAG = "ff_s";\nexport const FLAGS = {};\n`);
    const afterAdd = await scan();
    expect(afterAdd.scan.references.map((r) => r.flag)).toContain("ff_shadow");
    expect(outcome(afterAdd.scan)).toEqual(await cold());

    // A second package of the same name earlier in the sorted glob: the bare import now resolves there.
    await sleep(40);
    appendFileSync(path.join(dir, "src", "plain.ts"), `// and again\n`);
    mkdirSync(path.join(dir, "packages", "a-shared", "src"), { recursive: true });
    writeFileSync(path.join(dir, "packages", "a-shared", "package.json"), JSON.stringify({ name: "@acme/shared" }));
    writeFileSync(path.join(dir, "packages", "a-shared", "src", "index.ts"), `export const SHARED_FLAG = "ff_shared_moved";\n`);
    const afterPackage = await scan();
    expect(afterPackage.scan.references.map((r) => r.flag)).toContain("ff_shared_moved");
    expect(outcome(afterPackage.scan)).toEqual(await cold());
  });
});

describe("facts by the hash of the bytes (ProjectContext.contentHash)", () => {
  it("the prefilter memo tells a module's hash while its stats are those of its last read, and not after an edit", async () => {
    const { PrefilterMemo } = await import("../../src/scan/prefilter-memo.js");
    const dir = project();
    const file = path.join(dir, "src", "plain.ts");
    await sleep(40);
    const first = new PrefilterMemo(dir);
    const { stats } = first.lookup(file, "src/plain.ts", "typescript", ["isFeatureEnabled"]);
    first.remember(file, "src/plain.ts", "typescript", stats, "RAW-HASH", readFileSync(file, "utf8"), ["isFeatureEnabled"]);
    first.testedAll("typescript", ["isFeatureEnabled"]);
    const memo = first.toFile("key");
    expect(new PrefilterMemo(dir, memo).rawIfUnchanged(file, "src/plain.ts")).toBe("RAW-HASH");
    expect(new PrefilterMemo(dir, memo).rawIfUnchanged(path.join(dir, "src", "use.ts"), "src/use.ts")).toBeUndefined();
    // Same size, another text: the mtime and ctime moved.
    writeFileSync(file, readFileSync(file, "utf8").replace("ff_plain", "ff_plaim"));
    expect(new PrefilterMemo(dir, memo).rawIfUnchanged(file, "src/plain.ts")).toBeUndefined();
  });

  it("stays exact when a module other files depend on changes bytes but not text, or text but not size", async () => {
    const dir = project();
    const { location, scan, cold } = scansOf(dir);
    const search = path.join(dir, "src", "constants", "search.ts");
    writeFileSync(search, `export const SEARCH = "ff_search_a";\n`);
    await sleep(40);
    await scan();
    await sleep(40);
    appendFileSync(path.join(dir, "src", "plain.ts"), `// edit\n`);
    expect((await scan()).files?.reused).toBeGreaterThan(0);
    // A BOM: other bytes, the same text.
    await sleep(40);
    writeFileSync(search, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(search)]));
    appendFileSync(path.join(dir, "src", "plain.ts"), `// edit\n`);
    expect(outcome((await scan()).scan)).toEqual(await cold());
    // One letter of a key changed: the same size.
    await sleep(40);
    writeFileSync(search, readFileSync(search, "utf8").replace("ff_search_a", "ff_search_b"));
    appendFileSync(path.join(dir, "src", "plain.ts"), `// edit\n`);
    const after = await scan();
    expect(after.scan.references.map((r) => r.flag)).toContain("ff_search_b");
    expect(outcome(after.scan)).toEqual(await cold());
  });
});

describe("a cached miss answered from facts alone", () => {
  const repo = fileURLToPath(new URL("../../", import.meta.url));
  /** One cached scan of `dir` in a fresh process of the built package: the cache state, and whether TypeScript was loaded. */
  function scanInFreshProcess(dir: string, patch = false): { cache: string; scanned: number; typescript: boolean } {
    const script = `
      const { createRequire } = await import("node:module");
      const { loadConfig } = await import(${JSON.stringify(`${repo}dist/src/config/load-config.js`)});
      const { loadAndScanCached } = await import(${JSON.stringify(`${repo}dist/src/scan/result-cache.js`)});
      const result = await loadAndScanCached(await loadConfig({ cwd: ${JSON.stringify(dir)} }), { location: ${JSON.stringify(path.join(dir, "node_modules", ".cache", "flag-scan"))}, worker: false, patch: ${patch} });
      const typescript = Object.keys(createRequire(import.meta.url).cache).some((file) => /node_modules[\\\\/]typescript[\\\\/]/.test(file));
      process.stdout.write(JSON.stringify({ cache: result.cache, scanned: result.files?.scanned ?? -1, typescript }));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repo, encoding: "utf8", env: { ...process.env, FLAG_SCAN_TIMESTAMP_MARGIN_MS: "20" } });
    expect(child.stderr).toBe("");
    return JSON.parse(child.stdout) as { cache: string; scanned: number; typescript: boolean };
  }

  it("loads no TypeScript when no file needs a parse, and loads it for one that does", async () => {
    const dir = project();
    writeFileSync(path.join(dir, "src", "notes.ts"), `export const nothingToSee = 1;\n`);
    await sleep(40);
    expect(scanInFreshProcess(dir)).toMatchObject({ cache: "miss", typescript: true });
    await sleep(40);
    // A file that mentions no accessor and that no file's facts depend on: every file is answered from its facts.
    appendFileSync(path.join(dir, "src", "notes.ts"), `// edit\n`);
    expect(scanInFreshProcess(dir)).toEqual({ cache: "miss", scanned: 0, typescript: false });
    await sleep(40);
    appendFileSync(path.join(dir, "src", "plain.ts"), `// edit\n`);
    const parsed = scanInFreshProcess(dir);
    expect(parsed).toMatchObject({ cache: "miss", typescript: true });
    expect(parsed.scanned).toBeGreaterThan(0);
    // The same for a patch (patch-entry.ts): the edited file alone is scanned, and it needs no parse.
    await sleep(40);
    appendFileSync(path.join(dir, "src", "notes.ts"), `// edit again\n`);
    expect(scanInFreshProcess(dir, true)).toEqual({ cache: "patch", scanned: 1, typescript: false });
    await sleep(40);
    appendFileSync(path.join(dir, "src", "plain.ts"), `// edit again\n`);
    expect(scanInFreshProcess(dir, true)).toEqual({ cache: "patch", scanned: 1, typescript: true });
  });
});

describe("the prefilter memo file (src/scan/prefilter-memo.ts)", () => {
  it("is not rewritten by a miss whose only change is a file edited just now, and is once that file settles", async () => {
    const dir = project();
    const { location, scan, cold } = scansOf(dir);
    const memo = () => readFileSync(path.join(location, readdirSync(location).find((n) => n.startsWith("prefilter-"))!), "utf8");
    await sleep(40);
    await scan();
    await sleep(40);
    appendFileSync(path.join(dir, "src", "plain.ts"), `// settle\n`);
    await sleep(40);
    await scan();
    const before = memo();
    expect(JSON.parse(before).entries.map((e: { file: string }) => e.file)).toContain("src/plain.ts");
    // Edited and scanned at once: its stats are too recent to keep, every other entry is the same.
    writeFileSync(path.join(dir, "src", "plain.ts"), `isFeatureEnabled("ff_plain_now");\n`);
    const now = await scan();
    expect(now.cache).toBe("miss");
    expect(memo()).toBe(before);
    expect(outcome(now.scan)).toEqual(await cold());
    await sleep(40);
    appendFileSync(path.join(dir, "src", "other.ts"), `isFeatureEnabled("ff_other");\n`);
    await sleep(40);
    // Now plain.ts (and the new file) are old enough: kept with their new stats.
    const settled = await scan();
    expect(memo()).not.toBe(before);
    expect(outcome(settled.scan)).toEqual(await cold());
    writeFileSync(path.join(dir, "src", "plain.ts"), `isFeatureEnabled("ff_plain_again");\n`);
    expect(outcome((await scan()).scan)).toEqual(await cold());
  });
});

describe("the result a miss stores (src/scan/result-cache.ts)", () => {
  it("rests on what the files answered from their facts rested on: a new file where their imports probed, a tsconfig edit", async () => {
    for (const edit of ["a file where an import probed", "tsconfig paths"]) {
      const dir = project();
      // Only two files are scanned: src/constants.ts below is not discovered, only the resolver's probes see it.
      const configFile = path.join(dir, "flag-scan.config.json");
      writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, "utf8")), include: ["src/use.ts", "src/plain.ts"] }));
      const { location, scan, cold } = scansOf(dir);
      await sleep(40);
      await scan();
      await sleep(40);
      // A miss that answers src/use.ts from its facts: it probes and reads nothing for it.
      appendFileSync(path.join(dir, "src", "plain.ts"), `// edit\n`);
      const reusing = await scan();
      expect(reusing.files).toMatchObject({ reused: 1, scanned: 1 });
      await sleep(40);
      if (edit === "tsconfig paths") writeFileSync(path.join(dir, "tsconfig.json"), `{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["lib/*"] } } }\n`);
      else writeFileSync(path.join(dir, "src", "constants.ts"), `export const CHECKOUT_FLAG = "ff_shadow";\nexport const SEARCH_FLAG = "ff_s";\nexport const FLAGS = {};\n`);
      const after = await scan();
      expect(after.cache, edit).toBe("miss");
      expect(outcome(after.scan), edit).toEqual(await cold());
    }
  });
});
