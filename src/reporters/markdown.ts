import type { Finding, FlagSummary, ScanResult } from "../result.js";
import { formatLocation } from "../errors.js";
import { collectRules, compareFindings, countFindings, docsUrlOf, groupProblems, plural, repositoryLink } from "./shared.js";
import type { Reporter, ReporterOptions } from "./types.js";

/** GitHub rejects comments over 65,536 characters; long tables are cut with a note. */
const MAX_FINDING_ROWS = 100;
/** Locations listed per problem before "and N more". */
const MAX_LOCATIONS = 5;
const MAX_FLAG_ROWS = 200;

/**
 * A report for a pull-request comment or a CI job summary: counts per rule, each problem once with its
 * locations (links when `options.repositoryUrl` is known), scan errors, the flags a `--changed-since`
 * run added or removed, and the flag inventory, collapsed.
 */
export const markdownReporter: Reporter = (result, options) => {
  const counts = countFindings(result.findings);
  const active = result.findings.filter((finding) => finding.suppressed === undefined).sort(compareFindings);
  const out: string[] = ["## flag-scan", ""];

  const total = counts.errors + counts.warnings;
  const headline =
    total === 0
      ? "✅ **No problems found**"
      : `${counts.errors > 0 ? "❌" : "⚠️"} **${plural(total, "problem")}** (${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")})`;
  const notes = [headline];
  if (counts.inline + counts.baseline > 0)
    notes.push(`${counts.inline + counts.baseline} suppressed (${counts.inline} inline, ${counts.baseline} by the baseline)`);
  if (result.errors.length > 0) notes.push(`${plural(result.errors.length, "file")} could not be scanned`);
  out.push(notes.join(" · "), "");

  if (total > 0) {
    out.push("### Findings by rule", "", "| Rule | Severity | Findings |", "| --- | --- | ---: |");
    // One pass over the findings, not one per rule.
    const byRule = new Map<string, { count: number; severities: Set<string> }>();
    for (const finding of active) {
      const entry = byRule.get(finding.rule) ?? { count: 0, severities: new Set<string>() };
      entry.count++;
      entry.severities.add(finding.severity);
      byRule.set(finding.rule, entry);
    }
    for (const rule of collectRules(result, options)) {
      const entry = byRule.get(rule.id);
      if (entry === undefined) continue;
      out.push(`| [${rule.id}](${docsUrlOf(rule)}) | ${[...entry.severities].join(", ")} | ${entry.count} |`);
    }
    const problems = groupProblems(active);
    out.push("", "### Problems", "", "| | Problem | Rule | Where |", "| --- | --- | --- | --- |");
    for (const problem of problems.slice(0, MAX_FINDING_ROWS)) {
      const icon = problem.severity === "error" ? "❌" : "⚠️";
      out.push(`| ${icon} | ${cell(problem.message)} | ${problem.rule} | ${locations(problem.findings, result, options)} |`);
    }
    if (problems.length > MAX_FINDING_ROWS) out.push("", `…and ${problems.length - MAX_FINDING_ROWS} more; run flag-scan locally for the full list.`);
    out.push("");
  }

  if (result.errors.length > 0) {
    out.push(`<details><summary>Files that could not be scanned (${result.errors.length})</summary>`, "");
    for (const error of result.errors)
      out.push(`- ${code(formatLocation(error.file, error.line, error.column))}: ${cell(error.message)}`);
    out.push("", "</details>", "");
  }

  if (result.changes) out.push(...changesSection(result.changes), "");

  if (result.flags.length > 0) {
    out.push(`<details><summary>Flag inventory (${plural(result.flags.length, "flag")})</summary>`, "");
    out.push("| Flag | References | Files | Defined in | Age | Owner | Status |", "| --- | ---: | ---: | --- | ---: | --- | --- |");
    for (const flag of result.flags.slice(0, MAX_FLAG_ROWS)) out.push(inventoryRow(flag));
    if (result.flags.length > MAX_FLAG_ROWS) out.push("", `…and ${result.flags.length - MAX_FLAG_ROWS} more flags.`);
    out.push("", "</details>");
  } else {
    out.push(`### Flag inventory (0 flags)`, "", "No flags defined or referenced.");
  }
  return out.join("\n") + "\n";
};

function changesSection(changes: NonNullable<ScanResult["changes"]>): string[] {
  const out = [`### Flags changed since \`${changes.ref}\``, ""];
  const items: Array<[string, string[]]> = [
    ["Newly checked", changes.flagsNowReferenced],
    ["No longer checked anywhere", changes.flagsNoLongerReferenced],
    ["Added to a registry", changes.registryAdded],
    ["Removed from a registry", changes.registryRemoved],
  ];
  for (const [label, flags] of items) if (flags.length > 0) out.push(`- ${label}: ${flags.map(code).join(", ")}`);
  if (changes.newReferences.length > 0) {
    out.push(`- New checks (${changes.newReferences.length}):`);
    for (const reference of changes.newReferences)
      out.push(`  - ${code(reference.flag ?? "(dynamic key)")} at ${code(formatLocation(reference.file, reference.line, reference.column))}`);
  }
  if (out.length === 2) out.push("No flag was added or removed.");
  return out;
}

function inventoryRow(flag: FlagSummary): string {
  const definedIn = flag.definedIn.length > 0 ? flag.definedIn.map(code).join(", ") : "—";
  const age = flag.ageDays === undefined ? "—" : plural(flag.ageDays, "day");
  const notes = [flag.kind, flag.permanent ? "permanent" : undefined, flag.state === "partial" ? (flag.stateNote ?? "partial") : undefined].filter(Boolean);
  const status = notes.length > 0 ? `${flag.status} (${cell(notes.join("; "))})` : flag.status;
  return `| ${code(flag.flag)} | ${flag.references} | ${flag.files} | ${definedIn} | ${age} | ${flag.owner === undefined ? "—" : cell(flag.owner)} | ${status} |`;
}

/** `a.ts:3`, as links into the repository when its URL is known; the first few, then a count. */
function locations(findings: readonly Finding[], result: ScanResult, options: ReporterOptions): string {
  const shown = findings.slice(0, MAX_LOCATIONS).map((finding) => {
    if (finding.file === undefined) return "(project-wide)";
    const label = formatLocation(finding.file, finding.line, finding.column);
    const url = repositoryLink(result, options, finding.file, finding.line);
    return url === undefined ? code(label) : `[${code(label)}](${url.replace(/\(/g, "%28").replace(/\)/g, "%29")})`;
  });
  if (findings.length > MAX_LOCATIONS) shown.push(`and ${findings.length - MAX_LOCATIONS} more`);
  return shown.join(", ");
}

/** Text that stays inside one table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\r\n|\r|\n/g, " ");
}

/** Inline code, with enough backticks to hold any backtick in `text`. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = "`".repeat(longest + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return cell(`${fence}${padded}${fence}`);
}
