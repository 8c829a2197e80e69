import { createHash } from "node:crypto";
import type { Finding } from "../result.js";

/** What identifies a finding across commits: everything but its line number. */
export interface FingerprintInput {
  rule: string;
  /** Relative to the project root, with `/`. */
  file?: string;
  flag?: string;
  /** Text of the finding's source line; trimmed here, so re-indenting does not change the fingerprint. */
  lineText?: string;
  message: string;
  /** 0-based index among findings whose other inputs are all equal, in order of position. */
  occurrence: number;
}

/**
 * A stable identity for a finding, used by baselines and SARIF `partialFingerprints`.
 * Depends on the rule, file, flag, trimmed line text, message and occurrence index, never on the line
 * number, so a finding keeps its fingerprint when lines above it are added or removed.
 * @returns 32 lower-case hex characters.
 */
export function computeFingerprint(input: FingerprintInput): string {
  const parts = [
    input.rule,
    input.file ?? "",
    input.flag ?? "",
    (input.lineText ?? "").trim(),
    input.message,
    String(input.occurrence),
  ];
  return createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 32);
}

/**
 * Gives every finding its fingerprint, counting occurrences of identical findings in position order.
 * The engine can call this once over all findings instead of computing occurrence indexes itself.
 * @param getFileText returns a file's text (project-relative path), or undefined when unreadable.
 */
export function fingerprintFindings<T extends Omit<Finding, "fingerprint">>(
  findings: readonly T[],
  getFileText: (file: string) => string | undefined,
): Array<T & { fingerprint: string }> {
  const lineCache = new Map<string, string[] | undefined>();
  const lineText = (file: string | undefined, line: number | undefined): string | undefined => {
    if (file === undefined || line === undefined) return undefined;
    if (!lineCache.has(file)) lineCache.set(file, getFileText(file)?.split(/\r\n|\r|\n/));
    return lineCache.get(file)?.[line - 1];
  };

  const order = findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        (a.finding.line ?? 0) - (b.finding.line ?? 0) ||
        (a.finding.column ?? 0) - (b.finding.column ?? 0) ||
        a.index - b.index,
    );
  const seen = new Map<string, number>();
  const fingerprints: string[] = [];
  for (const { finding, index } of order) {
    const input = {
      rule: finding.rule,
      file: finding.file,
      flag: finding.flag,
      lineText: lineText(finding.file, finding.line)?.trim(),
      message: finding.message,
    };
    const key = JSON.stringify(input);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    fingerprints[index] = computeFingerprint({ ...input, occurrence });
  }
  return findings.map((finding, index) => ({ ...finding, fingerprint: fingerprints[index]! }));
}
