/**
 * `npm run bench`: the speed benchmarks of issues 2 (scan), 3 (cleanup) and 4 (ESLint plugin) on a
 * synthetic monorepo (bench/generate-monorepo.ts). Prints a Markdown report and writes it to BENCHMARKS.md.
 *
 * Every measurement spawns the built CLI the way a user runs it, so Node start-up and module loading count.
 * Scan and ripgrep runs are interleaved so machine noise hits both; compare ratios, not absolute times.
 * A section whose feature is not in the build yet prints `skipped: <reason>`.
 *
 * Options (after `npm run bench --`):
 *   --files N          source files of the scan/ESLint tree (default 6000, about 800k lines)
 *   --cleanup-files N  source files of the cleanup tree (default 5000)
 *   --cleanup-refs N   files referencing the flag the cleanup removes (default 50)
 *   --runs N           timed runs per measurement, after one warm-up (default 5)
 *   --eslint-runs N    timed runs of ESLint on the whole tree, per variant (default 3; each takes tens of seconds)
 *   --seed N           generator seed (default 1)
 *   --only LIST        comma-separated subset of scan,cleanup,eslint,scaling (`--only scaling` rewrites only
 *                      that section of BENCHMARKS.md; scaling always takes medians of 3 runs, 1 with --quick);
 *                      with --tree also `growth`: the tree at 1x, 2x, 4x (bench/real-growth.ts; larger factors:
 *                      run that script with --factors)
 *   --profile          also run one scan under `node --cpu-prof` and summarise where the time goes
 *   --quick            smoke run: 400-file trees, 1 run, no BENCHMARKS.md unless --write
 *   --write / --no-write  write BENCHMARKS.md (default: write unless --quick)
 *   --tree DIR [--config FILE] [--label "owner/repo@commit"]  (repeatable) bench a real checkout instead of
 *                      the synthetic trees (bench/real-tree.ts); its section of BENCHMARKS.md is replaced, the
 *                      rest kept. Configs for the trees of issue 16 are in bench/real/.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { WorkerResult } from "./eslint-worker.js";
import { ACCESSOR_NAMES, CLEANUP_FLAG, DEFAULT_MONOREPO_OPTIONS, generateMonorepo, type MonorepoManifest, type MonorepoOptions } from "./generate-monorepo.js";
import { formatProfileSummary, summarizeProfile } from "./profile-summary.js";
import type { ScanPhases } from "./scan-phases.js";
import { benchScaling, replaceSection, SCALING_HEADING } from "./scaling.js";
import { benchTree, sectionMarkers, type Measured, type TreeRequest } from "./real-tree.js";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BENCH_DIR = join(REPO, ".bench");
const BIN = join(REPO, "bin", "flag-scan.js");
const DIST = join(REPO, "dist");
const TIME = "/usr/bin/time";

const TARGETS = { scanVsRg: 8, scanMB: 400, cleanupS: 5, eslintOverhead: 0.15, deepOverShallow: 2 };

interface Options {
  files: number;
  cleanupFiles: number;
  cleanupRefs: number;
  runs: number;
  eslintRuns: number;
  seed: number;
  only: Set<string>;
  profile: boolean;
  quick: boolean;
  write: boolean;
  trees: TreeRequest[];
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    files: 6000,
    cleanupFiles: 5000,
    cleanupRefs: 50,
    runs: 5,
    eslintRuns: 3,
    seed: 1,
    only: new Set(["scan", "cleanup", "eslint", "scaling"]),
    profile: false,
    quick: false,
    write: true,
    trees: [],
  };
  let write: boolean | undefined;
  const given = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${arg} needs a positive number; see bench/run.ts`);
      given.add(arg);
      return v;
    };
    if (arg === "--files") o.files = num();
    else if (arg === "--cleanup-files") o.cleanupFiles = num();
    else if (arg === "--cleanup-refs") o.cleanupRefs = num();
    else if (arg === "--runs") o.runs = num();
    else if (arg === "--eslint-runs") o.eslintRuns = num();
    else if (arg === "--seed") o.seed = num();
    else if (arg === "--only") o.only = new Set((argv[++i] ?? "").split(",").filter(Boolean));
    else if (arg === "--profile") o.profile = true;
    else if (arg === "--quick") o.quick = true;
    else if (arg === "--write") write = true;
    else if (arg === "--no-write") write = false;
    else if (arg === "--tree") o.trees.push({ dir: argv[++i] ?? "", config: undefined, label: undefined });
    else if (arg === "--config" || arg === "--label") {
      const tree = o.trees[o.trees.length - 1];
      if (!tree) throw new Error(`${arg} belongs to the --tree before it`);
      if (arg === "--config") tree.config = argv[++i];
      else tree.label = argv[++i];
    }
    else throw new Error(`Unknown option ${arg}; the options are listed at the top of bench/run.ts`);
  }
  if (o.quick) {
    if (!given.has("--files")) o.files = 400;
    if (!given.has("--cleanup-files")) o.cleanupFiles = 400;
    if (!given.has("--cleanup-refs")) o.cleanupRefs = 10;
    if (!given.has("--runs")) o.runs = 1;
    if (!given.has("--eslint-runs")) o.eslintRuns = 1;
  }
  o.write = write ?? !o.quick;
  return o;
}


/** `BENCH_NO_GNU_TIME=1` forces the maxRSS wrapper, to test the path machines without GNU time take. */
const hasTime = existsSync(TIME) && !process.env.BENCH_NO_GNU_TIME;

/**
 * Runs a command to completion; wall time by the parent, peak RSS and CPU time by GNU time when present
 * (else peak RSS by a maxRSS wrapper, for node commands with `withMemory`).
 */
function measure(command: string, args: string[], cwd: string, withMemory: boolean): Measured {
  const rssFile = join(BENCH_DIR, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  let cmd = command;
  let argv = args;
  if (hasTime) {
    cmd = TIME;
    argv = ["-f", "%U %S %M", "-o", rssFile, command, ...args];
  } else if (withMemory && command === process.execPath) {
    argv = [join(DIST, "bench", "maxrss.js"), rssFile, ...args];
  }
  const started = performance.now();
  const result: SpawnSyncReturns<string> = spawnSync(cmd, argv, {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    // Not a pipe: ripgrep searches stdin instead of the directory when stdin is readable.
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ms = performance.now() - started;
  let mb: number | undefined;
  let cpuMs: number | undefined;
  if (existsSync(rssFile)) {
    // GNU time prints "Command exited with non-zero status N" before the format line.
    const fields = (readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "").split(" ").map(Number);
    const kb = fields[fields.length - 1];
    if (kb !== undefined && Number.isFinite(kb)) mb = kb / 1024;
    if (fields.length === 3 && fields.every(Number.isFinite)) cpuMs = ((fields[0] as number) + (fields[1] as number)) * 1000;
  }
  return { ms, mb, cpuMs, status: result.status, stdout: result.stdout ?? "", stderr: (result.stderr ?? "") + (result.error ? String(result.error) : "") };
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const firstLine = (text: string) => text.trim().split("\n").find((l) => l.trim() !== "")?.trim().slice(0, 300) ?? "(no output)";
const log = (text: string) => process.stderr.write(`${text}\n`);

function sh(command: string, args: string[]): string | undefined {
  const r = spawnSync(command, args, { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** ripgrep's version, installing it from Debian when missing. */
function ensureRipgrep(notes: string[]): string | undefined {
  let version = sh("rg", ["--version"]);
  if (version) return version.split("\n")[0];
  log("ripgrep (rg) is not installed: installing it with `apt-get install -y ripgrep` ...");
  const install = () => spawnSync("apt-get", ["install", "-y", "-q", "ripgrep"], { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  let r = install();
  if (r.status !== 0) {
    spawnSync("apt-get", ["update", "-q"], { encoding: "utf8" });
    r = install();
  }
  version = sh("rg", ["--version"]);
  if (!version) {
    notes.push(`ripgrep was missing and \`apt-get install -y ripgrep\` failed: ${firstLine(r.stderr ?? "")}`);
    return undefined;
  }
  notes.push("ripgrep was missing: the bench installed it with `apt-get install -y ripgrep`.");
  return version.split("\n")[0];
}

function tree(files: number, seed: number, cleanupRefs: number): MonorepoManifest {
  const options: MonorepoOptions = { ...DEFAULT_MONOREPO_OPTIONS, files, seed, cleanupRefs };
  const started = performance.now();
  const { manifest, reused } = generateMonorepo(BENCH_DIR, options);
  log(
    `${reused ? "Reusing" : "Generated"} ${manifest.root.replace(REPO + "/", "")}: ${manifest.sourceFiles} files, ` +
      `${manifest.lines} lines${reused ? "" : ` in ${sec(performance.now() - started)}`}`,
  );
  return manifest;
}

function describeTree(m: MonorepoManifest): string {
  return (
    `${m.sourceFiles.toLocaleString("en")} TS/TSX files, ${m.lines.toLocaleString("en")} lines, ${(m.bytes / 1e6).toFixed(1)} MB; ` +
    `${m.flagFiles.length} files (${((100 * m.flagFiles.length) / m.sourceFiles).toFixed(1)}%) check flags, ` +
    `${m.accessorMentionsWithoutCheck} more mention an accessor without checking a flag; seed ${m.options.seed}`
  );
}

const SCAN_ARGS = [BIN, "--format", "json", "--output", "/dev/null"];

// ---- scan (issue 2) -------------------------------------------------------------------------------

function benchScan(o: Options, rgVersion: string | undefined, out: string[], summary: string[], notes: string[]): void {
  out.push("## Scan (issue 2)", "");
  const m = tree(o.files, o.seed, o.cleanupRefs);
  out.push(`Tree: ${describeTree(m)}.`, "");
  const rgArgs = ["-l", ...ACCESSOR_NAMES.flatMap((name) => ["-e", name])];
  const rgCommand = `rg ${rgArgs.join(" ")}`;

  const scanReady = existsSync(join(DIST, "src", "cli", "main.js"));
  // The warm-up doubles as a correctness check: which files did the scan find references in?
  const resultFile = join(BENCH_DIR, "scan-result.json");
  rmSync(resultFile, { force: true });
  const warm = scanReady ? measure(process.execPath, [BIN, "--format", "json", "--output", resultFile], m.root, true) : undefined;
  const scanSkip = !scanReady
    ? "dist/src/cli/main.js is not in the build (src/cli/main.ts has not landed)"
    : warm && warm.status !== 0 && warm.status !== 1
      ? `the scan exited with ${warm.status}: ${firstLine(warm.stderr || warm.stdout)}`
      : undefined;
  if (rgVersion) measure("rg", rgArgs, m.root, false);

  const scans: Measured[] = [];
  const rgs: Measured[] = [];
  const nodes: Measured[] = [];
  for (let i = 0; i < o.runs; i++) {
    log(`scan run ${i + 1}/${o.runs}`);
    if (!scanSkip) scans.push(measure(process.execPath, SCAN_ARGS, m.root, true));
    if (rgVersion) rgs.push(measure("rg", rgArgs, m.root, false));
    nodes.push(measure(process.execPath, ["-e", "0"], m.root, false));
  }
  const rgMs = rgVersion ? median(rgs.map((r) => r.ms)) : undefined;
  const rgFiles = rgVersion ? (rgs[0]?.stdout.trim().split("\n").filter(Boolean).length ?? 0) : undefined;

  const cpu = (runs: Measured[]) => {
    const v = runs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
    return v.length ? median(v) : undefined;
  };
  const row = (label: string, runs: Measured[]) =>
    `| ${label} | ${sec(median(runs.map((r) => r.ms)))} | ${cpu(runs) === undefined ? "n/a" : sec(cpu(runs) as number)} | ${runs.map((r) => r.ms.toFixed(0)).join(", ")} ms |`;
  out.push("| measurement | median wall | median CPU (user+sys) | runs (wall) |", "|---|---:|---:|---|");
  out.push(row("`node -e 0` (start-up floor)", nodes));
  if (rgVersion && rgMs !== undefined) out.push(row(`\`${rgCommand}\` (${rgFiles} files match)`, rgs));
  else out.push("| ripgrep | skipped: rg is not available | | |");
  if (scanSkip) {
    out.push(`| flag-scan | skipped: ${scanSkip} | | |`, "");
    summary.push(`| scan: wall time vs ripgrep | skipped: ${scanSkip} | within ${TARGETS.scanVsRg}x | |`);
    return;
  }
  const scanMs = median(scans.map((r) => r.ms));
  const peak = scans.map((r) => r.mb).filter((v): v is number => v !== undefined);
  const peakMb = peak.length > 0 ? max(peak) : undefined;
  const failed = scans.filter((r) => r.status !== 0 && r.status !== 1);
  out.push(row("`node bin/flag-scan.js --format json --output /dev/null`", scans));
  out.push("");
  const linesPerSec = m.lines / (scanMs / 1000);
  out.push(`- Scan throughput: ${Math.round(linesPerSec).toLocaleString("en")} lines/s; peak RSS ${peakMb === undefined ? "not measured" : `${peakMb.toFixed(0)} MB (max of runs: ${peak.map((v) => v.toFixed(0)).join(", ")})`}.`);
  if (failed.length > 0) out.push(`- ${failed.length} run(s) failed: ${firstLine(failed[0]?.stderr ?? "")}`);

  // Recall check at file level against what the generator planted.
  if (existsSync(resultFile)) {
    try {
      const result = JSON.parse(readFileSync(resultFile, "utf8")) as { references?: Array<{ file: string; flag?: string }>; findings?: Array<{ rule: string }>; errors?: unknown[] };
      const refs = result.references ?? [];
      const found = new Set(refs.map((r) => r.file));
      const planted = new Set(m.flagFiles);
      const missed = [...planted].filter((f) => !found.has(f));
      const extra = [...found].filter((f) => !planted.has(f));
      const rules: Record<string, number> = {};
      for (const f of result.findings ?? []) rules[f.rule] = (rules[f.rule] ?? 0) + 1;
      out.push(
        `- Correctness check (warm-up run): ${refs.length} references in ${found.size} files; the generator planted checks in ${planted.size} files ` +
          `(missed ${missed.length}${missed.length ? `, e.g. \`${missed[0]}\`` : ""}; unexpected ${extra.length}${extra.length ? `, e.g. \`${extra[0]}\`` : ""}); ` +
          `findings by rule: ${Object.entries(rules).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}; errors: ${result.errors?.length ?? 0}.`,
      );
    } catch (error) {
      out.push(`- Correctness check: could not read the JSON result (${String(error).slice(0, 200)}).`);
    }
  }
  out.push("");
  if (rgMs !== undefined) {
    const ratio = scanMs / rgMs;
    summary.push(`| scan: wall time vs ripgrep | ${sec(scanMs)} vs ${sec(rgMs)} = **${ratio.toFixed(1)}x** | within ${TARGETS.scanVsRg}x | ${ratio <= TARGETS.scanVsRg ? "met" : "**missed**"} |`);
  } else {
    summary.push(`| scan: wall time | ${sec(scanMs)} (ripgrep unavailable) | within ${TARGETS.scanVsRg}x rg | unknown |`);
  }
  const scanCpu = cpu(scans);
  const rgCpu = cpu(rgs);
  if (scanCpu !== undefined && rgCpu !== undefined && rgCpu > 0) {
    summary.push(`| scan: CPU time vs ripgrep (less load-sensitive) | ${sec(scanCpu)} vs ${sec(rgCpu)} = ${(scanCpu / rgCpu).toFixed(1)}x | | |`);
  }
  summary.push(`| scan: throughput | ${Math.round(linesPerSec).toLocaleString("en")} lines/s | | |`);
  if (peakMb !== undefined) summary.push(`| scan: peak RSS | ${peakMb.toFixed(0)} MB | under ${TARGETS.scanMB} MB | ${peakMb < TARGETS.scanMB ? "met" : "**missed**"} |`);
  phasesOfScan(m, Math.min(3, o.runs), scanMs, median(nodes.map((r) => r.ms)), out);
  if (o.profile) profileCommand("the scan", SCAN_ARGS, m.root, out, notes);
}

/** In-process phase timings (bench/scan-phases.ts), medians over fresh processes. */
function phasesOfScan(m: MonorepoManifest, runs: number, scanMs: number, nodeMs: number, out: string[]): void {
  const results: ScanPhases[] = [];
  let failure = "";
  for (let i = 0; i < runs; i++) {
    const r = measure(process.execPath, [join(DIST, "bench", "scan-phases.js"), m.root], m.root, false);
    try {
      results.push(JSON.parse(r.stdout.trim().split("\n").pop() ?? "") as ScanPhases);
    } catch {
      failure = `exit ${r.status}: ${firstLine(r.stderr)}`;
    }
  }
  out.push(`### Scan phases (in-process, median of ${runs} fresh processes)`, "");
  const first = results[0];
  if (!first) {
    out.push(`skipped: bench/scan-phases.js failed (${failure}); the core's internal modules may have moved.`, "");
    return;
  }
  out.push("| phase | wall ms | CPU ms |", "|---|---:|---:|", `| Node start-up (\`node -e 0\`, from the table above) | ${nodeMs.toFixed(0)} | |`);
  let accounted = nodeMs;
  first.phases.forEach((phase, i) => {
    const ms = median(results.map((r) => r.phases[i]?.ms ?? 0));
    const cpuMs = median(results.map((r) => r.phases[i]?.cpuMs ?? 0));
    out.push(`| ${phase.phase} | ${ms.toFixed(0)} | ${cpuMs.toFixed(0)} |`);
    if (!phase.phase.startsWith("floor") && !phase.phase.startsWith("discover")) accounted += ms;
  });
  out.push(`| rest of the CLI run: rules, engine, JSON report, exit (scan median minus the phases it runs) | ${Math.max(0, scanMs - accounted).toFixed(0)} | |`);
  out.push(
    "",
    `- ${first.filesDiscovered} files discovered, ${first.candidates} contain an accessor name; scan stats: \`${JSON.stringify(first.stats)}\`. ` +
      "The discovery and floor rows are measured separately and are also part of `scanProject`.",
    "",
  );
}

function profileCommand(label: string, args: string[], cwd: string, out: string[], notes: string[]): void {
  const dir = join(BENCH_DIR, "profiles", label.replace(/\W+/g, "-").replace(/^-|-$/g, ""));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = measure(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, ...args], cwd, false);
  const profiles = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).sort();
  out.push(`### Where ${label}'s time goes (\`node --cpu-prof\`, one run)`, "");
  out.push(`Profiled run: ${sec(r.ms)} wall, exit ${r.status}; ${profiles.length} profile(s) (one per thread) in \`${dir.replace(REPO + "/", "")}/\`.`, "");
  for (const file of profiles) {
    out.push(`#### ${file}`, "", formatProfileSummary(summarizeProfile(join(dir, file)), { areas: 8, functions: 8 }), "");
  }
  if (profiles.length === 0) notes.push(`--profile produced no .cpuprofile: ${firstLine(r.stderr)}`);
}

// ---- cleanup (issue 3) ----------------------------------------------------------------------------

function cleanupImplemented(): string | undefined {
  const dir = join(DIST, "src", "cleanup");
  if (!existsSync(dir)) return "dist/src/cleanup is not in the build";
  if (!existsSync(join(DIST, "src", "cli", "main.js"))) return "dist/src/cli/main.js is not in the build (no CLI to run `cleanup` with)";
  return undefined;
}

function benchCleanup(o: Options, out: string[], summary: string[]): void {
  out.push("## Cleanup (issue 3)", "");
  const m = tree(o.cleanupFiles, o.seed, o.cleanupRefs);
  out.push(`Tree: ${describeTree(m)}; \`${CLEANUP_FLAG.slug}\` is referenced in ${m.cleanupFiles.length} files and defined in the enum registry.`, "");
  const command = ["cleanup", CLEANUP_FLAG.slug, "--value", "on"];
  const shallowCommand = [...command, "--shallow"];
  out.push(
    `Command: \`node bin/flag-scan.js ${command.join(" ")}\` (deep, the default) and the same with \`--shallow\`, alternating, on a fresh copy of the tree each run (the copy is not timed).`,
    "",
  );
  const notReady = cleanupImplemented();
  const work = join(BENCH_DIR, "cleanup-work");
  const runOnce = (args: string[]) => {
    rmSync(work, { recursive: true, force: true });
    cpSync(m.root, work, { recursive: true });
    // The generator's marker is not part of the tree: a cleanup refuses a work tree with uncommitted files.
    rmSync(join(work, ".complete.json"), { force: true });
    return measure(process.execPath, [BIN, ...args], work, true);
  };
  let skip = notReady;
  const runs: Measured[] = [];
  const shallowRuns: Measured[] = [];
  if (!skip) {
    const warm = runOnce(command);
    if (warm.status !== 0 && warm.status !== 1) skip = `\`cleanup\` exited with ${warm.status}: ${firstLine(warm.stderr || warm.stdout)}`;
  }
  let check: { changed: number; left: string[] } | undefined;
  if (!skip) {
    // Alternating, so that the machine's load hits both alike; the deep run goes last to leave its tree for the check.
    for (let i = 0; i < o.runs; i++) {
      log(`cleanup run ${i + 1}/${o.runs} (shallow, then deep)`);
      shallowRuns.push(runOnce(shallowCommand));
      runs.push(runOnce(command));
    }
    check = compareTrees(m, work);
    if (check.changed === 0) skip = `\`cleanup\` ran but changed no file: ${firstLine(runs[0]?.stderr || runs[0]?.stdout || "")}`;
  }
  if (skip) {
    out.push(`skipped: ${skip}`, "");
    summary.push(`| cleanup: one flag in ${m.cleanupFiles.length} files | skipped: ${skip} | under ${TARGETS.cleanupS} s | |`);
    return;
  }
  const ms = median(runs.map((r) => r.ms));
  const cpuOf = (list: Measured[]) => {
    const values = list.map((r) => r.cpuMs).filter((v): v is number => v !== undefined);
    return values.length ? median(values) : undefined;
  };
  const row = (args: string[], list: Measured[]) => {
    const peak = list.map((r) => r.mb).filter((v): v is number => v !== undefined);
    const cpu = cpuOf(list);
    return `| \`flag-scan ${args.join(" ")}\` | ${sec(median(list.map((r) => r.ms)))} | ${cpu === undefined ? "n/a" : sec(cpu)} | ${list.map((r) => r.ms.toFixed(0)).join(", ")} ms | ${peak.length ? `${max(peak).toFixed(0)} MB` : "n/a"} |`;
  };
  out.push("| measurement | median wall | median CPU (user+sys) | runs (wall) | peak RSS |", "|---|---:|---:|---|---:|", row(shallowCommand, shallowRuns), row(command, runs), "");
  const shallowMs = median(shallowRuns.map((r) => r.ms));
  const deepCpu = cpuOf(runs);
  const shallowCpu = cpuOf(shallowRuns);
  const c = check as { changed: number; left: string[] };
  out.push(
    `- Deep over shallow: wall ${(ms / shallowMs).toFixed(2)}x${deepCpu !== undefined && shallowCpu !== undefined ? `, CPU ${(deepCpu / shallowCpu).toFixed(2)}x` : ""} (target: within ${TARGETS.deepOverShallow}x).`,
    `- Last run: exit ${runs[runs.length - 1]?.status}; ${c.changed} files changed (${m.cleanupFiles.length} reference the flag, plus the registry); ` +
      `${c.left.length} files still mention \`${CLEANUP_FLAG.slug}\` or \`${CLEANUP_FLAG.member}\`${c.left.length ? ` (e.g. \`${c.left[0]}\`)` : ""}.`,
    "",
  );
  if (o.profile) {
    rmSync(work, { recursive: true, force: true });
    cpSync(m.root, work, { recursive: true });
    rmSync(join(work, ".complete.json"), { force: true });
    profileCommand("the cleanup", [BIN, ...command], work, out, []);
  }
  summary.push(`| cleanup: one flag in ${m.cleanupFiles.length} files, ${m.sourceFiles} in tree | **${sec(ms)}** | under ${TARGETS.cleanupS} s | ${ms < TARGETS.cleanupS * 1000 ? "met" : "**missed**"} |`);
  const ratio = deepCpu !== undefined && shallowCpu !== undefined ? deepCpu / shallowCpu : ms / shallowMs;
  summary.push(
    `| cleanup: deep over \`--shallow\`, ${deepCpu !== undefined ? "CPU" : "wall"} (same run) | ${sec(deepCpu ?? ms)} vs ${sec(shallowCpu ?? shallowMs)} = **${ratio.toFixed(2)}x** | within ${TARGETS.deepOverShallow}x | ${ratio <= TARGETS.deepOverShallow ? "met" : "**missed**"} |`,
  );
}

/** Files changed by the cleanup, and files that still mention the flag. */
function compareTrees(m: MonorepoManifest, work: string): { changed: number; left: string[] } {
  let changed = 0;
  const left: string[] = [];
  for (const file of m.files) {
    const after = existsSync(join(work, file)) ? readFileSync(join(work, file), "utf8") : undefined;
    const before = readFileSync(join(m.root, file), "utf8");
    if (after !== before) changed++;
    if (after !== undefined && (after.includes(CLEANUP_FLAG.slug) || after.includes(`.${CLEANUP_FLAG.member}`))) left.push(file);
  }
  return { changed, left };
}

// ---- ESLint (issue 4) -----------------------------------------------------------------------------

async function eslintPluginStatus(): Promise<string | undefined> {
  const entry = join(DIST, "src", "eslint", "index.js");
  if (!existsSync(entry)) return "dist/src/eslint/index.js is not in the build (src/eslint has not landed)";
  try {
    const mod = (await import(entry)) as { default?: { configs?: { recommended?: unknown } } };
    if (!mod.default?.configs?.recommended) return "dist/src/eslint/index.js has no default export with configs.recommended";
  } catch (error) {
    return `importing dist/src/eslint/index.js failed: ${firstLine(String(error))}`;
  }
  return undefined;
}

function runWorker(request: object, cwd: string): { measured: Measured; result: WorkerResult | undefined } {
  const measured = measure(process.execPath, [join(DIST, "bench", "eslint-worker.js"), JSON.stringify(request)], cwd, true);
  let result: WorkerResult | undefined;
  try {
    result = JSON.parse(measured.stdout.trim().split("\n").pop() ?? "") as WorkerResult;
  } catch {
    result = undefined;
  }
  return { measured, result };
}

async function benchEslint(o: Options, out: string[], summary: string[]): Promise<void> {
  out.push("## ESLint plugin (issue 4)", "");
  const m = tree(o.files, o.seed, o.cleanupRefs);
  const plugin = join(DIST, "src", "eslint", "index.js");
  const skip = await eslintPluginStatus();
  if (skip) {
    out.push(`skipped: ${skip}`, "");
    summary.push(`| ESLint: plugin overhead | skipped: ${skip} | at most +${TARGETS.eslintOverhead * 100}% | |`);
    return;
  }
  out.push(
    `ESLint ${sh(process.execPath, ["-p", "require('eslint/package.json').version"]) ?? "?"} with @typescript-eslint/parser on the scan tree (${m.sourceFiles} files), ` +
      "in-process API (`new ESLint({ overrideConfig })`, no cache, one thread), each run a fresh process. " +
      "Three variants, interleaved: the parser and no rules at all; the parser and one core rule (`no-debugger`); " +
      "the parser, `no-debugger` and `[flagScan.configs.recommended]` from `dist/src/eslint/index.js`. " +
      "ESLint skips its AST traversal and code-path analysis when no rule is on, which no real setup does, so the plugin's " +
      "overhead is measured against the one-rule run: it is what adding the plugin to an ESLint setup costs.",
    "",
  );
  const ONE_RULE = { "no-debugger": "error" };
  const bare: Measured[] = [];
  const base: Measured[] = [];
  const withPlugin: Measured[] = [];
  let pluginResult: WorkerResult | undefined;
  let baseResult: WorkerResult | undefined;
  let bareResult: WorkerResult | undefined;
  for (let i = 0; i < o.eslintRuns; i++) {
    log(`eslint run ${i + 1}/${o.eslintRuns}`);
    const n = runWorker({ cwd: m.root, plugin: null, patterns: ["."] }, m.root);
    const b = runWorker({ cwd: m.root, plugin: null, rules: ONE_RULE, patterns: ["."] }, m.root);
    const p = runWorker({ cwd: m.root, plugin, rules: ONE_RULE, patterns: ["."] }, m.root);
    const failed = [n, b, p].find((run) => !run.result);
    if (failed) {
      const reason = `the ESLint worker failed (exit ${failed.measured.status}): ${firstLine(failed.measured.stderr)}`;
      out.push(`skipped: ${reason}`, "");
      summary.push(`| ESLint: plugin overhead | skipped: ${reason} | at most +${TARGETS.eslintOverhead * 100}% | |`);
      return;
    }
    bare.push(n.measured);
    base.push(b.measured);
    withPlugin.push(p.measured);
    bareResult = n.result;
    baseResult = b.result;
    pluginResult = p.result;
  }
  const bareMs = median(bare.map((r) => r.ms));
  const baseMs = median(base.map((r) => r.ms));
  const pluginMs = median(withPlugin.map((r) => r.ms));
  const overhead = pluginMs / baseMs - 1;
  const mb = (runs: Measured[]) => {
    const v = runs.map((r) => r.mb).filter((x): x is number => x !== undefined);
    return v.length ? `${max(v).toFixed(0)} MB` : "n/a";
  };
  const cpuOf = (runs: Measured[]) => {
    const v = runs.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
    return v.length ? median(v) : undefined;
  };
  const bareCpu = cpuOf(bare);
  const baseCpu = cpuOf(base);
  const pluginCpu = cpuOf(withPlugin);
  const cpuOverhead = baseCpu !== undefined && pluginCpu !== undefined ? pluginCpu / baseCpu - 1 : undefined;
  const pct = (x: number) => `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}%`;
  out.push("| ESLint on the whole tree | median wall | median CPU | runs (wall) | peak RSS | files | messages |", "|---|---:|---:|---|---:|---:|---|");
  const msgs = (r: WorkerResult | undefined) => Object.entries(r?.messagesByRule ?? {}).map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
  const cpuCell = (v: number | undefined) => (v === undefined ? "n/a" : sec(v));
  const row = (name: string, ms: number, cpu: number | undefined, runs: Measured[], result: WorkerResult | undefined) =>
    `| ${name} | ${sec(ms)} | ${cpuCell(cpu)} | ${runs.map((r) => r.ms.toFixed(0)).join(", ")} ms | ${mb(runs)} | ${result?.files} | ${msgs(result)} |`;
  out.push(row("parser, no rules", bareMs, bareCpu, bare, bareResult));
  out.push(row("parser + `no-debugger`", baseMs, baseCpu, base, baseResult));
  out.push(row("parser + `no-debugger` + flag-scan recommended", pluginMs, pluginCpu, withPlugin, pluginResult));
  out.push(
    "",
    `- Plugin overhead over the one-rule run: **${pct(overhead)}** wall${cpuOverhead === undefined ? "" : `, ${pct(cpuOverhead)} CPU`} (target at most +${TARGETS.eslintOverhead * 100}%).`,
    `- Over the run with no rules at all (no traversal): ${pct(pluginMs / bareMs - 1)} wall${bareCpu !== undefined && pluginCpu !== undefined ? `, ${pct(pluginCpu / bareCpu - 1)} CPU` : ""}; turning one core rule on costs ${pct(baseMs / bareMs - 1)} wall by itself.`,
  );

  // First file of a session: a flag-checking file, then a second one on the same ESLint instance.
  const [first, second] = m.flagFiles.filter((f) => f.endsWith(".tsx"));
  const firstRuns = Math.max(3, o.runs);
  const fb: number[] = [];
  const fp: number[] = [];
  const sp: number[] = [];
  for (let i = 0; i < firstRuns; i++) {
    const b = runWorker({ cwd: m.root, plugin: null, firstFiles: [first, second] }, m.root).result;
    const p = runWorker({ cwd: m.root, plugin, firstFiles: [first, second] }, m.root).result;
    if (b?.fileMs[0] !== undefined) fb.push(b.fileMs[0]);
    if (p?.fileMs[0] !== undefined) fp.push(p.fileMs[0]);
    if (p?.fileMs[1] !== undefined) sp.push(p.fileMs[1]);
  }
  if (fb.length && fp.length) {
    const extra = median(fp) - median(fb);
    out.push(
      `- First file of a session (\`${first}\`, eslint already imported, median of ${firstRuns}): ${median(fb).toFixed(0)} ms without the plugin, ` +
        `${median(fp).toFixed(0)} ms with it (plugin import + flag-scan config and registry load: +${extra.toFixed(0)} ms); ` +
        `the next file with the plugin: ${sp.length ? `${median(sp).toFixed(0)} ms` : "n/a"}.`,
    );
    summary.push(`| ESLint: first file with the plugin | ${median(fp).toFixed(0)} ms (+${extra.toFixed(0)} ms for the config load) | paid once | |`);
  }
  out.push("");
  if (o.profile) {
    // One package, not the whole tree: a profiled whole-tree ESLint run takes minutes.
    const pkg = m.files[0]?.split("/").slice(0, 2).join("/") ?? "packages";
    out.push(`Profile of ESLint with the plugin on \`${pkg}\` only (${m.files.filter((f) => f.startsWith(pkg + "/")).length} files):`, "");
    profileCommand("eslint-with-plugin", [join(DIST, "bench", "eslint-worker.js"), JSON.stringify({ cwd: m.root, plugin, patterns: [pkg] })], m.root, out, []);
  }
  summary.push(`| ESLint: plugin overhead on ${m.sourceFiles} files (over ESLint with one core rule) | ${sec(baseMs)} -> ${sec(pluginMs)} = **${pct(overhead)}** | at most +${TARGETS.eslintOverhead * 100}% | ${overhead <= TARGETS.eslintOverhead ? "met" : "**missed**"} |`);
  summary.push(`| ESLint: the same over ESLint with no rules (which skips traversal) | ${sec(bareMs)} -> ${sec(pluginMs)} = ${pct(pluginMs / bareMs - 1)} | | |`);
  if (cpuOverhead !== undefined && baseCpu !== undefined && pluginCpu !== undefined) {
    summary.push(`| ESLint: plugin overhead, CPU time (less load-sensitive) | ${sec(baseCpu)} -> ${sec(pluginCpu)} = ${pct(cpuOverhead)} | at most +${TARGETS.eslintOverhead * 100}% | ${cpuOverhead <= TARGETS.eslintOverhead ? "met" : "**missed**"} |`);
  }
}

// ---- report ---------------------------------------------------------------------------------------

const loadAtStart = loadavg()[0] ?? 0;

function machine(rgVersion: string | undefined): string[] {
  const commit = sh("git", ["-C", REPO, "rev-parse", "--short", "HEAD"]);
  const dirty = sh("git", ["-C", REPO, "status", "--porcelain", "--untracked-files=no", "--", "src", "rules", "bin"]);
  return [
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`,
    `- Machine: ${sh("nproc", []) ?? cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform}`,
    `- Node ${process.version}; ${rgVersion ?? "ripgrep not available"}; peak RSS by ${hasTime ? "`/usr/bin/time -f %M`" : "`process.resourceUsage().maxRSS` in a wrapper"}`,
    `- Load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${(loadavg()[0] ?? 0).toFixed(1)}, on ${cpus().length} cores (other engineers' tests share the machine)`,
    `- flag-scan at commit ${commit ?? "?"}${dirty ? " (with uncommitted changes in src/rules/bin)" : ""}`,
  ];
}

/** The hand-written reading of the numbers (bench/ANALYSIS.md), kept across regenerations of BENCHMARKS.md. */
function analysis(): string[] {
  const file = join(REPO, "bench", "ANALYSIS.md");
  return existsSync(file) ? [readFileSync(file, "utf8").trimEnd(), ""] : [];
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  mkdirSync(BENCH_DIR, { recursive: true });
  const notes: string[] = [];
  const rgVersion = o.only.has("scan") ? ensureRipgrep(notes) : sh("rg", ["--version"])?.split("\n")[0];
  const viaNpm = process.env.npm_lifecycle_event === "bench";
  const args = process.argv.slice(2).join(" ");
  const command = viaNpm ? `npm run bench${args ? ` -- ${args}` : ""}` : `node dist/bench/run.js${args ? ` ${args}` : ""}`;

  if (o.trees.length > 0) {
    await mainTrees(o, rgVersion, command);
    return;
  }
  const sections: string[] = [];
  const summary: string[] = ["| benchmark | measured (median) | target | result |", "|---|---|---|---|"];
  if (o.only.has("scan")) benchScan(o, rgVersion, sections, summary, notes);
  if (o.only.has("cleanup")) benchCleanup(o, sections, summary);
  if (o.only.has("eslint")) await benchEslint(o, sections, summary);
  if (o.only.has("scaling")) {
    const section = benchScaling({ dir: BENCH_DIR, bin: BIN, runs: o.quick ? 1 : 3, log });
    section.splice(2, 0, `Command: \`${command}\``, "", ...machine(rgVersion), "");
    // Between markers, so a later regeneration of the synthetic part keeps it (keptTreeSections).
    section.unshift(SCALING_MARKERS[0]);
    section.push(SCALING_MARKERS[1], "");
    if (o.only.size === 1) {
      process.stdout.write(section.join("\n") + "\n");
      const file = join(REPO, "BENCHMARKS.md");
      if (o.write) writeFileSync(file, replaceMarked(existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n", SCALING_MARKERS, section.join("\n")));
      return;
    }
    sections.push(...section);
  }

  const report = [
    "# Benchmarks",
    "",
    "Generated by `npm run bench` (bench/run.ts) on a synthetic monorepo from bench/generate-monorepo.ts. " +
      "Whole processes, wall time, median of the timed runs after a warm-up; scan and ripgrep runs interleaved. " +
      "The machine is shared: absolute times drift by 15% or more, ratios measured in the same run are the stable numbers.",
    "",
    `Command: \`${command}\``,
    "",
    ...machine(rgVersion),
    "",
    "## Summary",
    "",
    ...summary,
    "",
    ...sections,
    ...(notes.length ? ["## Notes", "", ...notes.map((n) => `- ${n}`), ""] : []),
    ...analysis(),
    ...keptTreeSections(o.only.has("scaling") ? ["scaling"] : []),
  ].join("\n");
  process.stdout.write(report + "\n");
  if (o.write) {
    writeFileSync(join(REPO, "BENCHMARKS.md"), report);
    log("Wrote BENCHMARKS.md");
  }
}

/**
 * The sections of the current BENCHMARKS.md that other commands write between markers (`--tree`,
 * bench/real-growth.ts, `--only scaling`), kept when the synthetic part is regenerated; `except`, the
 * marker kinds regenerated now.
 */
function keptTreeSections(except: readonly string[] = []): string[] {
  const file = join(REPO, "BENCHMARKS.md");
  if (!existsSync(file)) return [];
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/<!-- bench-(tree|growth|scaling):([^ ]+) -->[\s\S]*?<!-- \/bench-\1:\2 -->/g)].filter((m) => !except.includes(m[1]!)).map((m) => m[0] + "\n");
}

const SCALING_MARKERS = ["<!-- bench-scaling:issue-18 -->", "<!-- /bench-scaling:issue-18 -->"] as const;

/** `markdown` with the block between `markers` replaced by `block`, or, without one, the old unmarked section under its heading. */
function replaceMarked(markdown: string, markers: readonly [string, string], block: string): string {
  const at = markdown.indexOf(markers[0]);
  const end = markdown.indexOf(markers[1]);
  if (at !== -1 && end !== -1) return markdown.slice(0, at) + block.trimEnd() + markdown.slice(end + markers[1].length);
  return replaceSection(markdown, SCALING_HEADING, block.trimEnd().split("\n"));
}

/** `--tree`: each tree's section, with its own machine lines and summary, replaces its old one in BENCHMARKS.md. */
async function mainTrees(o: Options, rgVersion: string | undefined, command: string): Promise<void> {
  if (!rgVersion) throw new Error("--tree needs ripgrep (rg) for its ratios");
  const kit = { repo: REPO, benchDir: BENCH_DIR, dist: DIST, bin: BIN, runs: o.runs, eslintRuns: o.eslintRuns, only: o.only, measure, log };
  for (const request of o.trees) {
    const { name, section, summary } = await benchTree(request, kit);
    const [open, close] = sectionMarkers(name);
    const block = [
      open,
      section[0] as string,
      "",
      `Command: \`${command}\``,
      "",
      ...machine(rgVersion),
      "",
      "| benchmark | measured (median) | target | result |",
      "|---|---|---|---|",
      ...summary,
      "",
      ...section.slice(2),
      close,
      "",
    ].join("\n");
    process.stdout.write(block + "\n");
    if (!o.write) continue;
    const file = join(REPO, "BENCHMARKS.md");
    const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
    const at = text.indexOf(open);
    const end = text.indexOf(close);
    const next = at !== -1 && end !== -1 ? text.slice(0, at) + block.trimEnd() + text.slice(end + close.length) : `${text.trimEnd()}\n\n${block}`;
    writeFileSync(file, next);
    log(`Wrote the ${name} section of BENCHMARKS.md`);
  }
  if (o.only.has("growth")) for (const request of o.trees) benchGrowth(request, o);
}

/**
 * `--only growth` with `--tree`: the tree's scanned directory at 1x, 2x and 4x (bench/real-growth.ts), in
 * its own section of BENCHMARKS.md. A config must `include` one `dir/**` for the copies to stay apart.
 */
function benchGrowth(request: TreeRequest, o: Options): void {
  if (!request.config) {
    log(`growth skipped for ${request.dir}: it needs --config with one include "dir/**"`);
    return;
  }
  const label = request.label ?? request.dir.split(/[\\/]/).filter(Boolean).pop() ?? request.dir;
  log(`${label}: growth at 1x, 2x, 4x`);
  const args = [join(DIST, "bench", "real-growth.js"), "--tree", request.dir, "--config", request.config, "--label", label, "--runs", String(o.runs), "--factors", "1,2,4", ...(o.write ? ["--write"] : [])];
  const result = spawnSync(process.execPath, args, { cwd: REPO, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  if (result.status !== 0) log(`growth failed for ${label} (exit ${result.status})`);
  else process.stdout.write(result.stdout);
}

await main();
