/**
 * flag-scan's programmatic API: scan a project, clean up a flag, define a config with types.
 * @example
 * import { scan } from "flag-scan";
 * const result = await scan({ cwd: "path/to/repo" });
 * for (const finding of result.findings) console.log(finding.file, finding.line, finding.message);
 */
import { resolve } from "node:path";
import { allRules } from "../rules/index.js";
import { loadConfig, resolveConfig } from "./config/load-config.js";
import type { UserConfig } from "./config/schema.js";
import type { Language } from "./languages/language.js";
import { analyze, loadAndScan } from "./engine.js";
import type { ScanResult } from "./result.js";
import { redactDeep } from "./redact.js";
import { asFlagScanError } from "./internal-error.js";
import { cleanup as cleanupOrThrow, type CleanupOptions, type CleanupResult } from "./cleanup/cleanup.js";

export interface ScanOptions {
  /** Where config discovery starts and relative paths are resolved. @default process.cwd() */
  cwd?: string;
  /** A config file path (relative to `cwd`), or a config object whose paths are relative to `cwd`. */
  config?: string | UserConfig;
  /** Files or directories (relative to `cwd`) to limit the scan to. */
  paths?: string[];
  /** The moment "now" for stale checks (ms since epoch). @default Date.now() */
  now?: number;
  /** The languages to read. @default `languages`, every language flag-scan ships */
  languages?: readonly Language[];
}

/**
 * Scans a project and runs every rule: the same result `flag-scan --format json` prints.
 * @throws FlagScanError (ConfigError, RegistryError, ...) on bad input; an internal crash is an
 *   InternalError (a FlagScanError whose `cause` is the original). The CLI exits 2 for every one of them.
 */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  try {
    return await scanOrThrow(options);
  } catch (error) {
    throw asFlagScanError(error);
  }
}

/**
 * Removes a retired flag (`flag-scan cleanup`). Errors as {@link scan}'s.
 */
export async function cleanup(options: CleanupOptions): Promise<CleanupResult> {
  try {
    return await cleanupOrThrow(options);
  } catch (error) {
    throw asFlagScanError(error);
  }
}

async function scanOrThrow(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const { languages } = options;
  const config =
    typeof options.config === "object"
      ? resolveConfig(options.config, cwd, undefined, languages)
      : await loadConfig({ cwd, ...(options.config === undefined ? {} : { configFile: options.config }), ...(languages ? { languages } : {}) });
  const scanned = await loadAndScan(config, { paths: (options.paths ?? []).map((p) => resolve(cwd, p)), languages });
  return redactDeep(analyze(scanned, allRules, { now: options.now, durationMs: Math.round(performance.now() - started) }));
}

/** Gives a `flag-scan.config.ts`/`.js` its types. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}

export { loadConfig, resolveConfig } from "./config/load-config.js";
export { scanProject, type ProjectScan } from "./scan/scan-project.js";
export { analyze, loadAndScan, loadProjectRegistry } from "./engine.js";
export type { CleanupOptions, CleanupResult, FileChange } from "./cleanup/cleanup.js";
export { languages } from "./languages/index.js";
export type * from "./languages/language.js";
export { allRules } from "../rules/index.js";
export { FlagScanError, ConfigError, RegistryError, CleanupError, UsageError } from "./errors.js";
export { InternalError, EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR } from "./internal-error.js";
export type * from "./config/schema.js";
export type { ScanResult, Finding, FlagSummary, ScanStats } from "./result.js";
export type { FlagReference, ReferenceKind, ScanError, GuardInfo } from "./scan/reference.js";
export type { FlagDefinition, FlagMetadata, FlagRegistry, FlagState } from "./registry/definition.js";
export type { Rule, RuleContext } from "./rule.js";
