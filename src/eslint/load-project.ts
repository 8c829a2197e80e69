import { loadConfig, type LoadConfigOptions } from "../config/load-config.js";
import type { ResolvedConfig } from "../config/schema.js";
import type { FlagRegistry } from "../registry/definition.js";
import { loadAndScanCached } from "../scan/result-cache.js";

/** A config and its registries, as the CLI loads them. */
export interface LoadedProject {
  config: ResolvedConfig;
  registry: FlagRegistry;
}

/**
 * Loads a config and its registries, and adds to the config's accessors the wrappers the project defines.
 * ESLint sees one file at a time, so the wrappers other files define are learned once by a project scan,
 * as the CLI learns them; the editor and CI then find the same references.
 * The scan's result is cached as `flag-scan --cache` caches it (src/scan/result-cache.ts).
 */
export async function loadProject(request: LoadConfigOptions): Promise<LoadedProject> {
  const config = await loadConfig(request);
  // Through the CLI's result cache (node_modules/.cache/flag-scan): after a `flag-scan --cache` run or
  // an earlier editor session, an unchanged project loads without parsing; any change rescans it.
  const { scan } = await loadAndScanCached(config, { worker: false });
  return { config: { ...config, accessors: [...config.accessors, ...scan.learnedAccessors] }, registry: scan.registry };
}
