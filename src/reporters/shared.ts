import path from "node:path";
import { SUPPRESSION_REASON_RULE } from "../ci/suppressions.js";
import { compareFindings, type Finding, type ScanResult } from "../result.js";
import { docsUrl, ruleDocsUrl } from "../docs-url.js";
import type { ReporterOptions, RuleMetadata } from "./types.js";

/** Findings that count: not hidden by an inline comment or the baseline. */
export function activeFindings(result: ScanResult): Finding[] {
  return result.findings.filter((finding) => finding.suppressed === undefined);
}

/** Counts of active findings per severity and of suppressed ones per kind. */
export interface FindingCounts {
  errors: number;
  warnings: number;
  inline: number;
  baseline: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { errors: 0, warnings: 0, inline: 0, baseline: 0 };
  for (const finding of findings) {
    if (finding.suppressed) counts[finding.suppressed.kind]++;
    else if (finding.severity === "error") counts.errors++;
    else counts.warnings++;
  }
  return counts;
}

export { compareFindings } from "../result.js";

/** `3 errors`, `1 warning`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Rules that are not in `rules/`: findings the CI layer adds itself. */
const BUILT_IN_RULES: readonly RuleMetadata[] = [
  {
    id: SUPPRESSION_REASON_RULE,
    description: "Require a reason on every `flag-scan-ignore-next-line` comment",
    severity: "warning",
    docsUrl: docsUrl("docs/ci.md#inline-suppressions"),
  },
];

/**
 * Metadata for every rule that ran or reported: the given rules, then built-in ones and any rule id
 * seen in findings but unknown, so a reporter never drops a finding for lack of a descriptor.
 */
export function collectRules(result: ScanResult, options: ReporterOptions): RuleMetadata[] {
  const rules = new Map<string, RuleMetadata>();
  for (const rule of options.rules ?? []) rules.set(rule.id, rule);
  for (const finding of result.findings) {
    if (rules.has(finding.rule)) continue;
    const builtIn = BUILT_IN_RULES.find((rule) => rule.id === finding.rule);
    rules.set(finding.rule, builtIn ?? { id: finding.rule, description: finding.rule, severity: finding.severity });
  }
  return [...rules.values()];
}

/** The rule's own docs URL, else its page in `rules/`. */
export function docsUrlOf(rule: RuleMetadata): string {
  return rule.docsUrl ?? ruleDocsUrl(rule.id);
}

/**
 * A project file's path relative to the repository root (`options.repositoryRoot`, else the project
 * root), with `/`: what GitHub annotations, SARIF and repository links need in a monorepo package.
 */
export function repositoryPath(result: ScanResult, options: ReporterOptions, file: string): string {
  if (options.repositoryRoot === undefined) return file;
  const relative = path.relative(options.repositoryRoot, path.join(result.root, file)).split(path.sep).join("/");
  if (relative === "") return ".";
  return relative.startsWith("../") ? file : relative;
}

/** A link to `file` (relative to the project root) at `line` in the repository, when its URL is known. */
export function repositoryLink(result: ScanResult, options: ReporterOptions, file: string, line?: number): string | undefined {
  if (options.repositoryUrl === undefined) return undefined;
  const encoded = repositoryPath(result, options, file).split("/").map(encodeURIComponent).join("/");
  return `${options.repositoryUrl.replace(/\/+$/, "")}/${encoded}${line === undefined ? "" : `#L${line}`}`;
}

/** One problem as people read it: the same rule saying the same thing, at every place it said it. */
export interface Problem {
  rule: string;
  severity: Finding["severity"];
  message: string;
  flag?: string;
  /** The findings of this problem, in report order. */
  findings: Finding[];
}

/**
 * Groups active findings that are one problem (same rule, flag and message: a stale flag reported at each
 * of its checks) so a report lists each problem once with all its locations. Order: errors first, then
 * by the first location.
 */
export function groupProblems(findings: readonly Finding[]): Problem[] {
  const problems = new Map<string, Problem>();
  for (const finding of [...findings].filter((f) => f.suppressed === undefined).sort(compareFindings)) {
    const key = JSON.stringify([finding.rule, finding.flag ?? null, finding.message]);
    let problem = problems.get(key);
    if (problem === undefined) {
      problem = { rule: finding.rule, severity: finding.severity, message: finding.message, findings: [] };
      if (finding.flag !== undefined) problem.flag = finding.flag;
      problems.set(key, problem);
    }
    problem.findings.push(finding);
  }
  return [...problems.values()].sort((a, b) => Number(a.severity !== "error") - Number(b.severity !== "error"));
}
