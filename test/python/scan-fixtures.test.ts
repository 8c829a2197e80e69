import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scanDirectory, summarize } from "./helpers.js";

const fixtures = fileURLToPath(new URL("../../fixtures/scan/python/", import.meta.url));

// One folder per scenario: `expected.json` lists every reference and error, exactly.
describe("Python and template scan fixtures", () => {
  for (const name of readdirSync(fixtures).sort()) {
    const dir = path.join(fixtures, name);
    if (!existsSync(path.join(dir, "expected.json"))) continue;
    it(name, async () => {
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as unknown;
      const { references, errors } = await scanDirectory(dir);
      expect({ references: references.map((reference) => summarize(dir, reference)), errors }).toEqual(expected);
    });
  }
});
