import type { RegistryType, ResolvedRegistrySource } from "../config/schema.js";
import type { RegistryLoadResult } from "./definition.js";
import { loadDjangoMigrationsRegistry } from "../languages/python/django-migrations.js";
import { loadJsonRegistry } from "./json.js";
import { loadPythonRegistry } from "../languages/python/registry.js";
import { loadWaffleRegistry } from "./waffle.js";
import { loadWaffleDbRegistry } from "./waffle-db.js";
import { loadYamlRegistry } from "./yaml.js";

/** What every loader is told about the project. */
export interface RegistryLoadContext {
  /** Project root (the config file's directory): `path` globs are relative to it. */
  root: string;
  /** The config file, for error messages; undefined when the config was given programmatically. */
  configFile: string | undefined;
}

/**
 * Reads one registry source. Throws ConfigError when the source points nowhere and RegistryError
 * (with `file:line:column`) when its content is malformed.
 */
export type RegistryLoader = (source: ResolvedRegistrySource, context: RegistryLoadContext) => Promise<RegistryLoadResult>;

/** The loader of each registry `type`. A new registry type is one loader file and one line here. */
export const registryLoaders: Partial<Record<RegistryType, RegistryLoader>> = {
  // Loaded on demand: it brings TypeScript, which a worker scan keeps off the main thread.
  typescript: async (source, context) => (await import("../languages/typescript/registry.js")).loadTypeScriptRegistry(source, context),
  json: loadJsonRegistry,
  yaml: loadYamlRegistry,
  waffle: loadWaffleRegistry,
  python: loadPythonRegistry,
  "django-migrations": loadDjangoMigrationsRegistry,
  "waffle-db": loadWaffleDbRegistry,
};
