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
  // Through the CLI's result cache (node_modules/.cache/flag-scan): after an earlier editor session an
  // unchanged project loads without parsing, and the per-file facts a `flag-scan --cache` run left spare
  // the parse of unchanged files. Only the files that can teach a wrapper are scanned (`learnOnly`), so
  // the result goes in a slot of its own: its references are not a whole scan's.
  const { scan } = await loadAndScanCached(config, { worker: false, learnOnly: true, slot: "eslint-load" });
  return { config: { ...config, accessors: [...config.accessors, ...scan.learnedAccessors] }, registry: scan.registry };
}
