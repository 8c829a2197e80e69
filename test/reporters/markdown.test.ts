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
        "<details><summary>Flag inventory (5 flags)</summary>",
      ].join("\n"),
    );
  });

  it("keeps pipes and backticks from breaking table cells", () => {
    const result = sampleResult();
    result.findings = [
      { rule: "flag-naming", severity: "warning", message: "`a|b` is\nbad", file: "x`y.ts", line: 1, fingerprint: "f" },
    ];
    expect(markdownReporter(result, {})).toContain("| ⚠️ | `a\\|b` is bad | flag-naming | ``x`y.ts:1`` |");
  });

  it("lists each problem once with all its locations, linked when the repository URL is known", () => {
    const result = { ...sampleResult(), root: "/w/mono/packages/shop" };
    const stale = { rule: "stale-flag", severity: "warning" as const, message: "`ff_old` is stale.", flag: "ff_old" };
    result.findings = [
      { ...stale, file: "src/a.ts", line: 3, column: 1, fingerprint: "1" },
      { ...stale, file: "src/b (old).ts", line: 9, column: 2, fingerprint: "2" },
      { ...stale, file: "src/a.ts", line: 30, column: 1, fingerprint: "3" },
    ];
    const plain = markdownReporter(result, {});
    expect(plain.match(/`ff_old` is stale\./g)).toHaveLength(1);
    expect(plain).toContain("| ⚠️ | `ff_old` is stale. | stale-flag | `src/a.ts:3:1`, `src/a.ts:30:1`, `src/b (old).ts:9:2` |");
    const linked = markdownReporter(result, { repositoryRoot: "/w/mono", repositoryUrl: "https://github.com/acme/mono/blob/abc123" });
    expect(linked).toContain(
      "[`src/a.ts:3:1`](https://github.com/acme/mono/blob/abc123/packages/shop/src/a.ts#L3), " +
        "[`src/a.ts:30:1`](https://github.com/acme/mono/blob/abc123/packages/shop/src/a.ts#L30), " +
        "[`src/b (old).ts:9:2`](https://github.com/acme/mono/blob/abc123/packages/shop/src/b%20%28old%29.ts#L9)",
    );
  });

  it("collapses the inventory", () => {
    const output = markdownReporter(sampleResult(), {});
    const start = output.indexOf("<details><summary>Flag inventory (5 flags)</summary>");
    expect(start).toBeGreaterThan(0);
    expect(output.indexOf("| `ff_dark_mode` |")).toBeGreaterThan(start);
    expect(output.trimEnd().endsWith("</details>")).toBe(true);
  });

  it("says so when nothing was found", () => {
    const output = markdownReporter({ ...sampleResult(), findings: [], errors: [], flags: [] }, {});
    expect(output).toBe("## flag-scan\n\n✅ **No problems found**\n\n### Flag inventory (0 flags)\n\nNo flags defined or referenced.\n");
  });
});
