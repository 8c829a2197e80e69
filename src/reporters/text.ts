import pc from "picocolors";
import { formatLocation } from "../errors.js";
import type { ChangeSummary, Finding } from "../result.js";
import { compareFindings, countFindings, plural } from "./shared.js";
import type { Reporter } from "./types.js";

type Colors = ReturnType<typeof pc.createColors>;

const PROJECT_HEADING = "(project-wide)";

/**
 * The human report, in ESLint's "stylish" shape: findings grouped by file as
 * `line:col  severity  message  rule-id`, then scan errors, then a summary line.
 * Suppressed findings are counted in the summary but not listed.
 */
export const textReporter: Reporter = (result, options) => {
  const c = pc.createColors(options.color ?? false);
  const shown = result.findings.filter((finding) => finding.suppressed === undefined).sort(compareFindings);
  const counts = countFindings(result.findings);

  const positionWidth = Math.max(0, ...shown.map((finding) => position(finding).length));
  const severityWidth = Math.max(0, ...shown.map((finding) => finding.severity.length));
  const messageWidth = Math.max(0, ...shown.map((finding) => finding.message.length));

  const lines: string[] = [];
  // The configuration's gaps come first: they say how far the rest of the report can be trusted.
  for (const warning of result.warnings ?? []) lines.push(c.yellow(`warning: ${warning}`));
  if (lines.length > 0) lines.push("");
  let currentGroup: string | undefined;
  for (const finding of shown) {
    const group = finding.file ?? PROJECT_HEADING;
    if (group !== currentGroup) {
      if (currentGroup !== undefined) lines.push("");
      lines.push(c.underline(group));
      currentGroup = group;
    }
    const severity = finding.severity.padEnd(severityWidth);
    lines.push(
      [
        "  " + c.dim(position(finding).padEnd(positionWidth)),
        finding.severity === "error" ? c.red(severity) : c.yellow(severity),
        finding.message.padEnd(messageWidth),
        c.dim(finding.rule),
      ].join("  "),
    );
  }

  if (result.errors.length > 0) {
    if (lines.length > 0) lines.push("");
    lines.push(c.underline("Files that could not be scanned"));
    for (const error of result.errors)
      lines.push(`  ${formatLocation(error.file, error.line, error.column)}  ${error.message}`);
  }

  if (result.changes) {
    if (lines.length > 0) lines.push("");
    lines.push(...changeLines(result.changes, c));
  }

  if (lines.length > 0) lines.push("");
  lines.push(summaryLine(counts.errors, counts.warnings, result.stats.filesDiscovered, c));
  const notes: string[] = [];
  const suppressed = counts.inline + counts.baseline;
  if (suppressed > 0) notes.push(`${suppressed} suppressed (${counts.inline} inline, ${counts.baseline} by the baseline)`);
  if (result.errors.length > 0) notes.push(`${plural(result.errors.length, "file")} could not be scanned`);
  if (notes.length > 0) lines.push(c.dim(`  ${notes.join("; ")}`));
  return lines.join("\n") + "\n";
};

function changeLines(changes: ChangeSummary, c: Colors): string[] {
  const lines = [c.underline(`Flags changed since ${changes.ref}`)];
  const groups: Array<[string, string[]]> = [
    ["newly checked", changes.flagsNowReferenced],
    ["no longer checked anywhere", changes.flagsNoLongerReferenced],
    ["added to a registry", changes.registryAdded],
    ["removed from a registry", changes.registryRemoved],
  ];
  for (const [label, flags] of groups) if (flags.length > 0) lines.push(`  ${label}: ${flags.join(", ")}`);
  lines.push(`  ${plural(changes.newReferences.length, "new check")} on changed lines`);
  return lines;
}

function summaryLine(errors: number, warnings: number, files: number, c: Colors): string {
  const total = errors + warnings;
  if (total === 0) return c.green(`✔ No problems found in ${plural(files, "file")}`);
  const text = `✖ ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`;
  return c.bold(errors > 0 ? c.red(text) : c.yellow(text));
}

/** `12:5`, `12` or `` for findings without a position. */
function position(finding: Finding): string {
  if (finding.line === undefined) return "";
  return finding.column === undefined ? String(finding.line) : `${finding.line}:${finding.column}`;
}
