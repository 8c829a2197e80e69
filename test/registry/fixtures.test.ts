import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RegistrySourceConfig } from "../../src/config/schema.js";
import { FlagScanError } from "../../src/errors.js";
import { loadProjectRegistry } from "../../src/engine.js";
import { configWithRegistry, describeRegistry, REGISTRY_FIXTURES } from "./helpers.js";

/**
 * Each folder of fixtures/scan/registry is a case: `case.json` holds the `registry` sources, and
 * `expected.json` either the exact definitions and files, or the exact error (`Name: message` and hint).
 */
const cases = readdirSync(REGISTRY_FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("registry fixtures", () => {
  it("finds the cases", () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases)("%s", async (name) => {
    const root = path.join(REGISTRY_FIXTURES, name);
    const { registry } = JSON.parse(readFileSync(path.join(root, "case.json"), "utf8")) as { registry: RegistrySourceConfig[] };
    const expected = JSON.parse(readFileSync(path.join(root, "expected.json"), "utf8")) as unknown;
    const actual = await loadProjectRegistry(configWithRegistry(root, registry)).then(
      (loaded) => describeRegistry(loaded, root),
      (error: unknown) => {
        if (!(error instanceof FlagScanError)) throw error;
        return { error: `${error.name}: ${error.message}`, hint: error.hint };
      },
    );
    expect(JSON.parse(JSON.stringify(actual))).toEqual(expected);
  });
});
