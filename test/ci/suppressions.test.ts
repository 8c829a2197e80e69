import { describe, expect, it } from "vitest";
import { computeFingerprint } from "../../src/ci/fingerprint.js";
import { applyInlineSuppressions, parseSuppression } from "../../src/ci/suppressions.js";
import type { Finding } from "../../src/result.js";

function finding(file: string, line: number, rule = "unknown-flag"): Finding {
  return { rule, severity: "error", message: "m", flag: "ff_x", file, line, column: 5, fingerprint: `${file}:${line}` };
}

function suppressions(files: Record<string, string>, findings: Finding[]) {
  return applyInlineSuppressions(findings, (file) => files[file]).map((f) => ({
    rule: f.rule,
    file: f.file,
    line: f.line,
    suppressed: f.suppressed,
  }));
}

describe("parseSuppression", () => {
  it.each([
    ["// flag-scan-ignore-next-line unknown-flag -- created by the release job", ["unknown-flag"], "created by the release job"],
    ["/* flag-scan-ignore-next-line unknown-flag, nested-flag -- two rules */", ["unknown-flag", "nested-flag"], "two rules"],
    ["    {/* flag-scan-ignore-next-line flag-scan/unknown-flag -- in JSX */}", ["unknown-flag"], "in JSX"],
    ["  # flag-scan-ignore-next-line environment-drift -- python", ["environment-drift"], "python"],
    ["{# flag-scan-ignore-next-line unknown-flag -- template #}", ["unknown-flag"], "template"],
    ["<!-- flag-scan-ignore-next-line unknown-flag -- html -->", ["unknown-flag"], "html"],
    ["// flag-scan-ignore-next-line", [], undefined],
    ["// flag-scan-ignore-next-line unknown-flag", ["unknown-flag"], undefined],
    ["// flag-scan-ignore-next-line unknown-flag --", ["unknown-flag"], undefined],
    ["/* flag-scan-ignore-next-line unknown-flag */", ["unknown-flag"], undefined],
    ["// flag-scan-ignore-next-line unknown-flag -- keep the --dry-run flag", ["unknown-flag"], "keep the --dry-run flag"],
  ])("%s", (text, rules, reason) => {
    expect(parseSuppression(text, 7)).toMatchObject({ rules, reason, line: 7 });
  });

  it("ignores the word outside a comment and longer directive names", () => {
    expect(parseSuppression('log("flag-scan-ignore-next-line")', 1)).toBeUndefined();
    expect(parseSuppression("// flag-scan-ignore-next-lines unknown-flag", 1)).toBeUndefined();
  });
});

describe("applyInlineSuppressions", () => {
  const files = {
    "src/App.tsx": [
      "export function App() {",
      "  // flag-scan-ignore-next-line unknown-flag -- created by the release job",
      '  if (isFeatureEnabled("ff_x")) return null;',
      "  return (",
      "    <>",
      "      {/* flag-scan-ignore-next-line nested-flag, unknown-flag -- legacy */}",
      '      <Feature flag="ff_x" />',
      "      {/* flag-scan-ignore-next-line */}",
      '      <Feature flag="ff_x" />',
      "    </>",
      "  );",
      "}",
    ].join("\n"),
    "app/views.py": ["# flag-scan-ignore-next-line environment-drift", '@waffle_flag("ff_x")', "def view(): ..."].join("\r\n"),
    "app/page.html": ["{# flag-scan-ignore-next-line unknown-flag -- template #}", '{% flag "ff_x" %}'].join("\n"),
  };

  it("suppresses the next line for the listed rules only, and warns when a reason is missing", () => {
    const findings = [
      finding("src/App.tsx", 3),
      finding("src/App.tsx", 3, "nested-flag"),
      finding("src/App.tsx", 7, "nested-flag"),
      finding("src/App.tsx", 9, "flag-naming"),
      finding("src/App.tsx", 11),
      finding("app/views.py", 2, "environment-drift"),
      finding("app/page.html", 2),
      { ...finding("missing.ts", 2) },
      { rule: "unused-flag", severity: "warning", message: "m", fingerprint: "p" } satisfies Finding,
    ];
    expect(suppressions(files, findings)).toEqual([
      { rule: "unknown-flag", file: "src/App.tsx", line: 3, suppressed: { kind: "inline", reason: "created by the release job" } },
      { rule: "nested-flag", file: "src/App.tsx", line: 3, suppressed: undefined },
      { rule: "nested-flag", file: "src/App.tsx", line: 7, suppressed: { kind: "inline", reason: "legacy" } },
      { rule: "flag-naming", file: "src/App.tsx", line: 9, suppressed: { kind: "inline" } },
      { rule: "unknown-flag", file: "src/App.tsx", line: 11, suppressed: undefined },
      { rule: "environment-drift", file: "app/views.py", line: 2, suppressed: { kind: "inline" } },
      { rule: "unknown-flag", file: "app/page.html", line: 2, suppressed: { kind: "inline", reason: "template" } },
      { rule: "unknown-flag", file: "missing.ts", line: 2, suppressed: undefined },
      { rule: "unused-flag", file: undefined, line: undefined, suppressed: undefined },
      { rule: "suppression-reason", file: "src/App.tsx", line: 8, suppressed: undefined },
      { rule: "suppression-reason", file: "app/views.py", line: 1, suppressed: undefined },
    ]);
  });

  it("gives the reason warning a location, a message and a stable fingerprint", () => {
    const [, warning] = applyInlineSuppressions([finding("app/views.py", 2, "environment-drift")], (file) =>
      file === "app/views.py" ? files["app/views.py"] : undefined,
    );
    const message = "This `flag-scan-ignore-next-line` comment does not say why; add the reason after ` -- `.";
    expect(warning).toEqual({
      rule: "suppression-reason",
      severity: "warning",
      message,
      file: "app/views.py",
      line: 1,
      column: 3,
      fingerprint: computeFingerprint({
        rule: "suppression-reason",
        file: "app/views.py",
        lineText: "# flag-scan-ignore-next-line environment-drift",
        message,
        occurrence: 0,
      }),
    });
  });
});
