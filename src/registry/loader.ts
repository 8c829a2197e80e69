import type { ResolvedRegistrySource } from "../config/schema.js";
import type { RegistryLoadResult } from "./definition.js";

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
