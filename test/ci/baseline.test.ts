import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  applyBaseline,
  computeFingerprint,
  fingerprintFindings,
  readBaseline,
  writeBaseline,
} from "../../src/ci/baseline.js";
import type { Finding } from "../../src/result.js";

type Unprinted = Omit<Finding, "fingerprint">;

/** Findings for every `isFeatureEnabled("<flag>")` in `text`, as a rule would report unknown flags. */
function unknownFlagFindings(file: string, text: string): Unprinted[] {
  const findings: Unprinted[] = [];
  text.split("\n").forEach((lineText, index) => {
    for (const match of lineText.matchAll(/isFeatureEnabled\("(\w+)"\)/g))
      findings.push({
        rule: "unknown-flag",
        severity: "error",
        message: `\`${match[1]}\` is not defined in any registry.`,
        flag: match[1],
        file,
        line: index + 1,
        column: match.index + 18,
      });
  });
  return findings;
}

function scan(files: Record<string, string>): Finding[] {
  const findings = Object.entries(files).flatMap(([file, text]) => unknownFlagFindings(file, text));
  return fingerprintFindings(findings, (file) => files[file]);
}

const before = {
  "src/cart.ts": [
    'if (isFeatureEnabled("ff_a")) render();',
    'if (isFeatureEnabled("ff_a")) render();',
    'const b = isFeatureEnabled("ff_b");',
  ].join("\n"),
};

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("computeFingerprint", () => {
  const input = { rule: "unknown-flag", file: "src/a.ts", flag: "ff_a", lineText: "x();", message: "m", occurrence: 0 };

  it("is 32 hex characters and ignores indentation", () => {
    expect(computeFingerprint(input)).toMatch(/^[0-9a-f]{32}$/);
    expect(computeFingerprint({ ...input, lineText: "    x();  " })).toBe(computeFingerprint(input));
  });

  it("changes with each input", () => {
    const base = computeFingerprint(input);
    for (const change of [
      { rule: "nested-flag" },
      { file: "src/b.ts" },
      { flag: "ff_b" },
      { lineText: "y();" },
      { message: "n" },
      { occurrence: 1 },
    ])
      expect(computeFingerprint({ ...input, ...change })).not.toBe(base);
  });
});

describe("baseline", () => {
  it("hides old findings, shows new ones and survives lines moving", () => {
    dir = mkdtempSync(join(tmpdir(), "flag-scan-baseline-"));
    const baselineFile = join(dir, "nested", "flag-scan-baseline.json");
    writeBaseline(baselineFile, scan(before));

    const after = {
      "src/cart.ts": [
        "// two new lines move every old finding down",
        'import { isFeatureEnabled } from "./flags";',
        'const b = isFeatureEnabled("ff_b");',
        '  if (isFeatureEnabled("ff_a")) render();',
        'if (isFeatureEnabled("ff_c")) render();',
        'if (isFeatureEnabled("ff_a")) render();',
        'if (isFeatureEnabled("ff_a")) render();',
      ].join("\n"),
    };
    const result = applyBaseline(scan(after), readBaseline(baselineFile));
    expect(result.map((finding) => [finding.flag, finding.line, finding.suppressed?.kind ?? "active"])).toEqual([
      ["ff_b", 3, "baseline"],
      ["ff_a", 4, "baseline"],
      ["ff_c", 5, "active"],
      ["ff_a", 6, "baseline"],
      // A third identical check is new: the baseline accepted two.
      ["ff_a", 7, "active"],
    ]);
  });

  it("writes a sorted, reviewable file", () => {
    dir = mkdtempSync(join(tmpdir(), "flag-scan-baseline-"));
    const file = join(dir, "baseline.json");
    const findings = scan(before);
    writeBaseline(file, findings);
    const written = JSON.parse(readFileSync(file, "utf8"));
    expect(written.version).toBe(1);
    expect(written.findings.map((entry: { flag: string }) => entry.flag)).toEqual(["ff_a", "ff_a", "ff_b"]);
    expect(Object.keys(written.findings[0])).toEqual(["fingerprint", "rule", "file", "flag", "message"]);
    expect(new Set(written.findings.map((entry: { fingerprint: string }) => entry.fingerprint)).size).toBe(3);
  });

  it("leaves inline suppressions alone and keeps them out of the file", () => {
    const [first, ...rest] = scan(before);
    const inline: Finding = { ...first!, suppressed: { kind: "inline", reason: "r" } };
    dir = mkdtempSync(join(tmpdir(), "flag-scan-baseline-"));
    const file = join(dir, "baseline.json");
    writeBaseline(file, [inline, ...rest]);
    expect(readBaseline(file).findings).toHaveLength(2);
    expect(applyBaseline([inline], { version: 1, findings: [] })[0]!.suppressed).toEqual({ kind: "inline", reason: "r" });
  });

  it("names the file when it is missing or malformed", () => {
    dir = mkdtempSync(join(tmpdir(), "flag-scan-baseline-"));
    const missing = join(dir, "none.json");
    expect(() => readBaseline(missing)).toThrow(`baseline file "${missing}" does not exist`);
    const bad = join(dir, "bad.json");
    writeFileSync(bad, '{"findings": []}');
    expect(() => readBaseline(bad)).toThrow(`baseline file "${bad}" is not a flag-scan baseline`);
    writeFileSync(bad, "{");
    expect(() => readBaseline(bad)).toThrow(`baseline file "${bad}" is not valid JSON`);
  });
});
