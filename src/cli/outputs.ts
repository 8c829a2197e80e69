import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { redact, redactDeep } from "../redact.js";
import type { CliIo } from "./io.js";
import { UsageError } from "../errors.js";
import type { ScanResult } from "../result.js";
import { markdownReporter } from "../reporters/markdown.js";
import { isReporterName, reporters, type ReporterName } from "../reporters/index.js";
import type { ReporterOptions } from "../reporters/types.js";

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
  // Reports are rendered from a redacted copy: a registry URL's password never reaches a report file.
  result = redactDeep(result);
  for (const target of targets) {
    const color = target.output === undefined && (options.color ?? wantsColor(io));
    // Relative links in a report (html) start from where it is written.
    const reportDirectory = options.reportDirectory ?? (target.output === undefined ? io.cwd : dirname(resolve(io.cwd, target.output)));
    const width = target.output === undefined ? options.width : undefined;
    const text = redact(reporters[target.format](result, { ...options, color, reportDirectory, width }));
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

/**
 * Appends the Markdown report to the file named by `$GITHUB_STEP_SUMMARY`, so it shows on the
 * workflow run's summary page. Does nothing outside GitHub Actions.
 * @returns whether a summary was written.
 */
export function writeGithubStepSummary(
  result: ScanResult,
  options: ReporterOptions,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const path = env.GITHUB_STEP_SUMMARY;
  if (!path) return false;
  appendFileSync(path, markdownReporter(result, options) + "\n");
  return true;
}
