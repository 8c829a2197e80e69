import { describe, expect, it } from "vitest";
import { textReporter } from "../../src/reporters/text.js";
import { sampleResult, sampleRules } from "../helpers/sample-result.js";

describe("text reporter", () => {
  it("groups findings by file, lists scan errors and ends with a summary", async () => {
    const output = textReporter(sampleResult(), { rules: sampleRules });
    await expect(output).toMatchFileSnapshot("./__snapshots__/text.txt");
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
