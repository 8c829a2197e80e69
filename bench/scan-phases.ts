/**
 * Splits one scan into phases, in a fresh process, by calling the built core's modules in order: module
 * loading, config, file discovery, a read + indexOf floor, and `scanProject` (discovery, registry, read,
 * prefilter, parse, find references; its parse may run in worker threads, whose CPU time counts here). Prints one JSON line. It imports internal modules of dist/src, so a
 * refactor of the core may break it: run.ts then reports the phases as skipped and keeps the rest.
 *
 * Usage: `node dist/bench/scan-phases.js TREE_ROOT`
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface ScanPhases {
  /** Wall and CPU (user+system, all threads) milliseconds per phase, in order. */
  phases: Array<{ phase: string; ms: number; cpuMs: number }>;
  filesDiscovered: number;
  /** Files whose text contains an accessor name (what the prefilter keeps). */
  candidates: number;
  stats: unknown;
}

const dist = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = process.argv[2] ?? process.cwd();
const phases: ScanPhases["phases"] = [];
let last = performance.now();
let lastCpu = process.cpuUsage();
const mark = (phase: string) => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  phases.push({ phase, ms: now - last, cpuMs: (cpu.user + cpu.system) / 1000 });
  last = now;
  lastCpu = process.cpuUsage();
};

await import(join(dist, "src", "cli", "main.js"));
mark("import the CLI and what it loads eagerly");
const { loadConfig } = (await import(join(dist, "src", "config", "load-config.js"))) as {
  loadConfig: (o: { cwd: string }) => Promise<{ accessors: unknown[] }>;
};
const config = await loadConfig({ cwd: root });
mark("load and validate the config");
const { discoverFiles } = (await import(join(dist, "src", "scan", "discover-files.js"))) as {
  discoverFiles: (c: unknown) => Promise<string[]>;
};
const files = await discoverFiles(config);
mark("discover files (include/exclude globs, .gitignore)");
const { compileTypeScriptAccessors } = (await import(join(dist, "src", "languages", "typescript", "scan", "accessors.js"))) as {
  compileTypeScriptAccessors: (a: unknown[]) => { needles: string[] };
};
const needles = compileTypeScriptAccessors(config.accessors).needles;
let candidates = 0;
for (const file of files) {
  const text = readFileSync(file, "utf8");
  if (needles.some((needle) => text.includes(needle))) candidates++;
}
mark("floor: read every file + indexOf the accessor names");
const { loadAndScan } = (await import(join(dist, "src", "engine.js"))) as {
  loadAndScan: (c: unknown) => Promise<{ stats: unknown }>;
};
const scan = await loadAndScan(config);
mark("loadAndScan (discover, registry, read, prefilter, parse, find references)");
const result: ScanPhases = { phases, filesDiscovered: files.length, candidates, stats: scan.stats };
process.stdout.write(JSON.stringify(result) + "\n");
