import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allRules } from "../rules/index.js";
import plugin from "../src/eslint/index.js";

const rulesDir = fileURLToPath(new URL("../rules/", import.meta.url));
const eslintTablesDir = fileURLToPath(new URL("./eslint/rules/", import.meta.url));

/** Keeps rules, their docs, their RuleTester tables and the plugin in step: a new rule cannot ship half done. */
describe.each(allRules.map((rule) => [rule.id, rule] as const))("rule %s", (id, rule) => {
  const docFile = `${rulesDir}${id}.md`;
  const doc = existsSync(docFile) ? readFileSync(docFile, "utf8") : "";

  it("has rules/<id>.md whose header states its description, severity, scope and suggestions", () => {
    expect(existsSync(docFile), `rules/${id}.md is missing`).toBe(true);
    const header = doc.split("\n## ")[0]!;
    expect(header).toContain(`# ${id}\n`);
    expect(header).toContain(`> ${rule.description}\n`);
    expect(header).toContain(`- Default severity: **${rule.severity}**\n`);
    expect(header).toMatch(new RegExp(`- Scope: ${rule.scope} `));
    if (rule.scope === "file") expect(header).toMatch(new RegExp(`- Suggestions: ${rule.hasSuggestions ? "yes" : "no"}\\b`));
  });

  it("has the doc sections every rule page has", () => {
    for (const section of ["## Why", "## Examples", "## Options", "## When not to use it"]) expect(doc).toContain(`\n${section}\n`);
    expect(doc).toContain("❌ Incorrect");
    expect(doc).toContain("✅ Correct");
  });

  it(rule.scope === "file" ? "is in the ESLint plugin and has a RuleTester table" : "stays out of the ESLint plugin", () => {
    expect(id in plugin.rules).toBe(rule.scope === "file");
    if (rule.scope === "file") {
      expect(existsSync(`${eslintTablesDir}${id}.test.ts`), `test/eslint/rules/${id}.test.ts is missing`).toBe(true);
      expect(plugin.rules[id]!.meta!.docs!.url).toBe(`https://github.com/flag-scan/flag-scan/blob/main/rules/${id}.md`);
    }
  });
});

it("every rule file has a doc, and every doc a rule file", () => {
  const entries = readdirSync(rulesDir);
  const ids = (extension: string) =>
    entries.filter((name) => name.endsWith(extension) && name !== "index.ts").map((name) => name.slice(0, -extension.length)).sort();
  expect(ids(".md")).toEqual(ids(".ts"));
});

it("every RuleTester table belongs to a rule the plugin has", () => {
  const tables = readdirSync(eslintTablesDir).map((name) => name.replace(/\.test\.ts$/, ""));
  expect(tables.filter((id) => !(id in plugin.rules))).toEqual([]);
});
