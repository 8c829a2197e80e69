import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.js";

const root = fileURLToPath(new URL("../../fixtures/scan/", import.meta.url));
/** Stale checks compare with "now": pin it so fixtures do not age. */
const NOW = Date.parse("2026-11-21T00:00:00Z");

interface Expected {
  /** `returns` is listed for value checks only (`"value"`). */
  references: Array<{ flag: string | null; file: string; line: number; column: number; kind: string; returns?: "value" }>;
  findings: Array<{ rule: string; severity: string; flag: string | null; file?: string; line?: number }>;
  errors: Array<{ file: string; line: number | null; message: string }>;
}

/** Every folder under fixtures/scan/<theme>/ whose expected.json lists findings is a whole-pipeline case. */
function discoverCases(): Array<{ name: string; dir: string }> {
  const cases: Array<{ name: string; dir: string }> = [];
  for (const theme of readdirSync(root).sort()) {
    const themeDir = path.join(root, theme);
    if (!statSync(themeDir).isDirectory()) continue;
    for (const name of readdirSync(themeDir).sort()) {
      const dir = path.join(themeDir, name);
      const expectedFile = path.join(dir, "expected.json");
      if (!existsSync(expectedFile)) continue;
      const expected = JSON.parse(readFileSync(expectedFile, "utf8")) as Partial<Expected>;
      if (Array.isArray(expected.findings)) cases.push({ name: `${theme}/${name}`, dir });
    }
  }
  return cases;
}

const cases = discoverCases();

describe("scan fixtures", () => {
  it("discovers the cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const { name, dir } of cases) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
      const result = await scan({ cwd: dir, now: NOW });
      expect({
        references: result.references.map((r) => ({ flag: r.flag ?? null, file: r.file, line: r.line, column: r.column, kind: r.kind, ...(r.returns ? { returns: r.returns } : {}) })),
        findings: result.findings.map((f) => ({ rule: f.rule, severity: f.severity, flag: f.flag ?? null, file: f.file, line: f.line })),
        errors: result.errors.map((e) => ({ file: e.file, line: e.line ?? null, message: e.message })),
      }).toEqual(expected);
    });
  }
});
