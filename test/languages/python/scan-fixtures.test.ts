import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { AccessorConfig } from "../../../src/config/schema.js";
import { scanDirectory, summarize } from "./helpers.js";

const fixtures = fileURLToPath(new URL("../../../fixtures/scan/python/", import.meta.url));

// One folder per scenario: `expected.json` lists every reference and error, exactly; `accessors.json`, when present, replaces the waffle preset.
describe("Python and template scan fixtures", () => {
  for (const name of readdirSync(fixtures).sort()) {
    const dir = path.join(fixtures, name);
    if (!existsSync(path.join(dir, "expected.json"))) continue;
    it(name, async () => {
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as unknown;
      // A scenario may configure its own accessors; the waffle preset otherwise.
      const accessorsFile = path.join(dir, "accessors.json");
      const accessors = existsSync(accessorsFile) ? (JSON.parse(readFileSync(accessorsFile, "utf8")) as AccessorConfig[]) : undefined;
      const { references, errors } = await scanDirectory(dir, accessors);
      expect({ references: references.map((reference) => summarize(dir, reference)), errors }).toEqual(expected);
    });
  }
});
