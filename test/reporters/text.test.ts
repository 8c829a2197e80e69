import { describe, expect, it } from "vitest";
import { textReporter } from "../../src/reporters/text.js";
import { sampleResult, sampleRules } from "../helpers/sample-result.js";

describe("text reporter", () => {
  it("groups findings by file, lists scan errors and ends with a summary", async () => {
    const output = textReporter(sampleResult(), { rules: sampleRules });
    await expect(output).toMatchFileSnapshot("./__snapshots__/text.txt");
  });

  it("wraps long messages under themselves to fit the width, keeping every word and aligning rule ids", () => {
    for (const width of [70, 80, 100]) {
      const output = textReporter(sampleResult(), { width });
      const findingLines = output.split("\n").filter((line) => line.startsWith("  ") && !line.startsWith("  src/legacy") && !line.startsWith("  assets/") && !line.startsWith("  2 suppressed"));
      for (const line of findingLines) expect(line.length, line).toBeLessThanOrEqual(width);
      const ruleColumns = new Set(findingLines.filter((l) => /\s(error|warning)\s/.test(l)).map((l) => l.search(/[a-z-]+$/)));
      expect(ruleColumns.size).toBe(1);
      for (const finding of sampleResult().findings.filter((f) => !f.suppressed)) {
        const words = output.replace(/ {2,}[a-z-]+$/gm, "").replace(/\s+/g, " ");
        expect(words).toContain(finding.message);
      }
    }
  });

  it("pads messages only to the longest one when the width allows it", () => {
    const output = textReporter(sampleResult(), { width: 400 });
    const longest = Math.max(...sampleResult().findings.filter((f) => !f.suppressed).map((f) => f.message.length));
    const widest = Math.max(...output.split("\n").map((line) => line.length));
    expect(widest).toBe(2 + "12:28".length + 2 + "warning".length + 2 + longest + 2 + "dynamic-flag-key".length);
  });

  it("says so when nothing was found", () => {
    const result = { ...sampleResult(), findings: [], errors: [] };
    expect(textReporter(result, {})).toBe("✔ No problems found in 142 files\n");
  });

  it("counts only suppressed findings when everything is suppressed", () => {
    const result = sampleResult();
    result.errors = [];
    result.findings = result.findings.filter((finding) => finding.suppressed);
    expect(textReporter(result, {})).toBe(
      "✔ No problems found in 142 files\n  2 suppressed (1 inline, 1 by the baseline)\n",
    );
  });

  it("colours severities only when asked", () => {
    const plain = textReporter(sampleResult(), { color: false });
    const coloured = textReporter(sampleResult(), { color: true });
    expect(plain).not.toContain("\u001b[");
    expect(coloured).toContain("\u001b[31merror  \u001b[39m");
    expect(coloured).toContain("\u001b[33mwarning\u001b[39m");
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(plain);
  });
});

describe("text reporter in pull-request mode", () => {
  it("lists the flags the change added and removed before the summary", () => {
    const result = { ...sampleResult(), findings: [], errors: [] };
    result.changes = {
      ref: "origin/main",
      base: "0123abc",
      newReferences: [{ flag: "ff_new_cart", file: "src/checkout/Cart.tsx", line: 12, column: 28 }],
      flagsNowReferenced: ["ff_new_cart"],
      flagsNoLongerReferenced: [],
      registryAdded: [],
      registryRemoved: ["ff_legacy", "ff_gone"],
    };
    expect(textReporter(result, {})).toBe(
      [
        "Flags changed since origin/main",
        "  newly checked: ff_new_cart",
        "  removed from a registry: ff_legacy, ff_gone",
        "  1 new check on changed lines",
        "",
        "✔ No problems found in 142 files",
        "",
      ].join("\n"),
    );
  });
});
