import { describe, expect, it } from "vitest";
import { buildNestingGraph } from "../../src/reporters/flag-graph.js";
import { escape, htmlReporter } from "../../src/reporters/html.js";
import type { FlagReference } from "../../src/scan/reference.js";
import { sampleResult, sampleRules } from "../helpers/sample-result.js";

/** A reference to `flag` in `file` at `line`, checked under `guards` (outermost first). */
function nested(flag: string, guards: string[], file = "src/a.ts", line = 1): FlagReference {
  const base = sampleResult().references[0]!;
  return { ...base, flag, file, line, guards: guards.map((guard, i) => ({ flag: guard, line: i + 1, column: 1 })) };
}

describe("nesting graph", () => {
  it("draws guard -> inner edges, marks chains and cycles, and lays out by longest path", () => {
    const graph = buildNestingGraph([
      nested("ff_b", ["ff_a"]),
      nested("ff_c", ["ff_a", "ff_b"], "src/c.ts", 7),
      nested("ff_d", ["ff_a"]),
      nested("ff_y", ["ff_x"]),
      nested("ff_x", ["ff_y"], "src/x.ts", 3),
      nested("ff_solo_inner", ["ff_solo"]),
    ]);
    const edges = graph.edges.map((e) => `${e.outer}>${e.inner}${e.cycle ? " cycle" : e.chain ? " chain" : ""}`);
    expect(edges).toEqual([
      "ff_a>ff_b chain",
      "ff_a>ff_d",
      "ff_b>ff_c chain",
      "ff_solo>ff_solo_inner",
      "ff_x>ff_y cycle",
      "ff_y>ff_x cycle",
    ]);
    expect(graph.edges.find((e) => e.inner === "ff_c")!.sites).toEqual([{ file: "src/c.ts", line: 7, column: 28 }]);
    const place = Object.fromEntries(graph.nodes.map((n) => [n.flag, [n.layer, n.row]]));
    expect(place).toEqual({
      ff_a: [0, 0],
      ff_solo: [0, 1],
      ff_x: [0, 2],
      ff_y: [0, 3],
      ff_b: [1, 0],
      ff_d: [1, 1],
      ff_solo_inner: [1, 2],
      ff_c: [2, 0],
    });
    expect(graph.nodes.find((n) => n.flag === "ff_x")!.cycle).toBe(true);
    expect(graph.nodes.find((n) => n.flag === "ff_a")!.chain).toBe(true);
    expect(graph.nodes.find((n) => n.flag === "ff_d")!.chain).toBe(false);
    expect(graph.nodes.find((n) => n.flag === "ff_solo")!.chain).toBe(false);
  });

  it("is the same whatever order the references come in", () => {
    const refs = [nested("ff_b", ["ff_a"]), nested("ff_c", ["ff_b"]), nested("ff_a", ["ff_c"]), nested("ff_z", ["ff_q"])];
    expect(buildNestingGraph([...refs].reverse())).toEqual(buildNestingGraph(refs));
  });
});

describe("html reporter", () => {
  it("is one self-contained page: no external scripts, styles, fonts or images", () => {
    const html = htmlReporter(sampleResult(), { rules: sampleRules });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(html).not.toMatch(/<link\b|<script[^>]*\bsrc=|<img\b|@import|@font-face|url\((?!#)/);
  });

  it("escapes flag names, owners, messages and paths", () => {
    const evil = `</script><script>alert("x")</script>`;
    const result = sampleResult();
    result.flags = [{ flag: evil, definedIn: [], environments: [], references: 1, files: 1, status: "unknown", owner: `"><svg onload=alert(1)>` }];
    result.references = [nested(evil, ["ff_outer"], `src/${evil}.ts`)];
    result.findings = [{ rule: "unknown-flag", severity: "error", message: `\`${evil}\` <b>bold</b>`, flag: evil, file: `src/${evil}.ts`, line: 1, fingerprint: "f" }];
    const html = htmlReporter(result, {});
    expect(html).not.toContain(evil);
    expect(html).not.toContain("<svg onload");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).toContain(escape(evil));
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(escape(`<a href="x">'&`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;");
  });

  it("links to the repository when its URL is known, relative to the report otherwise", () => {
    const result = { ...sampleResult(), root: "/w/mono/packages/shop" };
    const remote = htmlReporter(result, { repositoryRoot: "/w/mono", repositoryUrl: "https://github.com/acme/mono/blob/abc" });
    expect(remote).toContain('href="https://github.com/acme/mono/blob/abc/packages/shop/src/checkout/Cart.tsx#L12"');
    const local = htmlReporter(result, { reportDirectory: "/w/mono/reports" });
    expect(local).toContain('href="../packages/shop/src/checkout/Cart.tsx"');
  });

  it("takes owners the registries lack from CODEOWNERS, marked as such", () => {
    const html = htmlReporter(sampleResult(), { owners: { ff_gift_wrap: "@acme/gifts" } });
    expect(html).toContain("@acme/gifts <span class=\"muted\">(CODEOWNERS)</span>");
  });

  it("matches the snapshot", async () => {
    await expect(htmlReporter(sampleResult(), { rules: sampleRules })).toMatchFileSnapshot("./__snapshots__/html.html");
  });
});
