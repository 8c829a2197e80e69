import type { Finding } from "../result.js";
import { computeFingerprint } from "./fingerprint.js";

/** Rule id of the warning given for a suppression comment that does not say why. */
export const SUPPRESSION_REASON_RULE = "suppression-reason";

const DIRECTIVE = "flag-scan-ignore-next-line";

/**
 * `flag-scan-ignore-next-line rule-a, rule-b -- reason` after a comment opener: `//`, `/*` (also inside
 * JSX braces), `#` (Python, YAML) or `{#` (Django templates). What follows the directive up to the
 * closing `* /`, `#}` or `-->` is the rule list, then an optional ` -- reason`.
 */
const DIRECTIVE_PATTERN = new RegExp(
  String.raw`(?:\/\/|\/\*|#|<!--)\s*${DIRECTIVE}(?=\s|$|\*\/|#\}|-->)(.*)$`,
);

/** One parsed `flag-scan-ignore-next-line` comment. */
export interface SuppressionDirective {
  /** Rule ids it applies to; empty means every rule. */
  rules: string[];
  reason: string | undefined;
  /** 1-based line and column of the directive word. */
  line: number;
  column: number;
  lineText: string;
}

/** Parses the directive on one line of text, if there is one. */
export function parseSuppression(lineText: string, line: number): SuppressionDirective | undefined {
  const match = DIRECTIVE_PATTERN.exec(lineText);
  if (!match) return undefined;
  let rest = match[1]!;
  const closer = rest.search(/\*\/|#\}|-->/);
  if (closer !== -1) rest = rest.slice(0, closer);
  let reason: string | undefined;
  const separator = rest.search(/(?:^|\s)--(?:\s|$)/);
  if (separator !== -1) {
    reason = rest.slice(separator).replace(/^\s*--/, "").trim() || undefined;
    rest = rest.slice(0, separator);
  }
  const rules = rest
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((rule) => rule.replace(/^flag-scan\//, ""));
  return { rules, reason, line, column: lineText.indexOf(DIRECTIVE) + 1, lineText };
}

/**
 * Marks findings on the line after a matching `flag-scan-ignore-next-line` comment as
 * `suppressed: {kind: "inline", reason}`, and adds a `suppression-reason` warning for each such comment
 * that gives no reason. Pure: reads file text only through `getFileText`.
 * @param getFileText returns a file's text (project-relative path), or undefined when unreadable.
 */
export function applyInlineSuppressions(
  findings: readonly Finding[],
  getFileText: (file: string) => string | undefined,
): Finding[] {
  const linesByFile = new Map<string, string[] | undefined>();
  const reasonless = new Map<string, SuppressionDirective & { file: string }>();

  const result = findings.map((finding) => {
    if (finding.file === undefined || finding.line === undefined || finding.line < 2) return finding;
    if (finding.suppressed?.kind === "inline" || finding.rule === SUPPRESSION_REASON_RULE) return finding;
    if (!linesByFile.has(finding.file)) linesByFile.set(finding.file, getFileText(finding.file)?.split(/\r\n|\r|\n/));
    const previous = linesByFile.get(finding.file)?.[finding.line - 2];
    if (previous === undefined || !previous.includes(DIRECTIVE)) return finding;
    const directive = parseSuppression(previous, finding.line - 1);
    if (!directive || (directive.rules.length > 0 && !directive.rules.includes(finding.rule))) return finding;
    if (directive.reason === undefined) reasonless.set(`${finding.file}:${directive.line}`, { ...directive, file: finding.file });
    const suppressed: Finding["suppressed"] = { kind: "inline" };
    if (directive.reason !== undefined) suppressed.reason = directive.reason;
    return { ...finding, suppressed };
  });

  const occurrences = new Map<string, number>();
  for (const directive of reasonless.values()) {
    const message = `This \`${DIRECTIVE}\` comment does not say why; add the reason after \` -- \`.`;
    const key = `${directive.file}\0${directive.lineText.trim()}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    result.push({
      rule: SUPPRESSION_REASON_RULE,
      severity: "warning",
      message,
      file: directive.file,
      line: directive.line,
      column: directive.column,
      fingerprint: computeFingerprint({
        rule: SUPPRESSION_REASON_RULE,
        file: directive.file,
        lineText: directive.lineText,
        message,
        occurrence,
      }),
    });
  }
  return result;
}
