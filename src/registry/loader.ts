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
export interface RegistryLoader {
  (source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult>;
  /** What it reads as flags, for the message when a source yields none ("module-level string constants"). */
  readonly reads?: string;
  /** Whether its source takes `export` (a declaration in code), so the empty-source hint can name it. */
  readonly readsExports?: boolean;
}

/** A loader that says what it reads, and whether its source picks a declaration with `export`. */
export function registryLoader(
  reads: string,
  load: (source: ResolvedRegistrySource, context: RegistryLoadContext) => Promise<RegistryLoadResult>,
  options: { readsExports?: boolean } = {},
): RegistryLoader {
  return Object.assign(load, { reads, readsExports: options.readsExports === true });
}
