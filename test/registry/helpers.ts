import { DEFAULT_INCLUDE } from "../../src/config/load-config.js";
import path from "node:path";
import {
  DEFAULT_NAMING_PATTERN,
  DEFAULT_NESTING_MAX_DEPTH,
  DEFAULT_STALE_MAX_AGE_DAYS,
  type RegistrySourceConfig,
  type ResolvedConfig,
} from "../../src/config/schema.js";
import type { FlagRegistry } from "../../src/registry/definition.js";

export const REGISTRY_FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/scan/registry");

/** A resolved config for `root` whose only interesting part is its registry sources. */
export function configWithRegistry(root: string, registry: RegistrySourceConfig[]): ResolvedConfig {
  return {
    root,
    configFile: path.join(root, "flag-scan.config.json"),
    include: DEFAULT_INCLUDE,
    exclude: [],
    gitignore: true,
    registry: registry.map((source, index) => ({ ...source, index, name: source.name ?? source.path })),
    mirrors: [],
    accessors: [],
    presets: [],
    naming: { pattern: new RegExp(DEFAULT_NAMING_PATTERN) },
    stale: { maxAgeDays: DEFAULT_STALE_MAX_AGE_DAYS },
    nesting: { maxDepth: DEFAULT_NESTING_MAX_DEPTH },
    rules: {},
    typeInformation: false,
  };
}

/** Every definition in merge order, with the source reduced to its index: what expected.json lists. */
export function describeRegistry(registry: FlagRegistry, root: string) {
  return {
    definitions: [...registry.bySlug.values()].flat().map(({ source, ...definition }) => ({
      ...definition,
      source: source.index,
    })),
    files: registry.files.map((file) => path.relative(root, file).split(path.sep).join("/")),
  };
}
