import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/config/json-schema.js";
import { presets } from "../../src/config/presets/index.js";
import { resolveConfig } from "../../src/config/load-config.js";

describe("the published JSON Schema", () => {
  it("is the schema the loader validates with (run `npm run schema` after changing it)", () => {
    const published = JSON.parse(readFileSync(new URL("../../schema/flag-scan.schema.json", import.meta.url), "utf8"));
    expect(published).toEqual(JSON.parse(JSON.stringify(configJsonSchema)));
  });

  it("lists every preset", () => {
    const names = configJsonSchema.properties.presets.items.enum;
    expect([...names].sort()).toEqual(Object.keys(presets).sort());
  });

  it("accepts every preset's accessors, so presets and user accessors share one shape", () => {
    for (const [name, accessors] of Object.entries(presets)) {
      expect(() => resolveConfig({ accessors: [...accessors] }, "/"), name).not.toThrow();
    }
  });
});

describe("defaults", () => {
  it("fills every key and uses the in-house preset when no accessor is configured", () => {
    const config = resolveConfig({}, "/project");
    expect(config).toMatchObject({
      root: "/project",
      include: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,py}", "**/templates/**/*.html"],
      exclude: [],
      gitignore: true,
      registry: [],
      presets: ["flag-scan"],
      stale: { maxAgeDays: 90 },
      nesting: { maxDepth: 1 },
      typeInformation: false,
    });
    expect(config.naming.pattern?.source).toBe("^ff_[a-z0-9_]+$");
    expect(config.accessors.map((a) => Object.values(a)[0])).toEqual(["isFeatureEnabled", "useCheckFeatureFlag", "routeIsFeatureToggled", "Feature"]);
  });

  it("checks flag names only under the flag-scan preset or an explicit naming.pattern", () => {
    expect(resolveConfig({ presets: ["launchdarkly"] }, "/").naming.pattern).toBeUndefined();
    expect(resolveConfig({ presets: ["launchdarkly", "flag-scan"] }, "/").naming.pattern?.source).toBe("^ff_[a-z0-9_]+$");
    expect(resolveConfig({ presets: ["posthog"], naming: { pattern: "^[a-z-]+$" } }, "/").naming.pattern?.source).toBe("^[a-z-]+$");
  });

  it("uses only the configured accessors when accessors are given without presets", () => {
    expect(resolveConfig({ accessors: [{ call: "useFlag" }] }, "/").accessors).toEqual([{ call: "useFlag" }]);
  });
});
