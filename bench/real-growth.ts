/**
 * Growth on a real tree (issue 16, deliver 7): the tree's scanned directory copied 1x, 2x, 4x ... times
 * side by side (`src`, `src/__copy2`, ...: relative imports stay inside each copy), then one cold
 * `flag-scan --format json` per run on each size, median of `--runs`. A linear scan grows with the
 * files that mention an accessor (the ones it parses); the rest costs a read and an `indexOf`.
 *
 * Usage: `node dist/bench/real-growth.js --tree DIR --config FILE [--factors 1,2,4,20] [--runs 3] [--label L] [--write]`
 * Prints a Markdown section on stdout; with `--write` it also replaces its own block of BENCHMARKS.md
 * (between `<!-- bench-growth:… -->` markers, which `npm run bench` keeps). Copies go under .bench/growth/.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface Options {
  tree: string;
  config: string;
  factors: number[];
  runs: number;
  label: string;
  write: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { tree: "", config: "", factors: [1, 2, 4], runs: 3, label: "", write: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--tree") o.tree = resolve(argv[++i] ?? "");
    else if (arg === "--config") o.config = resolve(argv[++i] ?? "");
    else if (arg === "--factors") o.factors = (argv[++i] ?? "").split(",").map(Number);
    else if (arg === "--runs") o.runs = Number(argv[++i]);
    else if (arg === "--label") o.label = argv[++i] ?? "";
    else if (arg === "--write") o.write = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (!o.tree || !o.config) throw new Error("--tree DIR and --config FILE are required");
  o.label ||= basename(o.tree);
  return o;
}

const here = fileURLToPath(new URL(".", import.meta.url));
const bin = resolve(here, "../../bin/flag-scan.js");

/** The scanned directory of a config whose `include` is one `dir/**` glob. */
function scannedDirectory(config: { include?: string[] }): string {
  const include = config.include ?? [];
  const match = include.length === 1 ? /^([\w.-]+)\/\*\*$/.exec(include[0]!) : null;
  if (!match) throw new Error(`the growth bench needs a config whose include is one "dir/**" (got ${JSON.stringify(include)})`);
  return match[1]!;
}

/** The tree with its scanned directory present `factor` times: `dir` itself plus `dir/__copyN`. */
function grownTree(o: Options, factor: number): string {
  const root = resolve(here, "../../.bench/growth", `${basename(o.tree)}-${factor}x`);
  const stamp = join(root, ".complete");
  if (existsSync(stamp)) return root;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const config = JSON.parse(readFileSync(o.config, "utf8")) as { include?: string[] };
  const dir = scannedDirectory(config);
  for (const entry of readdirSync(o.tree)) {
    if (entry === ".git" || entry === "node_modules") continue;
    cpSync(join(o.tree, entry), join(root, entry), { recursive: true });
  }
  for (let copy = 2; copy <= factor; copy++) {
    const target = join(root, dir, `__copy${copy}`);
    mkdirSync(target, { recursive: true });
    for (const entry of readdirSync(join(o.tree, dir))) cpSync(join(o.tree, dir, entry), join(target, entry), { recursive: true });
  }
  writeFileSync(join(root, "flag-scan.config.json"), readFileSync(o.config));
  spawnSync("git", ["init", "-q"], { cwd: root });
  writeFileSync(stamp, "");
  return root;
}

interface Run {
  wallMs: number;
  cpuMs: number;
  mb: number;
}

function scanOnce(root: string): Run {
  const rssFile = join(root, ".rss");
  const output = join(root, ".out.json");
  const started = performance.now();
  const result = spawnSync("/usr/bin/time", ["-f", "%M %U %S", "-o", rssFile, process.execPath, bin, "--format", "json", "--output", output], { cwd: root, encoding: "utf8" });
  const wallMs = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`flag-scan failed in ${root}: ${result.stderr}`);
  const [kb, user, sys] = readFileSync(rssFile, "utf8").trim().split("\n").pop()!.split(" ").map(Number) as [number, number, number];
  return { wallMs, cpuMs: (user + sys) * 1000, mb: kb / 1024 };
}

function countOf(root: string): { files: number; lines: number; parsed: number; references: number } {
  const report = JSON.parse(readFileSync(join(root, ".out.json"), "utf8")) as {
    summary?: { filesScanned?: number; filesParsed?: number; linesScanned?: number; references?: number };
    stats?: { filesDiscovered: number; filesParsed: number; linesDiscovered: number };
    references?: unknown[];
  };
  const stats = report.stats ?? { filesDiscovered: report.summary?.filesScanned ?? 0, filesParsed: report.summary?.filesParsed ?? 0, linesDiscovered: report.summary?.linesScanned ?? 0 };
  return { files: stats.filesDiscovered, lines: stats.linesDiscovered, parsed: stats.filesParsed, references: report.references?.length ?? report.summary?.references ?? 0 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Targets of issue 16 deliver 7 (and the real-corpus memory target at 1x). */
const TARGETS = { perParsedSpread: 1.5, peakMbAt1x: 400, peakMbAt4MLines: 1000 };

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const loadAtStart = Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  const rows: string[] = [];
  const points: Point[] = [];
  let previous: { parsed: number; cpu: number } | undefined;
  for (const factor of o.factors) {
    const root = grownTree(o, factor);
    const runs: Run[] = [];
    for (let i = 0; i < o.runs; i++) runs.push(scanOnce(root));
    const counts = countOf(root);
    const cpu = median(runs.map((r) => r.cpuMs));
    const point = { parsed: counts.parsed, cpu };
    const perParsed = cpu / counts.parsed;
    rows.push(
      `| ${factor}x | ${counts.files.toLocaleString("en")} | ${counts.lines.toLocaleString("en")} | ${counts.parsed.toLocaleString("en")} | ${counts.references.toLocaleString("en")} | ` +
        `${(median(runs.map((r) => r.wallMs)) / 1000).toFixed(2)} s | ${(cpu / 1000).toFixed(2)} s | ${previous ? `${(cpu / previous.cpu).toFixed(2)}x` : ""} | ` +
        `${perParsed.toFixed(1)} ms | ${median(runs.map((r) => r.mb)).toFixed(0)} MB | ${runs.map((r) => (r.wallMs / 1000).toFixed(2)).join(", ")} |`,
    );
    previous = point;
    points.push({ factor, lines: counts.lines, parsed: counts.parsed, cpu, mb: median(runs.map((r) => r.mb)) });
    process.stderr.write(`${factor}x done\n`);
  }
  const load = readFileSync("/proc/loadavg", "utf8").split(" ")[0];
  const table = [
    `${o.label}, scanned directory copied side by side (bench/real-growth.ts, median of ${o.runs}; load average at the start ${loadAtStart}, at the end ${load}):`,
    "",
    "| size | files | lines | files parsed | references | wall | CPU | CPU x previous | CPU per parsed file | peak RSS | runs (wall) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows,
    "",
  ];
  const section = [...table, ...verdicts(points), ""];
  if (!o.write) {
    process.stdout.write(section.join("\n"));
    return;
  }
  const slug = o.label.replace(/[^\w.@-]+/g, "-");
  const markers = [`<!-- bench-growth:${slug} -->`, `<!-- /bench-growth:${slug} -->`] as const;
  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: resolve(here, "../.."), encoding: "utf8" }).stdout.trim();
  const block = [
    markers[0],
    `## Growth on a real tree: ${o.label} (issue 16, deliver 7)`,
    "",
    `Command: \`node dist/bench/real-growth.js ${process.argv.slice(2).join(" ")}\``,
    "",
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}`,
    `- Machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${process.platform}; Node ${process.version}; peak RSS by \`/usr/bin/time -f %M\``,
    `- flag-scan at commit ${commit || "?"}`,
    "",
    ...section,
    markers[1],
  ].join("\n");
  process.stdout.write(block + "\n");
  const file = resolve(here, "../../BENCHMARKS.md");
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmarks\n";
  const at = text.indexOf(markers[0]);
  const end = text.indexOf(markers[1]);
  writeFileSync(file, at !== -1 && end !== -1 ? text.slice(0, at) + block + text.slice(end + markers[1].length) : `${text.trimEnd()}\n\n${block}\n`);
}

interface Point {
  factor: number;
  lines: number;
  parsed: number;
  /** Median CPU of a cold scan, ms. */
  cpu: number;
  mb: number;
}

/**
 * What the table shows against the targets. Time is linear in the parsed files when each step up costs
 * the same CPU per added parsed file (the start-up cost, paid once, is not per file): the marginal costs
 * between consecutive sizes stay within `perParsedSpread` of each other.
 */
function verdicts(points: readonly Point[]): string[] {
  if (points.length === 0) return [];
  const steps = points.slice(1).map((p, i) => ({ from: points[i]!, to: p, perFile: (p.cpu - points[i]!.cpu) / (p.parsed - points[i]!.parsed) }));
  const marginal = steps.map((step) => step.perFile);
  const spread = marginal.length > 0 ? Math.max(...marginal) / Math.min(...marginal) : 1;
  const first = points[0]!;
  const largest = points[points.length - 1]!;
  const lines = [
    steps.length === 0
      ? "- One size only: growth needs two."
      : `- CPU per added parsed file, step by step: ${steps.map((step) => `${step.from.factor}x -> ${step.to.factor}x ${step.perFile.toFixed(1)} ms`).join(", ")}; ` +
        `largest over smallest **${spread.toFixed(2)}x** (${spread <= TARGETS.perParsedSpread ? "linear" : "**not linear**"}: each step costs the same per file within ${TARGETS.perParsedSpread}x).`,
    `- Peak memory at ${first.factor}x (${first.lines.toLocaleString("en")} lines): ${first.mb.toFixed(0)} MB (target under ${TARGETS.peakMbAt1x} MB on the real corpus: ${first.mb < TARGETS.peakMbAt1x ? "met" : "**missed**"}).`,
  ];
  lines.push(
    largest.lines >= 4_000_000
      ? `- Peak memory at ${largest.factor}x (${largest.lines.toLocaleString("en")} lines): **${largest.mb.toFixed(0)} MB** (target under 1 GB on 4M lines: ${largest.mb < TARGETS.peakMbAt4MLines ? "met" : "**missed**"}).`
      : `- The largest size has ${largest.lines.toLocaleString("en")} lines: the 1 GB target on 4M lines needs a larger factor.`,
  );
  return lines;
}

main();
