import type { ScanResult } from "../result.js";

/** `--quiet`: what the reports show when only errors are wanted (ESLint's `--quiet`). */
export function onlyErrors(result: ScanResult): ScanResult {
  return { ...result, findings: result.findings.filter((finding) => finding.severity === "error") };
}
