import { describe, expect, it } from "vitest";
import { markdownReporter } from "../../src/reporters/markdown.js";
import { sampleResult, sampleRules } from "../helpers/sample-result.js";

describe("markdown reporter", () => {
  it("shows counts per rule, findings, scan errors and the flag inventory", async () => {
    await expect(markdownReporter(sampleResult(), { rules: sampleRules })).toMatchFileSnapshot(
      "./__snapshots__/markdown.md",
    );
  });

  it("summarises the flags a change added and removed", () => {
    const result = sampleResult();
    result.changes = {
      ref: "origin/main",
      base: "0123abc",
      newReferences: [{ flag: "ff_new_cart", file: "src/checkout/Cart.tsx", line: 12, column: 28 }],
      flagsNowReferenced: ["ff_new_cart"],
      flagsNoLongerReferenced: ["ff_old_search"],
      registryAdded: [],
      registryRemoved: ["ff_legacy", "ff_gone"],
    };
    const output = markdownReporter(result, { rules: sampleRules });
    expect(output).toContain(
      [
        "### Flags changed since `origin/main`",
        "",
        "- Newly checked: `ff_new_cart`",
        "- No longer checked anywhere: `ff_old_search`",
        "- Removed from a registry: `ff_legacy`, `ff_gone`",
        "- New checks (1):",
        "  - `ff_new_cart` at `src/checkout/Cart.tsx:12:28`",
        "",
        "### Flag inventory (5 flags)",
      ].join("\n"),
    );
  });

  it("keeps pipes and backticks from breaking table cells", () => {
    const result = sampleResult();
    result.findings = [
      { rule: "flag-naming", severity: "warning", message: "`a|b` is\nbad", file: "x`y.ts", line: 1, fingerprint: "f" },
    ];
    expect(markdownReporter(result, {})).toContain("| ⚠️ | ``x`y.ts:1`` | `a\\|b` is bad | flag-naming |");
  });

  it("says so when nothing was found", () => {
    const output = markdownReporter({ ...sampleResult(), findings: [], errors: [], flags: [] }, {});
    expect(output).toBe("## flag-scan\n\n✅ **No problems found**\n\n### Flag inventory (0 flags)\n\nNo flags defined or referenced.\n");
  });
});
