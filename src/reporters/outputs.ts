import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { CliIo } from "../cli/io.js";
import { UsageError } from "../errors.js";
import type { ScanResult } from "../result.js";
import { writeGithubStepSummary } from "./github.js";
import { isReporterName, reporters, type ReporterName } from "./index.js";
import type { ReporterOptions } from "./types.js";

/** One report to produce: a format and the file it goes to (stdout when absent). */
export interface OutputTarget {
  format: ReporterName;
  output?: string;
}

/**
 * Pairs `--format` and `--output` values by position: the n-th output file belongs to the n-th format,
 * and formats without one print to stdout. No format means `text`.
 * @throws UsageError on an unknown format or more outputs than formats.
 */
export function pairFormatsWithOutputs(formats: readonly string[], outputs: readonly string[]): OutputTarget[] {
  const names = formats.length === 0 ? ["text"] : formats;
  for (const name of names)
    if (!isReporterName(name))
      throw new UsageError(`unknown --format "${name}"; use one of ${Object.keys(reporters).join(", ")}`);
  if (outputs.length > names.length)
    throw new UsageError(
      `${outputs.length} --output files for ${names.length} --format${names.length === 1 ? "" : "s"}`,
      "give one --format before each --output: `--format json --output report.json --format sarif --output report.sarif`",
    );
  return names.map((format, index) => {
    const output = outputs[index];
    return output === undefined ? { format: format as ReporterName } : { format: format as ReporterName, output };
  });
}

/**
 * Renders every target and writes it to its file (relative to `io.cwd`) or stdout; with the `github`
 * format, also appends the job summary to `$GITHUB_STEP_SUMMARY`. Colours only reach stdout: by default
 * when it is a terminal, overridden by `NO_COLOR` and `FORCE_COLOR` (https://no-color.org).
 */
export function writeReports(
  result: ScanResult,
  targets: readonly OutputTarget[],
  options: Omit<ReporterOptions, "color"> & { color?: boolean },
  io: CliIo,
): void {
  for (const target of targets) {
    const color = target.output === undefined && (options.color ?? wantsColor(io));
    const text = reporters[target.format](result, { ...options, color, width: target.output === undefined ? options.width : undefined });
    if (target.output === undefined) {
      io.stdout(text);
    } else {
      const path = resolve(io.cwd, target.output);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    }
  }
  if (targets.some((target) => target.format === "github")) writeGithubStepSummary(result, options, io.env);
}

function wantsColor(io: CliIo): boolean {
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  if (io.env.NO_COLOR) return false;
  return io.isTTY;
}
