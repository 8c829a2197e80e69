import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMonorepo } from "../../../../bench/generate-monorepo.js";
import { loadConfig } from "../../../../src/config/load-config.js";
import { loadAndScan, loadProjectRegistry } from "../../../../src/engine.js";
import { readFileSync } from "node:fs";
import { languages } from "../../../../src/languages/index.js";
import type { Language, SourceFileInput } from "../../../../src/languages/language.js";
import { typescriptLanguage } from "../../../../src/languages/typescript/index.js";
import { createInProcessSession, type LaneOptions, type LaneSession } from "../../../../src/languages/typescript/scan/in-process-session.js";
import { createParallelSession, hasIdleCore, parseThreads } from "../../../../src/languages/typescript/scan/parallel-session.js";
import { createCallerLane } from "../../../../src/languages/typescript/scan/caller-lane.js";
import { FactStore } from "../../../../src/scan/fact-store.js";
import type { ProjectScan } from "../../../../src/scan/scan-project.js";

let benchDir: string;
let root: string;
/**
 * The lanes get the first round's files in chunks of 8 while the prefilter runs (parallel-session.ts): the
 * first 8 candidates (packages/00-*) go to lane 0, the next 8 (packages/01-*: the wrappers) to lane 1, the
 * next 8 (packages/02-*: callers, and a second wrapper of the same name) to lane 0. The test checks this.
 */
const LANE1 = ["gate.ts", "toggle.ts", ...fill(6)].map((f) => `packages/01-wrappers/src/${f}`);
const CALLERS = [...Array.from({ length: 4 }, (_, i) => `packages/02-callers/src/caller${i}.ts`), ...Array.from({ length: 4 }, (_, i) => `packages/gates${i}/src/caller.ts`)];

function fill(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `fill${i}.ts`);
}

beforeAll(() => {
  benchDir = mkdtempSync(path.join(tmpdir(), "flag-scan-parallel-"));
  root = generateMonorepo(benchDir, { files: 240, seed: 11, linesPerFile: 60, flagFileRatio: 0.08, cleanupRefs: 5, settingsFileRatio: 0.13, git: false }).manifest.root;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const filler = (file: string) => write(file, `export const on = isFeatureEnabled("ff_${path.basename(file, ".ts")}");\n`);
  fill(8).forEach((f) => filler(`packages/00-first/src/${f}`));
  LANE1.slice(2).forEach(filler);
  fill(3).forEach((f) => filler(`packages/02-callers/src/${f}`));
  write(LANE1[0]!, `export function useGate(name: string) {\n  return isFeatureEnabled(name);\n}\n`);
  // Two wrappers of one name that take the key at different positions: the first in scan order (lane 1's)
  // wins, although lane 0 scans the other.
  write(LANE1[1]!, `export function useToggle(name: string) {\n  return isFeatureEnabled(name);\n}\n`);
  write("packages/02-callers/src/toggle.ts", `export function useToggle(index: number, name: string) {\n  return isFeatureEnabled(name);\n}\n`);
  for (const [i, caller] of CALLERS.entries()) {
    const gate = path.relative(path.dirname(caller), LANE1[0]!.replace(/\.ts$/, ""));
    write(caller, `import { useGate } from "./${gate}";\nexport const on${i} = useGate("ff_gate_${i}");\nexport const t${i} = useToggle("ff_toggle_${i}");\nexport const d${i} = isFeatureEnabled("ff_direct_${i}");\n`);
  }
}, 120_000);

afterAll(() => rmSync(benchDir, { recursive: true, force: true }));

/** What a scan decides: everything but the reader function. */
function decided(scan: ProjectScan): unknown {
  return { references: scan.references, errors: scan.errors, stats: scan.stats, learnedAccessors: scan.learnedAccessors, registry: [...scan.registry.bySlug.keys()] };
}

/**
 * The languages with TypeScript scanned in `lanes` lanes from the first file on, recording which lane got
 * which file. Each lane scans in this thread, but later (as a worker would), so files are handed out as
 * lanes finish them.
 */
function parallelLanguages(lanes: number, seen: Map<string, number>): Language[] {
  const lane = laterLane(seen);
  const parallel: Language = { ...typescriptLanguage, openScanSession: ({ recordFacts }) => createParallelSession({ lanes, from: 0, recordFacts, openLane: lane }) };
  return languages.map((language) => (language === typescriptLanguage ? parallel : language));
}

/**
 * The languages with TypeScript scanned as the CLI's `FLAG_SCAN_PARSE_THREADS=main` does: lane 0 (here in
 * this thread, but later, as a worker would) from the first file on, and the caller's lane opened at the
 * first flush, taking the files held back until then.
 */
function lateLaneLanguages(seen: Map<string, number>): Language[] {
  const first = laterLane(seen);
  const lane = (index: number, options: LaneOptions): LaneSession => {
    if (index === 0) return first(index, options);
    const session = createCallerLane(options);
    return {
      ...session,
      scanMany: (files) => {
        for (const file of files) seen.set(path.relative(root, file.path), index);
        session.scanMany(files);
      },
    };
  };
  const parallel: Language = { ...typescriptLanguage, openScanSession: ({ recordFacts }) => createParallelSession({ lanes: 2, from: 0, openWhenFlushed: true, recordFacts, openLane: lane }) };
  return languages.map((language) => (language === typescriptLanguage ? parallel : language));
}

/** A lane that scans in this thread, but later (as a worker would), recording which lane got which file. */
function laterLane(seen: Map<string, number>): (index: number, options: LaneOptions) => LaneSession {
  return (index: number, options: LaneOptions): LaneSession => {
    const session = createInProcessSession(options);
    return {
      ...session,
      scanMany: (files) => {
        for (const file of files) seen.set(path.relative(root, file.path), index);
        setImmediate(() => session.scanMany(files));
      },
      // After the files handed out before it (immediates run in order).
      flush: () => new Promise((resolve) => setImmediate(resolve)).then(() => session.flush()),
    };
  };
}

describe("a TypeScript scan split over lanes (parallel-session.ts)", () => {
  it("equals the one-lane scan, with wrappers learned in one lane making callers in the other references", async () => {
    const config = await loadConfig({ cwd: root });
    const single = await loadAndScan(config, { worker: false });
    const flagsOf = (accessor: string) => single.references.filter((r) => r.accessor === accessor).map((r) => r.flag).sort();
    expect(flagsOf("useGate")).toEqual(CALLERS.map((_, i) => `ff_gate_${i}`).sort());
    // lane 1's `useToggle(name)` is learned, not lane 0's `useToggle(index, name)`.
    expect(flagsOf("useToggle")).toEqual(CALLERS.map((_, i) => `ff_toggle_${i}`).sort());

    const seen = new Map<string, number>();
    const split = await loadAndScan(config, { worker: false, languages: parallelLanguages(2, seen) });
    for (const file of LANE1) expect(seen.get(file), file).toBe(1);
    for (const file of ["packages/02-callers/src/toggle.ts", ...CALLERS.slice(0, 4), ...fill(8).map((f) => `packages/00-first/src/${f}`)]) expect(seen.get(file), file).toBe(0);
    expect(decided(split)).toEqual(decided(single));
  }, 120_000);

  it("equals the one-lane scan with the caller's lane opened at the flush, which takes the files held back", async () => {
    const config = await loadConfig({ cwd: root });
    const single = await loadAndScan(config, { worker: false });
    const seen = new Map<string, number>();
    const split = await loadAndScan(config, { worker: false, languages: lateLaneLanguages(seen) });
    const byLane = [0, 1].map((index) => [...seen.values()].filter((lane) => lane === index).length);
    expect(byLane[0]).toBeGreaterThan(0);
    expect(byLane[1]).toBeGreaterThan(0);
    expect(decided(split)).toEqual(decided(single));
  }, 120_000);

  it("records the facts one lane would (same contexts), so a cached scan can reuse either", async () => {
    const config = await loadConfig({ cwd: root });
    const singleFacts = new FactStore(root);
    await loadAndScan(config, { worker: false, facts: singleFacts });
    const splitFacts = new FactStore(root);
    await loadAndScan(config, { worker: false, facts: splitFacts, languages: parallelLanguages(2, new Map()) });
    expect(splitFacts.recorded()).toEqual(singleFacts.recorded());
    expect(singleFacts.recorded().length).toBeGreaterThan(CALLERS.length);
  }, 120_000);

  it("tells the names it learns as it learns them, before the flush that returns them (onLearning)", async () => {
    const config = await loadConfig({ cwd: root });
    const registry = await loadProjectRegistry(config);
    const told: string[][] = [];
    const session = createInProcessSession({ onLearning: (needles) => told.push(needles) });
    const readFile = (file: string) => readFileSync(file, "utf8");
    session.prepare({ root, config, registry, readFile });
    const input = (file: string): SourceFileInput => ({ path: path.join(root, file), relativePath: file, text: readFile(path.join(root, file)) });
    session.scanMany([input(LANE1[0]!), input(CALLERS[0]!)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toEqual([["useGate"]]);
    const flushed = await session.flush();
    expect(flushed.learnedNeedles).toEqual(["useGate"]);
    // Told once, whatever the flushes.
    session.scanMany([input(LANE1[0]!)]);
    await session.flush();
    expect(told).toEqual([["useGate"]]);
  });

  it("one parsing thread unless FLAG_SCAN_PARSE_THREADS asks for two", () => {
    expect(parseThreads({}).lanes).toBe(1);
    expect(parseThreads({}).mayOpen()).toBe(false);
    expect(parseThreads({ FLAG_SCAN_PARSE_THREADS: "1" }).mayOpen()).toBe(false);
    expect(parseThreads({ FLAG_SCAN_PARSE_THREADS: "2" }).mayOpen).toBe(hasIdleCore);
    expect(parseThreads({ FLAG_SCAN_PARSE_THREADS: "2!" }).mayOpen()).toBe(true);
    expect(parseThreads({}).inCaller).toBe(false);
    expect(parseThreads({ FLAG_SCAN_PARSE_THREADS: "main" })).toMatchObject({ lanes: 2, inCaller: true });
  });
});
