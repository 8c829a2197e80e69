import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.js";
import { toExpectation, type ScanExpectation } from "../helpers/scan-expectation.js";

const root = fileURLToPath(new URL("../../fixtures/scan/", import.meta.url));
/** Stale checks compare with "now": pin it so fixtures do not age. */
const NOW = Date.parse("2026-11-21T00:00:00Z");

/** Every folder under fixtures/scan/<theme>/ whose expected.json lists references is a whole-pipeline case. */
function discoverCases(): Array<{ name: string; dir: string }> {
  const cases: Array<{ name: string; dir: string }> = [];
  for (const theme of readdirSync(root).sort()) {
    const themeDir = path.join(root, theme);
    if (!statSync(themeDir).isDirectory()) continue;
    for (const name of readdirSync(themeDir).sort()) {
      const dir = path.join(themeDir, name);
      const expectedFile = path.join(dir, "expected.json");
      if (!existsSync(expectedFile)) continue;
      const expected = JSON.parse(readFileSync(expectedFile, "utf8")) as Partial<ScanExpectation>;
      if (Array.isArray(expected.references)) cases.push({ name: `${theme}/${name}`, dir });
    }
  }
  return cases;
}

const cases = discoverCases();

describe("scan fixtures", () => {
  it("discovers the cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  for (const { name, dir } of cases) {
    it(name, async () => {
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as ScanExpectation;
      expect(toExpectation(dir, await scan({ cwd: dir, now: NOW }))).toEqual(expected);
    });
  }
});
