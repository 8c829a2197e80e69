import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMonorepo } from "../../bench/generate-monorepo.js";
import { loadConfig } from "../../src/config/load-config.js";
import { loadAndScan } from "../../src/engine.js";
import { readFactFile, writeFactFile } from "../../src/scan/fact-cache.js";
import { shardOf } from "../../src/scan/fact-store.js";
import type { ProjectScan } from "../../src/scan/scan-project.js";
import { mergeShards, scanShard } from "../../src/scan/shard.js";
import { runCli } from "../helpers/cli.js";

let benchDir: string;
let root: string;
const SHARDS = 3;
/** Callers of a wrapper defined in one file: spread over the shards, they are references only once the merge knows it. */
const CALLERS = Array.from({ length: 8 }, (_, i) => `packages/gates/src/caller${i}.ts`);

beforeAll(() => {
  benchDir = mkdtempSync(path.join(tmpdir(), "flag-scan-shard-"));
  root = generateMonorepo(benchDir, { files: 240, seed: 7, linesPerFile: 60, flagFileRatio: 0.08, cleanupRefs: 5, settingsFileRatio: 0.13, git: false }).manifest.root;
  const gates = path.join(root, "packages", "gates", "src");
  mkdirSync(gates, { recursive: true });
  writeFileSync(path.join(root, "packages", "gates", "package.json"), `{ "name": "@bench/gates" }\n`);
  for (const [i, caller] of CALLERS.entries()) {
    writeFileSync(path.join(root, caller), `import { useGate } from "./gate";\nexport const on${i} = useGate("ff_gate_${i}");\n`);
  }
  writeFileSync(path.join(gates, "gate.ts"), `export function useGate(name: string) {\n  return isFeatureEnabled(name);\n}\n`);
}, 120_000);

afterAll(() => rmSync(benchDir, { recursive: true, force: true }));

/** What a scan decides: everything but the reader function. */
function decided(scan: ProjectScan): unknown {
  return { references: scan.references, errors: scan.errors, stats: scan.stats, learnedAccessors: scan.learnedAccessors };
}

describe("flag-scan --shard i/n and merge (src/scan/shard.ts)", () => {
  it("merging every shard's facts gives exactly the full scan, across shards that learn each other's wrappers", async () => {
    const config = await loadConfig({ cwd: root });
    const full = await loadAndScan(config);
    expect(full.references.filter((r) => r.accessor === "useGate").map((r) => r.flag).sort()).toEqual(CALLERS.map((_, i) => `ff_gate_${i}`).sort());
    // The wrapper and its callers do not all fall in one shard, so one shard alone cannot know them.
    expect(new Set([...CALLERS, "packages/gates/src/gate.ts"].map((file) => shardOf(file, SHARDS))).size).toBeGreaterThan(1);

    const shards = [];
    for (let index = 1; index <= SHARDS; index++) {
      const file = path.join(benchDir, `shard-${index}.json`);
      writeFactFile(file, await scanShard(config, { index, count: SHARDS }));
      shards.push({ file, facts: readFactFile(file) });
    }
    const perShard = shards.map(({ facts }) => new Set(facts!.entries.map((e) => e.file)));
    // Each file's facts come from one shard only.
    for (const [i, files] of perShard.entries()) for (const file of files) expect(shardOf(file, SHARDS), file).toBe(i);

    // Concatenating the shards' references would miss the callers outside the wrapper's shard.
    const shardGates = shards.flatMap(({ facts }) => facts!.entries.flatMap((e) => e.references)).filter((r) => r.accessor === "useGate");
    expect(new Set(shardGates.map((r) => r.file)).size).toBeLessThan(CALLERS.length);

    const merged = await mergeShards(config, shards);
    expect(decided(merged.scan)).toEqual(decided(full));
    // The merge answers from the shards' facts: only files a learned wrapper sends back are scanned again.
    expect(merged.files.reused).toBeGreaterThan(merged.files.scanned);
  }, 120_000);

  it("the CLI reports after `merge` as after one scan, in every format, with the same exit code", async () => {
    const files = [];
    for (let index = 1; index <= SHARDS; index++) {
      const file = path.join(benchDir, `cli-shard-${index}.json`);
      const shard = await runCli(["--shard", `${index}/${SHARDS}`, "--output", file], root);
      expect(shard.code, shard.stderr).toBe(0);
      files.push(file);
    }
    for (const format of ["json", "sarif", "text"]) {
      const single = await runCli(["--format", format], root);
      const merged = await runCli(["merge", ...files, "--format", format], root);
      expect(merged.stderr).toBe(single.stderr);
      expect(merged.code).toBe(single.code);
      const normalize = (text: string) => text.replace(/"durationMs":\s*\d+/g, "").replace(/in \d+(\.\d+)? ?m?s/g, "");
      expect(normalize(merged.stdout), format).toBe(normalize(single.stdout));
    }
    for (const bad of ["0/3", "4/3", "1of3"]) {
      const invalid = await runCli(["--shard", bad], root);
      expect(invalid.code, bad).toBe(2);
      expect(invalid.stderr).toContain("--shard must be i/n");
    }
    const missing = await runCli(["merge", files[0]!, files[2]!], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`shard 2/${SHARDS} missing`);
    const twice = await runCli(["merge", files[0]!, files[0]!, files[1]!, files[2]!], root);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("given twice");
    writeFileSync(path.join(benchDir, "bad.json"), readFileSync(files[0]!, "utf8").replace(/"key":"[^"]+"/, `"key":"other"`));
    const other = await runCli(["merge", path.join(benchDir, "bad.json"), files[1]!, files[2]!], root);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("another flag-scan version or config");
  }, 180_000);
});
