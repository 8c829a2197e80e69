import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../errors.js";
import type { Finding } from "../result.js";

export { computeFingerprint, fingerprintFindings, type FingerprintInput } from "./fingerprint.js";

/**
 * The findings a team has accepted for now. Stored as JSON; the rule, file, flag and message of each
 * entry are there for people reviewing the file, only `fingerprint` is matched.
 */
export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  file?: string;
  flag?: string;
  message: string;
}

/** A baseline of every finding not already suppressed inline, sorted so the file diffs well. */
export function createBaseline(findings: readonly Finding[]): Baseline {
  const entries = findings
    .filter((finding) => finding.suppressed?.kind !== "inline")
    .map(
      (finding): BaselineEntry => ({
        fingerprint: finding.fingerprint,
        rule: finding.rule,
        ...(finding.file !== undefined && { file: finding.file }),
        ...(finding.flag !== undefined && { flag: finding.flag }),
        message: finding.message,
      }),
    )
    .sort(
      (a, b) =>
        compare(a.file ?? "\uffff", b.file ?? "\uffff") ||
        compare(a.rule, b.rule) ||
        compare(a.flag ?? "", b.flag ?? "") ||
        compare(a.fingerprint, b.fingerprint),
    );
  return { version: 1, findings: entries };
}

/** Marks findings whose fingerprint is in the baseline as `suppressed: {kind: "baseline"}`. Pure. */
export function applyBaseline(findings: readonly Finding[], baseline: Baseline): Finding[] {
  const known = new Set(baseline.findings.map((entry) => entry.fingerprint));
  return findings.map((finding) =>
    finding.suppressed === undefined && known.has(finding.fingerprint)
      ? { ...finding, suppressed: { kind: "baseline" } }
      : finding,
  );
}

/** Writes the baseline of `findings` to `path` (`--update-baseline`). */
export function writeBaseline(path: string, findings: readonly Finding[]): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(createBaseline(findings), null, 2) + "\n");
}

/**
 * Reads a baseline file.
 * @throws ConfigError when the file is missing or is not a flag-scan baseline.
 */
export function readBaseline(path: string): Baseline {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new ConfigError(
      `baseline file "${path}" does not exist`,
      "create it with `flag-scan --baseline <file> --update-baseline`",
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`baseline file "${path}" is not valid JSON: ${(error as Error).message}`);
  }
  if (!isBaseline(data))
    throw new ConfigError(
      `baseline file "${path}" is not a flag-scan baseline (expected {"version": 1, "findings": [{"fingerprint": ...}]})`,
      "regenerate it with `flag-scan --baseline <file> --update-baseline`",
    );
  return data;
}

function isBaseline(data: unknown): data is Baseline {
  if (typeof data !== "object" || data === null) return false;
  const { version, findings } = data as Partial<Baseline>;
  return (
    version === 1 &&
    Array.isArray(findings) &&
    findings.every((entry) => typeof entry === "object" && entry !== null && typeof entry.fingerprint === "string")
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
