import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeGithubStepSummary } from "../../src/cli/outputs.js";
import { escapeData, escapeProperty, githubReporter } from "../../src/reporters/github.js";
import { markdownReporter } from "../../src/reporters/markdown.js";
import type { ScanResult } from "../../src/result.js";
import { sampleResult, sampleRules } from "../helpers/sample-result.js";

describe("github reporter", () => {
  it("annotates every unsuppressed finding and scan error", async () => {
    await expect(githubReporter(sampleResult(), { rules: sampleRules })).toMatchFileSnapshot(
      "./__snapshots__/github.txt",
    );
  });

  it("escapes %, CR and LF in messages and also : and , in properties", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b");
    expect(escapeProperty("C:\\a,b%\n")).toBe("C%3A\\a%2Cb%25%0A");

    const result: ScanResult = {
      ...sampleResult(),
      errors: [],
      findings: [
        {
          rule: "unknown-flag",
          severity: "error",
          message: "`ff_50%` is unknown:\nline two, done",
          file: "src/a,b:c.ts",
          line: 3,
          column: 7,
          fingerprint: "f",
        },
      ],
    };
    expect(githubReporter(result, {})).toBe(
      "::error file=src/a%2Cb%3Ac.ts,line=3,col=7,title=flag-scan/unknown-flag::`ff_50%25` is unknown:%0Aline two, done\n",
    );
  });

  it("points annotations at paths relative to the repository root", () => {
    const result = { ...sampleResult(), root: "/w/mono/packages/shop" };
    const lines = githubReporter(result, { repositoryRoot: "/w/mono" }).trimEnd().split("\n");
    const located = lines.filter((line) => line.includes(" file="));
    expect(located.length).toBeGreaterThan(3);
    for (const line of located) expect(line).toMatch(/ file=packages\/shop\/[^,]/);
    expect(lines).toContain(
      "::error file=packages/shop/src/checkout/Cart.tsx,line=12,col=28,endLine=12,endColumn=41,title=flag-scan/unknown-flag::`ff_new_cart` is not defined in any registry; add it to `src/flags.ts` or fix the key.",
    );
  });

  it("prints nothing when there is nothing to say", () => {
    expect(githubReporter({ ...sampleResult(), findings: [], errors: [] }, {})).toBe("");
  });

  it("appends the Markdown report to $GITHUB_STEP_SUMMARY when it is set", () => {
    const dir = mkdtempSync(join(tmpdir(), "flag-scan-summary-"));
    try {
      const path = join(dir, "summary.md");
      writeFileSync(path, "# earlier step\n");
      expect(writeGithubStepSummary(sampleResult(), { rules: sampleRules }, { GITHUB_STEP_SUMMARY: path })).toBe(true);
      expect(readFileSync(path, "utf8")).toBe(
        "# earlier step\n" + markdownReporter(sampleResult(), { rules: sampleRules }) + "\n",
      );
      expect(writeGithubStepSummary(sampleResult(), {}, {})).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
