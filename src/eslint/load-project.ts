import { loadConfig, type LoadConfigOptions } from "../config/load-config.js";
import type { ResolvedConfig } from "../config/schema.js";
import type { FlagRegistry } from "../registry/definition.js";
import { loadAndScan, loadProjectRegistry } from "../engine.js";

/** A config and its registries, as the CLI loads them. */
export interface LoadedProject {
  config: ResolvedConfig;
  registry: FlagRegistry;
}

/**
 * Loads a config and its registries, and adds to the config's accessors the wrappers the project defines.
 * ESLint sees one file at a time, so the wrappers other files define are learned once by a project scan,
 * as the CLI learns them; the editor and CI then find the same references.
 */
export async function loadProject(request: LoadConfigOptions): Promise<LoadedProject> {
  const config = await loadConfig(request);
  const registry = await loadProjectRegistry(config);
  const { learnedAccessors } = await loadAndScan(config, { registry, worker: false });
  return { config: { ...config, accessors: [...config.accessors, ...learnedAccessors] }, registry };
}
