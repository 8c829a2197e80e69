import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA_FILE, CONFIG_TYPES_FILE, generateConfigSchema } from "../../scripts/config-schema.js";
import { presets } from "../../src/config/presets/index.js";
import { readConfigJsonSchema } from "../../src/config/published-schema.js";
import { resolveConfig } from "../../src/config/load-config.js";
import type { UserConfig } from "../../src/config/schema.js";

const committed = readFileSync(CONFIG_SCHEMA_FILE, "utf8");
const schema = JSON.parse(committed) as {
  properties: Record<string, { description?: string }>;
  definitions: Record<string, { enum?: string[]; properties?: Record<string, { minItems?: number }> }>;
};

describe("the published JSON Schema", () => {
  it("is what the TypeScript declarations give (run `npm run schema` after changing src/config/schema.ts)", () => {
    expect(generateConfigSchema() === committed, "schema/flag-scan.schema.json is out of date: run `npm run schema`").toBe(true);
  });

  it("catches a field added to the types without regenerating, which the loader would still reject", () => {
    const types = readFileSync(CONFIG_TYPES_FILE, "utf8");
    const withField = types.replace(
      "export interface UserConfig {\n",
      "export interface UserConfig {\n  /**\n   * A field nobody generated.\n   * @minimum 3\n   */\n  addedField?: number;\n",
    );
    expect(withField).not.toBe(types);
    const regenerated = JSON.parse(generateConfigSchema({ text: withField }));
    expect(regenerated.properties.addedField).toEqual({ type: "number", description: "A field nobody generated.", minimum: 3 });
    expect(JSON.stringify(regenerated, null, 2) + "\n").not.toBe(committed);
    expect(() => resolveConfig({ addedField: 3 } as UserConfig, "/", "/p/flag-scan.config.json")).toThrow(
      "addedField is not a known key (flag-scan.config.json)",
    );
  });

  it("is the schema the loader validates with", () => {
    expect(readConfigJsonSchema()).toEqual(JSON.parse(committed));
  });

  it("carries the JSDoc descriptions and constraint tags, and the loader enforces the constraints", () => {
    expect(schema.properties.gitignore?.description).toBe("Honour `.gitignore` files (the root one and nested ones).");
    expect(schema.definitions.MirrorGroupConfig?.properties?.sources?.minItems).toBe(2);
    expect(() => resolveConfig({ mirrors: [{ sources: [0] }] }, "/")).toThrow("mirrors[0].sources must NOT have fewer than 2 items (config)");
    expect(() => resolveConfig({ nesting: { maxDepth: 0 } }, "/")).toThrow("nesting.maxDepth 0 must be >= 1 (config)");
    expect(() => resolveConfig({ stale: { maxAgeDays: 1.5 } }, "/")).toThrow("stale.maxAgeDays 1.5 must be integer (config)");
    expect(() => resolveConfig({ registry: [{ type: "json", path: "" }] }, "/")).toThrow('registry[0].path "" must NOT have fewer than 1 characters (config)');
  });

  it("lists every preset", () => {
    expect([...(schema.definitions.PresetName?.enum ?? [])].sort()).toEqual(Object.keys(presets).sort());
  });

  it("accepts every preset's accessors, so presets and user accessors share one shape", () => {
    for (const [name, accessors] of Object.entries(presets)) {
      expect(() => resolveConfig({ accessors: [...accessors] }, "/"), name).not.toThrow();
    }
  });

  it("rejects keys an accessor form does not have", () => {
    expect(() => resolveConfig({ accessors: [{ jsx: "Feature", language: "python" } as never] }, "/")).toThrow(/^accessors\[0\]/);
    expect(() => resolveConfig({ accessors: [{ decorator: "waffle_flag", keyword: "flag_name" }] }, "/")).not.toThrow();
  });
});

describe("defaults", () => {
  it("fills every key and uses the in-house preset when no accessor is configured", () => {
    const config = resolveConfig({}, "/project");
    expect(config).toMatchObject({
      root: "/project",
      include: ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,vue,svelte,py}", "**/jinja2/**/*.html", "**/*.{jinja,jinja2,j2}", "**/templates/**/*.html"],
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

  it("names a registry source by its path, without a password written into a database URL", () => {
    const config = resolveConfig({ registry: [{ type: "waffle-db", path: "mysql://shop:hunter2@db:3306/shop" }, { type: "json", path: "flags.json" }] }, "/project");
    expect(config.registry.map((source) => source.name)).toEqual(["mysql://shop@db:3306/shop", "flags.json"]);
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
