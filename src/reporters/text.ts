import pc from "picocolors";
import { formatLocation } from "../errors.js";
import type { ChangeSummary, Finding, FlagSummary } from "../result.js";
import { compareFindings, countFindings, plural } from "./shared.js";
import type { Reporter } from "./types.js";

type Colors = ReturnType<typeof pc.createColors>;

const PROJECT_HEADING = "(project-wide)";
const DEFAULT_WIDTH = 100;
const MIN_MESSAGE_WIDTH = 30;

/** Splits text at spaces into lines of at most `width` characters; a longer word gets a line of its own. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines;
}

/**
 * The human report, in ESLint's "stylish" shape: findings grouped by file as
 * `line:col  severity  message  rule-id`, then scan errors, then a summary line.
 * Suppressed findings are counted in the summary but not listed.
 */
export const textReporter: Reporter = (result, options) => {
  const c = pc.createColors(options.color ?? false);
  const shown = result.findings.filter((finding) => finding.suppressed === undefined).sort(compareFindings);
  const counts = countFindings(result.findings);

  // Loops, not `Math.max(...widths)`: spreading more than about 120k arguments overflows the stack.
  let positionWidth = 0;
  let severityWidth = 0;
  let ruleWidth = 0;
  let longestMessage = 0;
  for (const finding of shown) {
    positionWidth = Math.max(positionWidth, position(finding).length);
    severityWidth = Math.max(severityWidth, finding.severity.length);
    ruleWidth = Math.max(ruleWidth, finding.rule.length);
    longestMessage = Math.max(longestMessage, finding.message.length);
  }
  const messageIndent = 2 + positionWidth + 2 + severityWidth + 2;
  // Messages align their rule ids like ESLint's stylish report, but never past the width: longer ones wrap.
  const fit = Math.max(MIN_MESSAGE_WIDTH, (options.width ?? DEFAULT_WIDTH) - messageIndent - 2 - ruleWidth);
  const messageWidth = Math.min(fit, longestMessage);

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
    const [first, ...rest] = wrapWords(finding.message, messageWidth);
    lines.push(
      [
        "  " + c.dim(position(finding).padEnd(positionWidth)),
        finding.severity === "error" ? c.red(severity) : c.yellow(severity),
        first!.padEnd(messageWidth),
        c.dim(finding.rule),
      ].join("  "),
    );
    for (const line of rest) lines.push(" ".repeat(messageIndent) + line);
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
  const unparsed = result.flags.filter((flag) => flag.readInUnparsedFiles !== undefined);
  if (unparsed.length > 0) lines.push(c.dim(`  ${unparsedLine(unparsed)}`));
  return lines.join("\n") + "\n";
};

/** One line: the flags checked only where flag-scan does not parse, so not reported unused. */
function unparsedLine(flags: readonly FlagSummary[]): string {
  const shown = flags.slice(0, 3).map((flag) => `${flag.flag} (${flag.readInUnparsedFiles![0]})`);
  const more = flags.length > 3 ? `, and ${flags.length - 3} more (see \`--format json\`)` : "";
  return `${plural(flags.length, "flag")} quoted only in files flag-scan does not parse, so not reported unused: ${shown.join(", ")}${more}`;
}

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
