/**
 * The scaling bench of issue 18: how a scan's wall time and peak memory grow with the references to one
 * flag (1k, 10k, 100k over 1,000 files) and with the files (1x, 2x, 4x at 10 checks per file). Each
 * generated file is the issue's: `export const vN = isFeatureEnabled("ff_a") ? N : N + 1;` repeated.
 * A linear scan costs about 2x per doubling (10x per decade, less where start-up dominates).
 *
 * Run alone with `npm run bench -- --only scaling`; that run rewrites only this section of BENCHMARKS.md.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const SCALING_HEADING = "## Scaling (issue 18)";

export interface ScalingOptions {
  /** Where the generated projects go. */
  dir: string;
  /** The `flag-scan` bin to run. */
  bin: string;
  /** Timed runs per project (the median is reported). */
  runs: number;
  log: (text: string) => void;
}

interface Point {
  files: number;
  checksPerFile: number;
  ms: number;
  mb: number | undefined;
  references: number;
}

/** Writes (or reuses) a project of `files` files with `checksPerFile` checks of `ff_a` each. */
export function generateScalingProject(dir: string, files: number, checksPerFile: number): string {
  const root = join(dir, `scaling-${files}x${checksPerFile}`);
  const stamp = join(root, ".complete");
  if (existsSync(stamp)) return root;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(join(root, "package.json"), JSON.stringify({ name: "scaling", private: true }) + "\n");
  for (let file = 0; file < files; file++) {
    const lines = ['import { isFeatureEnabled } from "./flags";'];
    for (let n = 0; n < checksPerFile; n++) lines.push(`export const v${n} = isFeatureEnabled("ff_a") ? ${n} : ${n + 1};`);
    writeFileSync(join(root, "src", `f${file}.ts`), lines.join("\n") + "\n");
  }
  writeFileSync(join(root, "src", "flags.ts"), "export const isFeatureEnabled = (name: string): boolean => name.length > 0;\n");
  writeFileSync(stamp, "");
  return root;
}

/** One `flag-scan --format json` run: wall time, peak RSS (GNU time when present) and references found. */
export function measureScan(bin: string, root: string, output: string): { ms: number; mb: number | undefined; references: number } {
  const rssFile = `${output}.rss`;
  rmSync(rssFile, { force: true });
  const args = [bin, "--format", "json", "--output", output];
  const hasTime = existsSync("/usr/bin/time");
  const started = performance.now();
  const result = hasTime
    ? spawnSync("/usr/bin/time", ["-f", "%M", "-o", rssFile, process.execPath, ...args], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
    : spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const ms = performance.now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`flag-scan exited with ${result.status} in ${root}: ${result.stderr.trim().split("\n")[0]}`);
  const kb = existsSync(rssFile) ? Number(readFileSync(rssFile, "utf8").trim().split("\n").pop()) : Number.NaN;
  const references = (JSON.parse(readFileSync(output, "utf8")) as { references: unknown[] }).references.length;
  return { ms, mb: Number.isFinite(kb) ? kb / 1024 : undefined, references };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

function measurePoint(o: ScalingOptions, files: number, checksPerFile: number): Point {
  const root = generateScalingProject(o.dir, files, checksPerFile);
  const output = join(o.dir, `scaling-result-${process.pid}.json`);
  const runs = [];
  for (let run = 0; run < o.runs; run++) {
    o.log(`scaling: ${files} files x ${checksPerFile} checks, run ${run + 1}/${o.runs}`);
    runs.push(measureScan(o.bin, root, output));
  }
  const mbs = runs.map((r) => r.mb).filter((mb): mb is number => mb !== undefined);
  return { files, checksPerFile, ms: median(runs.map((r) => r.ms)), mb: mbs.length ? median(mbs) : undefined, references: runs[0]!.references };
}

function table(points: Point[], label: (p: Point) => string): string[] {
  const rows = ["| " + ["case", "references", "wall (median)", "x previous", "peak RSS (median)", "x previous"].join(" | ") + " |", "|---|---:|---:|---:|---:|---:|"];
  points.forEach((point, index) => {
    const previous = points[index - 1];
    const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? "" : `${(a / b).toFixed(2)}x`);
    rows.push(
      `| ${label(point)} | ${point.references.toLocaleString("en")} | ${(point.ms / 1000).toFixed(2)} s | ${ratio(point.ms, previous?.ms)} | ` +
        `${point.mb === undefined ? "n/a" : `${point.mb.toFixed(0)} MB`} | ${ratio(point.mb, previous?.mb)} |`,
    );
  });
  return rows;
}

/** Measures both series and returns the section's Markdown lines (heading included). */
export function benchScaling(o: ScalingOptions): string[] {
  const byReferences = [1, 10, 100].map((checks) => measurePoint(o, 1000, checks));
  const byFiles = [byReferences[1]!, measurePoint(o, 2000, 10), measurePoint(o, 4000, 10)];
  return [
    SCALING_HEADING,
    "",
    "One flag, `export const vN = isFeatureEnabled(\"ff_a\") ? N : N + 1;` repeated, no config; one `flag-scan --format json` per run, " +
      `median of ${o.runs} runs (bench/scaling.ts). A linear scan costs at most about 2x per doubling and 10x per decade.`,
    "",
    "References to one flag (1,000 files):",
    "",
    ...table(byReferences, (p) => `${p.files.toLocaleString("en")} files x ${p.checksPerFile}`),
    "",
    "Files (10 checks per file):",
    "",
    ...table(byFiles, (p) => `${p.files / 1000}x: ${p.files.toLocaleString("en")} files x ${p.checksPerFile}`),
    "",
  ];
}

/** `markdown` with the section under `heading` replaced by `section` (or appended when missing). */
export function replaceSection(markdown: string, heading: string, section: string[]): string {
  const lines = markdown.split("\n");
  const start = lines.indexOf(heading);
  if (start === -1) return markdown.trimEnd() + "\n\n" + section.join("\n");
  let end = start + 1;
  while (end < lines.length && !/^## /.test(lines[end]!)) end++;
  return [...lines.slice(0, start), ...section, ...lines.slice(end)].join("\n");
}
