import { markdownReporter } from "./markdown.js";
import { compareFindings, repositoryPath } from "./shared.js";
import type { Reporter, ReporterOptions } from "./types.js";
import type { ScanResult } from "../result.js";

/**
 * GitHub Actions workflow commands: one `::error` or `::warning` annotation per unsuppressed finding
 * (shown on the pull request's diff), and a warning per file that could not be scanned. Paths are relative
 * to `options.repositoryRoot`, as GitHub resolves them against the checkout.
 * The job summary is written separately by the CLI (`writeGithubStepSummary` in cli/outputs.ts).
 */
export const githubReporter: Reporter = (result, options) => {
  const lines: string[] = [];
  for (const finding of result.findings.filter((f) => f.suppressed === undefined).sort(compareFindings)) {
    lines.push(
      command(finding.severity, finding.message, {
        file: finding.file === undefined ? undefined : repositoryPath(result, options, finding.file),
        line: finding.line,
        col: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        title: `flag-scan/${finding.rule}`,
      }),
    );
  }
  for (const error of result.errors)
    lines.push(
      command("warning", error.message, {
        file: repositoryPath(result, options, error.file),
        line: error.line,
        col: error.column,
        title: "flag-scan could not scan this file",
      }),
    );
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
};

/** `::name key=value,...::message`, skipping undefined properties. */
function command(name: string, message: string, properties: Record<string, string | number | undefined>): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${name}${props ? " " + props : ""}::${escapeData(message)}`;
}

/** Escapes a workflow command's message, as `@actions/core` does. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a workflow command's property value: the message escapes plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
