import { didYouMean } from "../did-you-mean.js";
import { RULE_IDS } from "./rule-ids.js";
import { createRequire } from "node:module";
import { crashIfAsked } from "../internal-error.js";
import { redact } from "../redact.js";
import { MAX_CONFIG_BYTES, readBoundedFileSync } from "../read-file.js";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ErrorObject, ValidateFunction } from "ajv";
import { acceptedConfigs } from "./accepted-configs.js";
import { compileConfigValidator } from "./config-validator.js";
import type { ParseError } from "jsonc-parser";
import { languages as defaultLanguages } from "../languages/index.js";
import { defaultIncludeOf, type Language } from "../languages/language.js";
import { ConfigError } from "../errors.js";
import { compileConfigPattern } from "./safe-regex.js";
import { DEFAULT_PRESETS, presets } from "./presets/index.js";
import { readConfigJsonSchema } from "./published-schema.js";
import {
  DEFAULT_NAMING_PATTERN,
  DEFAULT_NESTING_MAX_DEPTH,
  DEFAULT_STALE_MAX_AGE_DAYS,
  type AccessorConfig,
  type ResolvedConfig,
  type UserConfig,
} from "./schema.js";

/** Config files looked for in each directory, in this order. */
export const CONFIG_FILE_NAMES = [
  "flag-scan.config.json",
  "flag-scan.config.js",
  "flag-scan.config.mjs",
  "flag-scan.config.ts",
] as const;

/** Every file of every language flag-scan ships (see `defaultIncludeOf`). */
export const DEFAULT_INCLUDE = defaultIncludeOf(defaultLanguages);

export interface LoadConfigOptions {
  /** Where discovery starts (walking up to the filesystem root). */
  cwd: string;
  /** An explicit config file, relative to `cwd`: no discovery. */
  configFile?: string;
  /** The languages whose files the default `include` finds. @default every language flag-scan ships */
  languages?: readonly Language[];
}

/** A config as found on disk, before defaults. */
export interface FoundConfig {
  file: string | undefined;
  config: UserConfig;
}

/**
 * Finds and loads the config for `cwd`, validates it against the published schema and applies the defaults.
 * Throws ConfigError (one line: file, key, problem) when the config is malformed.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const found = options.configFile
    ? await readConfigFile(path.resolve(options.cwd, options.configFile))
    : await discoverConfig(options.cwd);
  const root = found.file ? path.dirname(found.file) : path.resolve(options.cwd);
  return resolveConfig(found.config, root, found.file, options.languages);
}

/**
 * Walks up from `start` to the first directory holding a config file or a package.json `"flag-scan"` key,
 * and never above the repository root (see {@link findConfigFile}).
 */
export async function discoverConfig(start: string): Promise<FoundConfig> {
  const file = findConfigFile(start);
  return file === undefined ? { file: undefined, config: {} } : readConfigFile(file);
}

/**
 * The config file that covers `start` (a directory or a file): the first of {@link CONFIG_FILE_NAMES}, or a
 * package.json with a `"flag-scan"` key, in `start` or a directory above it. The CLI and the ESLint plugin
 * both find configs this way. The walk stops at the repository root, the first directory holding `.git` or
 * a package.json with `workspaces`: a config in a parent directory (a home directory, a checkout of
 * something else) belongs to another project, and since a JS/TS config executes code, it must never be
 * picked up. `cache` (directory to answer) spares an editor the walk for every file it lints.
 * @throws ConfigError when a package.json on the way is malformed.
 */
export function findConfigFile(start: string, cache?: Map<string, string | undefined>): string | undefined {
  let dir = path.resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  const visited: string[] = [];
  let found: string | undefined;
  for (;;) {
    if (cache?.has(dir)) {
      found = cache.get(dir);
      break;
    }
    visited.push(dir);
    const here = configFileIn(dir);
    found = here.file;
    if (found !== undefined || here.isRepositoryRoot) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const directory of visited) cache?.set(directory, found);
  return found;
}

/** The config file of one directory, and whether that directory is a repository root. */
export function configFileIn(dir: string): { file: string | undefined; isRepositoryRoot: boolean } {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return { file: candidate, isRepositoryRoot: false };
  }
  const packageJson = path.join(dir, "package.json");
  let isRepositoryRoot = existsSync(path.join(dir, ".git"));
  if (existsSync(packageJson)) {
    const pkg = parseJsonFile(packageJson) as Record<string, unknown> | null;
    if (pkg && typeof pkg === "object" && "flag-scan" in pkg) return { file: packageJson, isRepositoryRoot: false };
    if (pkg && typeof pkg === "object" && "workspaces" in pkg) isRepositoryRoot = true;
  }
  return { file: undefined, isRepositoryRoot };
}

/** Reads one config file of any supported kind. */
export async function readConfigFile(file: string): Promise<FoundConfig> {
  if (!existsSync(file)) {
    throw new ConfigError(`config file ${file} does not exist`, "pass a path relative to the current directory");
  }
  if (file.endsWith(".json")) {
    const json = parseJsonFile(file);
    const config = path.basename(file) === "package.json" ? (json as Record<string, unknown>)["flag-scan"] : json;
    // An empty file is an empty config; an explicit `null` is a mistake resolveConfig reports.
    return { file, config: (config === undefined ? {} : config) as UserConfig };
  }
  // Stat'ed before anything else: a FIFO named flag-scan.config.js would block the import forever.
  readBoundedFileSync(file, file, MAX_CONFIG_BYTES, ConfigError);
  try {
    const module = file.endsWith(".ts") ? await importTypeScript(file) : await import(pathToFileURL(file).href);
    return { file, config: (module.default ?? module) as UserConfig };
  } catch (error) {
    throw new ConfigError(`${path.basename(file)} failed to load: ${firstLine(error)} (${file})`);
  }
}

/**
 * {@link readConfigFile}, synchronously (for the ESLint plugin's config, built when ESLint imports it).
 * A JS/TS config is loaded through jiti's synchronous require; one with top-level await cannot be.
 */
export function readConfigFileSync(file: string): FoundConfig {
  if (file.endsWith(".json")) {
    const json = parseJsonFile(file);
    const config = path.basename(file) === "package.json" ? (json as Record<string, unknown>)["flag-scan"] : json;
    return { file, config: config as UserConfig };
  }
  readBoundedFileSync(file, file, MAX_CONFIG_BYTES, ConfigError);
  const { createJiti } = createRequire(import.meta.url)("jiti") as typeof import("jiti");
  const module = createJiti(import.meta.url, { interopDefault: true })(file) as { default?: unknown };
  return { file, config: (module?.default ?? module) as UserConfig };
}

async function importTypeScript(file: string): Promise<{ default?: unknown }> {
  // jiti is what ESLint uses for eslint.config.ts: Node 20 cannot import TypeScript by itself.
  const { createJiti } = await import("jiti");
  const jiti = createJiti(import.meta.url, { interopDefault: true });
  return { default: await jiti.import(file, { default: true }) };
}

/** Parses JSON with comments and trailing commas allowed, as tsconfig does; errors carry their position. */
function parseJsonFile(file: string): unknown {
  const text = readBoundedFileSync(file, file, MAX_CONFIG_BYTES, ConfigError).toString("utf8").replace(/^\uFEFF/, "");
  // Most configs are plain JSON: parsed so, jsonc-parser (2.5 ms to load) is needed only for comments,
  // trailing commas and the position of an error.
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not strict JSON: read it as JSON with comments below.
  }
  const { parse: parseJsonc, printParseErrorCode } = jsoncParser();
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) {
    throw new ConfigError(`${file}:${lineColumnAt(text, first.offset)}: invalid JSON: ${printParseErrorCode(first.error)}`);
  }
  return value;
}

/** jsonc-parser, loaded when a config is not strict JSON. */
const jsoncParser = (): typeof import("jsonc-parser") => createRequire(import.meta.url)("jsonc-parser") as typeof import("jsonc-parser");

function lineColumnAt(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${line}:${column}`;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0] ?? "";
}

let validator: ValidateFunction | undefined;

function getValidator() {
  validator ??= compileConfigValidator(readConfigJsonSchema());
  return validator;
}

/** Validates a user config and applies defaults. `root` is the directory paths are relative to. */
export function resolveConfig(config: UserConfig, root: string, configFile?: string, languages?: readonly Language[]): ResolvedConfig {
  crashIfAsked();
  const where = configFile ? path.basename(configFile) : "config";
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new ConfigError(`the configuration must be an object, not ${config === null ? "null" : Array.isArray(config) ? "an array" : typeof config} (${where})`, "write {} for an empty config");
  }
  const accepted = acceptedConfigs(config);
  if (!accepted.acceptedBefore) checkAccessorForms(config, where);
  for (const [index, pattern] of (config.include ?? []).entries()) {
    if (typeof pattern === "string" && (path.isAbsolute(pattern) || /(^|\/)\.\.(\/|$)/.test(pattern))) {
      throw new ConfigError(`include[${index}] "${pattern}" leads outside the project root (${where})`, "put the config file in a directory that holds every file to scan");
    }
  }
  if (!accepted.acceptedBefore) {
    const validate = getValidator();
    if (!validate(config)) {
      throw new ConfigError(`${describeSchemaError(validate.errors?.[0], config)} (${where})`, "see schema/flag-scan.schema.json for every key");
    }
    accepted.remember();
  }

  for (const id of Object.keys(config.rules ?? {})) {
    if (!(RULE_IDS as readonly string[]).includes(id)) {
      throw new ConfigError(`rules.${id} is not a known rule id${didYouMean(id, RULE_IDS)} (${where})`, `the rules are: ${RULE_IDS.join(", ")}`);
    }
  }

  const presetNames = config.presets ?? (config.accessors ? [] : DEFAULT_PRESETS);
  const accessors: AccessorConfig[] = [];
  for (const name of presetNames) accessors.push(...(presets[name] ?? []));
  accessors.push(...(config.accessors ?? []));

  for (const [index, accessor] of accessors.entries()) {
    if (accessor.keyPattern !== undefined) compilePattern(accessor.keyPattern, `accessors[${index}].keyPattern`, where);
  }
  (config.registry ?? []).forEach((source, index) => {
    if (source.keyPattern !== undefined) compilePattern(source.keyPattern, `registry[${index}].keyPattern`, where);
  });

  const typeInformation = config.typeInformation;
  return {
    root,
    configFile,
    include: config.include ?? (languages ? defaultIncludeOf(languages) : DEFAULT_INCLUDE),
    exclude: config.exclude ?? [],
    gitignore: config.gitignore ?? true,
    registry: (config.registry ?? []).map((source, index) => ({ ...source, index, name: source.name ?? redact(source.path) })),
    mirrors: config.mirrors ?? [],
    accessors,
    presets: presetNames,
    // `^ff_` is flag-scan's own convention: SDK presets name flags as their dashboards do.
    naming: {
      pattern:
        config.naming?.pattern !== undefined
          ? compilePattern(config.naming.pattern, "naming.pattern", where)
          : presetNames.includes("flag-scan")
            ? new RegExp(DEFAULT_NAMING_PATTERN)
            : undefined,
    },
    stale: { maxAgeDays: config.stale?.maxAgeDays ?? DEFAULT_STALE_MAX_AGE_DAYS },
    nesting: { maxDepth: config.nesting?.maxDepth ?? DEFAULT_NESTING_MAX_DEPTH },
    rules: config.rules ?? {},
    typeInformation:
      typeInformation === true
        ? { tsconfig: undefined }
        : typeof typeInformation === "object"
          ? { tsconfig: typeInformation.tsconfig }
          : false,
    ...(config.entry !== undefined ? { entry: config.entry } : {}),
    ...(config.catalogs !== undefined ? { catalogs: config.catalogs } : {}),
  };
}

function compilePattern(pattern: string, key: string, where: string): RegExp {
  return compileConfigPattern(pattern, key, where);
}

/** The key that says which kind of accessor an object is; exactly one must be present. */
const ACCESSOR_KINDS = ["call", "member", "jsx", "hoc", "decorator", "templateTag", "classAttribute", "flagsObject", "definitionObject"];

/**
 * Accessors are a union of object shapes, where a schema error names whichever branch failed first
 * (`{ "calls": "x" }` would be "missing call"): the forms are checked here first, with a did-you-mean.
 */
function checkAccessorForms(config: UserConfig, where: string): void {
  if (!Array.isArray(config.accessors)) return;
  const schema = readConfigJsonSchema() as { definitions: Record<string, { anyOf?: Array<{ $ref: string }>; properties?: object }> };
  const branches = (schema.definitions.AccessorConfig!.anyOf ?? []).map(({ $ref }) => Object.keys(schema.definitions[$ref.split("/").pop()!]?.properties ?? {}));
  const allKeys = [...new Set(branches.flat())];
  config.accessors.forEach((accessor, index) => {
    if (accessor === null || typeof accessor !== "object" || Array.isArray(accessor)) return;
    const keys = Object.keys(accessor);
    const kinds = keys.filter((k) => ACCESSOR_KINDS.includes(k));
    for (const k of keys) {
      if (!allKeys.includes(k)) throw new ConfigError(`accessors[${index}].${k} is not a known key${didYouMean(k, allKeys)} (${where})`, "see the accessor reference in the README");
    }
    if (kinds.length === 0) {
      throw new ConfigError(`accessors[${index}] says nothing about how code checks a flag: give one of ${ACCESSOR_KINDS.join(", ")} (${where})`);
    }
    if (kinds.length > 1) {
      throw new ConfigError(`accessors[${index}] is both ${kinds.join(" and ")}: an accessor has exactly one of ${ACCESSOR_KINDS.join(", ")} (${where})`, "split it into one accessor per form");
    }
    const branch = branches.find((b) => b.includes(kinds[0]!))!;
    for (const k of keys) {
      if (!branch.includes(k)) throw new ConfigError(`accessors[${index}].${k} does not apply to a ${kinds[0]} accessor (${where})`, `a ${kinds[0]} accessor takes ${branch.join(", ")}`);
    }
  });
}

/** Turns Ajv's `/registry/1/type must be equal to one of the allowed values` into `registry[1].type "x" must be one of ...`. */
function describeSchemaError(error: ErrorObject | undefined, config: unknown): string {
  if (!error) return "the configuration is invalid";
  const segments = error.instancePath.split("/").slice(1);
  const key = segments.reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : acc ? `${acc}.${segment}` : segment), "");
  const value = segments.reduce<unknown>((node, segment) => (node as Record<string, unknown> | undefined)?.[segment], config);
  const shown = value === undefined || typeof value === "object" ? "" : ` ${JSON.stringify(value)}`;
  switch (error.keyword) {
    case "additionalProperties": {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `${key ? `${key}.` : ""}${extra} is not a known key${didYouMean(extra, known)}`;
    }
    case "required":
      return `${key || "the configuration"} is missing "${(error.params as { missingProperty: string }).missingProperty}"`;
    case "enum":
      if (typeof value === "string") {
        const suggestion = didYouMean(value, (error.params as { allowedValues: unknown[] }).allowedValues.map(String));
        if (suggestion) return `${key}${shown} is not allowed${suggestion}`;
      }
      return `${key}${shown} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(", ")}`;
    case "anyOf":
      return `${key}${shown} does not match any accepted form (see the accessor and registry reference)`;
    default:
      return `${key || "the configuration"}${shown} ${error.message ?? "is invalid"}`;
  }
}
