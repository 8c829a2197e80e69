/**
 * `npm run bench -- --tree DIR [--config FILE] [--label "owner/repo@commit"]`: the scan, cache and ESLint
 * benchmarks on any checkout, next to the synthetic tree's. The tree is copied to `.bench/trees/<name>`
 * (without `.git` and `node_modules`) so the config can be dropped in without touching the checkout; the
 * copy keeps the checkout's `.gitignore` files, which the scan honours.
 *
 * Every ratio is measured in the same run, interleaved: flag-scan against ripgrep for the same accessor
 * names over the same directories, and the ESLint plugin against ESLint with the same parser and one core
 * rule on the same files.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { WorkerResult } from "./eslint-worker.js";

export interface TreeRequest {
  dir: string;
  config: string | undefined;
  label: string | undefined;
}

/** One timed process. */
export interface Measured {
  ms: number;
  /** Peak resident set size in MB, when measured. */
  mb: number | undefined;
  /** User + system CPU time in ms (GNU time only): less sensitive than wall time to other load on the machine. */
  cpuMs: number | undefined;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** What run.ts lends this module, so both measure the same way. */
export interface BenchKit {
  repo: string;
  benchDir: string;
  dist: string;
  bin: string;
  runs: number;
  eslintRuns: number;
  only: Set<string>;
  measure(command: string, args: string[], cwd: string, withMemory: boolean): Measured;
  log(text: string): void;
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;
const firstLine = (text: string) => text.trim().split("\n").find((l) => l.trim() !== "")?.trim().slice(0, 300) ?? "(no output)";
const cpuOf = (runs: Measured[]) => median(runs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined));
const peakOf = (runs: Measured[]) => max(runs.map((r) => r.mb ?? 0));

/** Targets of issue 16 on real repositories. */
export const TREE_TARGETS = { coldVsRg: 25, cachedVsRg: 4, oneEditVsRg: 5, peakMB: 400, eslintCpu: 0.15, eslintMem: 0.25, firstLintMs: 2000, editLintMs: 150 };

/** The marker lines around one tree's section in BENCHMARKS.md, so a re-run replaces only it. */
export const sectionMarkers = (name: string) => [`<!-- bench-tree:${name} -->`, `<!-- /bench-tree:${name} -->`] as const;

interface TreeConfig {
  include?: string[];
  accessors: unknown[];
}

export async function benchTree(request: TreeRequest, kit: BenchKit): Promise<{ name: string; section: string[]; summary: string[] }> {
  const name = basename(request.dir.replace(/\/+$/, ""));
  const work = join(kit.benchDir, "trees", name);
  kit.log(`Copying ${request.dir} to ${relative(kit.repo, work)} ...`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(request.dir, work, { recursive: true, filter: (source) => !/\/(\.git|node_modules)(\/|$)/.test(source.slice(request.dir.length)) });
  if (request.config) cpSync(request.config, join(work, "flag-scan.config.json"));
  const configFile = ["flag-scan.config.json", "flag-scan.config.jsonc"].map((f) => join(work, f)).find(existsSync);
  if (!configFile) throw new Error(`${request.dir} has no flag-scan.config.json; pass --config FILE`);
  const config = JSON.parse(readFileSync(configFile, "utf8")) as TreeConfig;
  // The directories ripgrep and ESLint get: the static prefix of each include glob (the whole tree without any).
  const roots = [...new Set((config.include ?? ["**"]).map((glob) => glob.split("/").filter((s) => !/[*?{[]/.test(s)).join("/").split("/")[0] || "."))];
  const { compileTypeScriptAccessors } = (await import(join(kit.dist, "src", "languages", "typescript", "scan", "accessors.js"))) as {
    compileTypeScriptAccessors: (a: unknown[]) => { needles: string[] };
  };
  const needles = compileTypeScriptAccessors(config.accessors).needles;
  const rgArgs = ["-l", "-F", "-g", "*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}", ...needles.flatMap((n) => ["-e", n]), ...roots];
  const label = request.label ?? name;
  const section: string[] = [`## Real repository: ${label}`, ""];
  const summary: string[] = [];
  section.push(
    `Tree: \`${request.dir}\` copied to \`.bench/trees/${name}\`; config \`${request.config ? relative(kit.repo, request.config) : "the tree's own"}\`: ` +
      "```" + JSON.stringify(config) + "```",
    "",
  );

  // Warm-up and correctness record.
  const resultFile = join(kit.benchDir, `tree-${name}.json`);
  const scanArgs = [kit.bin, "--format", "json", "--output", "/dev/null"];
  const warm = kit.measure(process.execPath, [kit.bin, "--format", "json", "--output", resultFile], work, true);
  if (warm.status !== 0 && warm.status !== 1) {
    section.push(`skipped: the scan exited with ${warm.status}: ${firstLine(warm.stderr || warm.stdout)}`, "");
    return { name, section, summary };
  }
  const result = JSON.parse(readFileSync(resultFile, "utf8")) as {
    references: Array<{ file: string; flag?: string }>;
    findings: Array<{ rule: string }>;
    errors: unknown[];
    stats: { filesDiscovered: number; filesParsed: number; linesDiscovered: number };
  };
  const rules: Record<string, number> = {};
  for (const f of result.findings) rules[f.rule] = (rules[f.rule] ?? 0) + 1;
  kit.measure("rg", rgArgs, work, false);

  if (kit.only.has("scan")) {
    const cacheDir = join(work, "node_modules", ".cache", "flag-scan");
    const hasCache = existsSync(join(kit.dist, "src", "scan", "result-cache.js"));
    const cachedArgs = [...scanArgs, "--cache"];
    const scans: Measured[] = [];
    const rgs: Measured[] = [];
    const nodes: Measured[] = [];
    const floors: Measured[] = [];
    // The files ripgrep lists are the ones a scan must parse at least (bench/parse-floor.ts).
    const floorList = join(kit.benchDir, `tree-${name}-candidates.txt`);
    writeFileSync(floorList, kit.measure("rg", rgArgs, work, false).stdout);
    const cached: Measured[] = [];
    const edited: Measured[] = [];
    const editFile = result.references[0] ? join(work, result.references[0].file) : undefined;
    const editOriginal = editFile ? readFileSync(editFile, "utf8") : undefined;
    for (let i = 0; i < kit.runs; i++) {
      kit.log(`${name}: scan run ${i + 1}/${kit.runs}`);
      scans.push(kit.measure(process.execPath, scanArgs, work, true));
      rgs.push(kit.measure("rg", rgArgs, work, false));
      nodes.push(kit.measure(process.execPath, ["-e", "0"], work, false));
      floors.push(kit.measure(process.execPath, [join(kit.dist, "bench", "parse-floor.js"), floorList], work, true));
      if (hasCache) {
        rmSync(cacheDir, { recursive: true, force: true });
        kit.measure(process.execPath, cachedArgs, work, false);
        cached.push(kit.measure(process.execPath, cachedArgs, work, true));
        if (editFile && editOriginal !== undefined) {
          // One edited file: a new statement at the end, as a commit touching one file does.
          writeFileSync(editFile, `${editOriginal}\nexport const benchEdit${i} = ${i};\n`);
          edited.push(kit.measure(process.execPath, cachedArgs, work, true));
          writeFileSync(editFile, editOriginal);
        }
      }
    }
    const rgMs = median(rgs.map((r) => r.ms));
    const rgFiles = rgs[0]?.stdout.trim().split("\n").filter(Boolean).length ?? 0;
    const scanMs = median(scans.map((r) => r.ms));
    const row = (what: string, runs: Measured[]) =>
      `| ${what} | ${sec(median(runs.map((r) => r.ms)))} | ${sec(cpuOf(runs))} | ${(median(runs.map((r) => r.ms)) / rgMs).toFixed(1)}x | ${peakOf(runs) ? `${peakOf(runs).toFixed(0)} MB` : "n/a"} | ${runs.map((r) => r.ms.toFixed(0)).join(", ")} ms |`;
    section.push(
      `- ${result.stats.filesDiscovered.toLocaleString("en")} files discovered, ${result.stats.linesDiscovered.toLocaleString("en")} lines; ` +
        `${result.stats.filesParsed} contain an accessor name (ripgrep: ${rgFiles}); ${result.references.length} references in ${new Set(result.references.map((r) => r.file)).size} files; ` +
        `findings by rule: ${Object.entries(rules).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}; errors: ${result.errors.length}.`,
      "",
      "| measurement | median wall | median CPU | wall / ripgrep | peak RSS | runs (wall) |",
      "|---|---:|---:|---:|---:|---|",
      row("`node -e 0`", nodes),
      row(`\`rg ${rgArgs.join(" ")}\``, rgs),
      row(`parse floor: \`node\`, load TypeScript, \`createSourceFile\` on the ${rgFiles} files ripgrep lists (bench/parse-floor.ts)`, floors),
      row("`flag-scan --format json --output /dev/null` (cold)", scans),
    );
    if (cached.length) section.push(row("the same with `--cache`, nothing changed", cached));
    if (edited.length) section.push(row(`the same with \`--cache\`, one file changed (\`${relative(work, editFile as string)}\`)`, edited));
    section.push("");
    const ratio = scanMs / rgMs;
    summary.push(`| ${label}: cold scan vs ripgrep | ${sec(scanMs)} vs ${sec(rgMs)} = **${ratio.toFixed(1)}x** (CPU ${sec(cpuOf(scans))}) | within ${TREE_TARGETS.coldVsRg}x | ${ratio <= TREE_TARGETS.coldVsRg ? "met" : "**missed**"} |`);
    const floorMs = median(floors.map((r) => r.ms));
    summary.push(`| ${label}: cold scan vs its parse floor (Node + TypeScript + parsing the candidates) | ${sec(scanMs)} vs ${sec(floorMs)} = ${(scanMs / floorMs).toFixed(2)}x wall, CPU ${sec(cpuOf(scans))} vs ${sec(cpuOf(floors))}; the floor alone is ${(floorMs / rgMs).toFixed(1)}x ripgrep | as close as possible | measured |`);
    summary.push(`| ${label}: scan peak RSS | ${peakOf(scans).toFixed(0)} MB | under ${TREE_TARGETS.peakMB} MB | ${peakOf(scans) < TREE_TARGETS.peakMB ? "met" : "**missed**"} |`);
    if (cached.length) {
      const c = median(cached.map((r) => r.ms)) / rgMs;
      summary.push(`| ${label}: cached scan, nothing changed, vs ripgrep | ${sec(median(cached.map((r) => r.ms)))} = **${c.toFixed(1)}x** | within ${TREE_TARGETS.cachedVsRg}x | ${c <= TREE_TARGETS.cachedVsRg ? "met" : "**missed**"} |`);
    }
    if (edited.length) {
      const e = median(edited.map((r) => r.ms)) / rgMs;
      summary.push(`| ${label}: cached scan, one file changed, vs ripgrep | ${sec(median(edited.map((r) => r.ms)))} = **${e.toFixed(1)}x** | within ${TREE_TARGETS.oneEditVsRg}x | ${e <= TREE_TARGETS.oneEditVsRg ? "met" : "**missed**"} |`);
    }
  }

  if (kit.only.has("eslint")) benchTreeEslint(name, label, work, roots, result.references.map((r) => r.file), kit, section, summary);
  return { name, section, summary };
}

function benchTreeEslint(name: string, label: string, work: string, roots: string[], referenceFiles: string[], kit: BenchKit, section: string[], summary: string[]): void {
  const plugin = join(kit.dist, "src", "eslint", "index.js");
  const worker = join(kit.dist, "bench", "eslint-worker.js");
  const run = (request: object) => {
    const measured = kit.measure(process.execPath, [worker, JSON.stringify(request)], work, true);
    let parsed: WorkerResult | undefined;
    try {
      parsed = JSON.parse(measured.stdout.trim().split("\n").pop() ?? "") as WorkerResult;
    } catch {
      parsed = undefined;
    }
    return { measured, result: parsed };
  };
  // The plugin's project load goes through the result cache: whole-tree runs start from an empty cache
  // (the cold case the issue measured); the editor session is measured both cold and warm.
  const clearCache = () => rmSync(join(work, "node_modules", ".cache", "flag-scan"), { recursive: true, force: true });
  const ONE_RULE = { "no-debugger": "error" };
  const base: Measured[] = [];
  const withPlugin: Measured[] = [];
  // The plugin again with the project cache the cold run left (a CI job that restores node_modules/.cache).
  const withPluginWarm: Measured[] = [];
  let baseResult: WorkerResult | undefined;
  let pluginResult: WorkerResult | undefined;
  for (let i = 0; i < kit.eslintRuns; i++) {
    kit.log(`${name}: eslint run ${i + 1}/${kit.eslintRuns}`);
    const b = run({ cwd: work, plugin: null, rules: ONE_RULE, patterns: roots });
    clearCache();
    const p = run({ cwd: work, plugin, rules: ONE_RULE, patterns: roots });
    const w = run({ cwd: work, plugin, rules: ONE_RULE, patterns: roots });
    if (!b.result || !p.result || !w.result) {
      const failed = !b.result ? b : !p.result ? p : w;
      section.push(`ESLint skipped: the worker failed (exit ${failed.measured.status}): ${firstLine(failed.measured.stderr)}`, "");
      return;
    }
    base.push(b.measured);
    withPlugin.push(p.measured);
    withPluginWarm.push(w.measured);
    baseResult = b.result;
    pluginResult = p.result;
  }
  const cpuOverhead = cpuOf(withPlugin) / cpuOf(base) - 1;
  const pairRatios = withPlugin.map((p, i) => (p.cpuMs ?? NaN) / (base[i]?.cpuMs ?? NaN));
  const memOverhead = peakOf(withPlugin) / peakOf(base) - 1;
  const msgs = (r: WorkerResult | undefined) => Object.entries(r?.messagesByRule ?? {}).map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
  const row = (what: string, runs: Measured[], r: WorkerResult | undefined) =>
    `| ${what} | ${sec(median(runs.map((x) => x.ms)))} | ${sec(cpuOf(runs))} | ${peakOf(runs).toFixed(0)} MB | ${runs.map((x) => x.ms.toFixed(0)).join(", ")} ms | ${r?.files} | ${msgs(r)} |`;
  section.push(
    `ESLint with @typescript-eslint/parser on \`${roots.join(" ")}\` (bench/eslint-worker.ts: in-process API, no cache, fresh process per run), interleaved:`,
    "",
    "| ESLint | median wall | median CPU | peak RSS | runs (wall) | files | messages |",
    "|---|---:|---:|---:|---|---:|---|",
    row("parser + `no-debugger`", base, baseResult),
    row("parser + `no-debugger` + flag-scan recommended", withPlugin, pluginResult),
    row("the same, with the project cache the run before left", withPluginWarm, pluginResult),
    "",
    `- Plugin overhead: **${pct(cpuOverhead)} CPU**, ${pct(median(withPlugin.map((r) => r.ms)) / median(base.map((r) => r.ms)) - 1)} wall, **${pct(memOverhead)} peak RSS**.`,
    `- With the project cache of the run before (node_modules/.cache/flag-scan kept, as a CI cache or a second local run keeps it): ${pct(cpuOf(withPluginWarm) / cpuOf(base) - 1)} CPU, ${pct(peakOf(withPluginWarm) / peakOf(base) - 1)} peak RSS.`,
    `- CPU per run (s): base ${base.map((r) => ((r.cpuMs ?? NaN) / 1000).toFixed(2)).join(", ")}; plugin ${withPlugin.map((r) => ((r.cpuMs ?? NaN) / 1000).toFixed(2)).join(", ")}; with the cache ${withPluginWarm.map((r) => ((r.cpuMs ?? NaN) / 1000).toFixed(2)).join(", ")}.`,
    // Each plugin run against the base run just before it: a load that drifts over minutes moves both alike.
    `- CPU per interleaved pair (plugin / the base run just before): ${pairRatios.map((ratio) => pct(ratio - 1)).join(", ")}; median ${pct(median(pairRatios) - 1)}.`,
  );
  summary.push(`| ${label}: ESLint plugin CPU over ESLint + one core rule | ${sec(cpuOf(base))} -> ${sec(cpuOf(withPlugin))} = **${pct(cpuOverhead)}** | at most +${TREE_TARGETS.eslintCpu * 100}% | ${cpuOverhead <= TREE_TARGETS.eslintCpu ? "met" : "**missed**"} |`);
  summary.push(`| ${label}: the same with the project cache of the run before (not the target's cold case) | ${sec(cpuOf(base))} -> ${sec(cpuOf(withPluginWarm))} = ${pct(cpuOf(withPluginWarm) / cpuOf(base) - 1)} | | measured |`);
  summary.push(`| ${label}: ESLint plugin peak memory | ${peakOf(base).toFixed(0)} MB -> ${peakOf(withPlugin).toFixed(0)} MB = **${pct(memOverhead)}** | at most +${TREE_TARGETS.eslintMem * 100}% | ${memOverhead <= TREE_TARGETS.eslintMem ? "met" : "**missed**"} |`);

  // An editor's session: the first lint of a flag-checking file (plugin import + project load), the next
  // file, then the first file again after an edit.
  const files = [...new Set(referenceFiles.filter((f) => /\.[jt]sx?$/.test(f)))];
  const [first, second] = files;
  if (!first || !second) {
    section.push("- First lint: skipped, fewer than two files with references.", "");
    return;
  }
  const firstMs: number[] = [];
  const firstWarm: number[] = [];
  const firstBase: number[] = [];
  const nextMs: number[] = [];
  const editMs: number[] = [];
  for (let i = 0; i < Math.max(3, kit.runs); i++) {
    const b = run({ cwd: work, plugin: null, firstFiles: [first] }).result;
    clearCache();
    const p = run({ cwd: work, plugin, firstFiles: [first, second], editFirst: true }).result;
    const w = run({ cwd: work, plugin, firstFiles: [first] }).result;
    if (b?.fileMs[0] !== undefined) firstBase.push(b.fileMs[0]);
    if (p?.fileMs[0] !== undefined) firstMs.push(p.fileMs[0]);
    if (w?.fileMs[0] !== undefined) firstWarm.push(w.fileMs[0]);
    if (p?.fileMs[1] !== undefined) nextMs.push(p.fileMs[1]);
    if (p?.editMs !== undefined) editMs.push(p.editMs);
  }
  section.push(
    `- Editor session (\`${first}\` then \`${second}\`, then \`${first}\` again with one line added, as \`lintText\`; median of ${firstMs.length}): ` +
      `first lint ${median(firstBase).toFixed(0)} ms without the plugin, **${median(firstMs).toFixed(0)} ms** with it and an empty cache, ` +
      `**${median(firstWarm).toFixed(0)} ms** with the cache a previous run left; next file ${median(nextMs).toFixed(0)} ms; ` +
      `lint after the edit ${editMs.length ? `**${median(editMs).toFixed(0)} ms**` : "n/a"}.`,
    "",
  );
  summary.push(`| ${label}: first lint in a long-running ESLint, empty cache | ${median(firstMs).toFixed(0)} ms | under ${TREE_TARGETS.firstLintMs} ms | ${median(firstMs) < TREE_TARGETS.firstLintMs ? "met" : "**missed**"} |`);
  summary.push(`| ${label}: the same with the cache of an earlier run | ${median(firstWarm).toFixed(0)} ms | under ${TREE_TARGETS.firstLintMs} ms | ${median(firstWarm) < TREE_TARGETS.firstLintMs ? "met" : "**missed**"} |`);
  if (editMs.length) summary.push(`| ${label}: lint after an edit | ${median(editMs).toFixed(0)} ms | under ${TREE_TARGETS.editLintMs} ms | ${median(editMs) < TREE_TARGETS.editLintMs ? "met" : "**missed**"} |`);
}
