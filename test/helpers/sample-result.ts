import type { RuleMetadata } from "../../src/reporters/types.js";
import type { ScanResult } from "../../src/result.js";

/**
 * A fixed scan result covering what reporters must render: findings of both severities in several
 * files, a finding without a line, a project-wide finding, inline and baseline suppressions, a scan
 * error, and every flag status.
 */
export function sampleResult(): ScanResult {
  return {
    version: 1,
    root: "/home/dev/shop",
    references: [
      ref("ff_new_cart", "src/checkout/Cart.tsx", 12, 28),
      ref("ff_express_pay", "src/checkout/Cart.tsx", 30, 24),
      ref("ff_dark_mode", "src/pages/Home.tsx", 22, 15),
      ref("ff_dark_mode", "src/settings/Theme.tsx", 5, 9),
      ref(undefined, "src/utils/flags.ts", 8, 26),
    ],
    findings: [
      {
        rule: "unknown-flag",
        severity: "error",
        message: "`ff_new_cart` is not defined in any registry; add it to `src/flags.ts` or fix the key.",
        flag: "ff_new_cart",
        file: "src/checkout/Cart.tsx",
        line: 12,
        column: 28,
        endLine: 12,
        endColumn: 41,
        fingerprint: "3f1c2a9e5b7d4c01",
      },
      {
        rule: "nested-flag",
        severity: "warning",
        message: "`ff_express_pay` is checked inside a branch guarded by `ff_new_cart` (depth 2, max 1).",
        flag: "ff_express_pay",
        file: "src/checkout/Cart.tsx",
        line: 30,
        column: 24,
        fingerprint: "8a2e61d0c4b9f377",
      },
      {
        rule: "dynamic-flag-key",
        severity: "warning",
        message: "The key passed to `isFeatureEnabled` is computed at run time, so it cannot be checked or cleaned up.",
        file: "src/utils/flags.ts",
        line: 8,
        column: 26,
        fingerprint: "c0ffee0012345678",
      },
      {
        rule: "environment-drift",
        severity: "error",
        message: "`ff_dark_mode` is checked in code but missing from the `production` registry `exports/waffle-prod.json`.",
        flag: "ff_dark_mode",
        file: "src/pages/Home.tsx",
        line: 22,
        column: 15,
        fingerprint: "d4e5f60718293a4b",
        suppressed: { kind: "inline", reason: "created in production by the release job" },
      },
      {
        rule: "stale-flag",
        severity: "warning",
        message: "`ff_old_search` has been fully on for 412 days; run `flag-scan cleanup ff_old_search --value on`.",
        flag: "ff_old_search",
        file: "src/flags.ts",
        line: 4,
        column: 3,
        fingerprint: "5e6f7a8b9c0d1e2f",
      },
      {
        rule: "unused-flag",
        severity: "warning",
        message: "`ff_gift_wrap` is defined but never checked; remove it from `src/flags.ts`.",
        flag: "ff_gift_wrap",
        file: "src/flags.ts",
        line: 5,
        column: 3,
        fingerprint: "aa11bb22cc33dd44",
        suppressed: { kind: "baseline" },
      },
      {
        rule: "flag-naming",
        severity: "warning",
        message: "`LegacyBanner` does not match the naming pattern `^ff_[a-z0-9_]+$`.",
        flag: "LegacyBanner",
        file: "exports/waffle-prod.json",
        fingerprint: "0123456789abcdef",
      },
      {
        rule: "unused-flag",
        severity: "warning",
        message: "`legacy_banner` is defined but never checked; remove it from `waffle-db`.",
        flag: "legacy_banner",
        fingerprint: "fedcba9876543210",
      },
    ],
    flags: [
      {
        flag: "ff_dark_mode",
        definedIn: ["src/flags.ts"],
        environments: [],
        references: 2,
        files: 2,
        state: "partial",
        lastChanged: "2026-10-01",
        ageDays: 51,
        status: "active",
      },
      {
        flag: "ff_express_pay",
        definedIn: ["src/flags.ts", "exports/waffle-prod.json"],
        environments: ["production"],
        references: 1,
        files: 1,
        status: "active",
      },
      {
        flag: "ff_gift_wrap",
        definedIn: ["src/flags.ts"],
        environments: [],
        references: 0,
        files: 0,
        status: "unused",
      },
      {
        flag: "ff_new_cart",
        definedIn: [],
        environments: [],
        references: 1,
        files: 1,
        status: "unknown",
      },
      {
        flag: "ff_old_search",
        definedIn: ["src/flags.ts", "exports/waffle-prod.json"],
        environments: ["production"],
        references: 0,
        files: 0,
        state: "on",
        lastChanged: "2025-10-05",
        ageDays: 412,
        status: "stale",
      },
    ],
    errors: [
      {
        file: "src/legacy/broken.ts",
        line: 3,
        column: 14,
        message: "'}' expected.",
      },
      { file: "assets/blob.js", message: "File is not valid UTF-8 text; skipped." },
    ],
    stats: { filesDiscovered: 142, filesParsed: 9, linesDiscovered: 18234, durationMs: 312 },
  };
}

/** The rule metadata the reporters receive alongside `sampleResult()`. */
export const sampleRules: RuleMetadata[] = [
  { id: "unknown-flag", description: "Disallow checks of flags that no registry defines", severity: "error" },
  { id: "environment-drift", description: "Require referenced flags to exist in every environment registry", severity: "error" },
  { id: "unused-flag", description: "Report flags defined in a registry and checked nowhere", severity: "warning" },
  { id: "stale-flag", description: "Report flags fully on or off for longer than `stale.maxAgeDays`", severity: "warning" },
  { id: "nested-flag", description: "Disallow flag checks guarded by other flags", severity: "warning" },
  { id: "flag-naming", description: "Require flag slugs to match `naming.pattern`", severity: "warning" },
  { id: "dynamic-flag-key", description: "Require flag keys that can be resolved statically", severity: "warning" },
];

function ref(flag: string | undefined, file: string, line: number, column: number): ScanResult["references"][number] {
  const keyText = flag === undefined ? "name" : `"${flag}"`;
  return {
    flag,
    file,
    line,
    column,
    endLine: line,
    endColumn: column + keyText.length,
    kind: "call",
    accessor: "isFeatureEnabled",
    keyText,
    keyRange: { start: 0, end: keyText.length },
    checkRange: { start: 0, end: keyText.length + 18 },
    guards: [],
    language: "typescript",
  };
}
