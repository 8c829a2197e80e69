import { SUPPRESSION_REASON_RULE } from "../ci/suppressions.js";
import type { Finding, ScanResult } from "../result.js";
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
