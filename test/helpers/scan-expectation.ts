import { readFileSync } from "node:fs";
import path from "node:path";
import type { ScanResult } from "../../src/result.js";

/**
 * What every scan fixture asserts, in every language: each reference (with the text of its check and the
 * flags it is nested under), each finding and each error, exactly.
 */
export interface ScanExpectation {
  /** `returns` is listed for value checks only (`"value"`). */
  references: Array<{ flag: string | null; file: string; line: number; column: number; kind: string; check: string; guards: string[]; returns?: "value" }>;
  findings: Array<{ rule: string; severity: string; flag: string | null; file?: string; line?: number }>;
  errors: Array<{ file: string; line: number | null; column: number | null; message: string }>;
}

/** The result in the fixtures' shape. */
export function toExpectation(dir: string, result: ScanResult): ScanExpectation {
  const texts = new Map<string, string>();
  const textOf = (file: string) => texts.get(file) ?? texts.set(file, readFileSync(path.join(dir, file), "utf8").replace(/^\uFEFF/, "")).get(file)!;
  return {
    references: result.references.map((r) => ({
      flag: r.flag ?? null,
      file: r.file,
      line: r.line,
      column: r.column,
      kind: r.kind,
      check: textOf(r.file).slice(r.checkRange.start, r.checkRange.end),
      guards: r.guards.map((guard) => `${guard.flag}@${guard.line}:${guard.column}`),
      ...(r.returns === "value" ? { returns: "value" as const } : {}),
    })),
    findings: result.findings.map((f) => ({ rule: f.rule, severity: f.severity, flag: f.flag ?? null, file: f.file, line: f.line })),
    errors: result.errors.map((e) => ({ file: e.file, line: e.line ?? null, column: e.column ?? null, message: e.message })),
  };
}
