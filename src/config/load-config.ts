import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv, type ErrorObject } from "ajv";
import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import { ConfigError } from "../errors.js";
import { configJsonSchema } from "./json-schema.js";
import { DEFAULT_PRESETS, presets } from "./presets/index.js";
import {
  DEFAULT_INCLUDE,
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

export interface LoadConfigOptions {
  /** Where discovery starts (walking up to the filesystem root). */
  cwd: string;
  /** An explicit config file, relative to `cwd`: no discovery. */
  configFile?: string;
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
  return resolveConfig(found.config, root, found.file);
}

/** Walks up from `start` to the first directory holding a config file or a package.json `"flag-scan"` key. */
export async function discoverConfig(start: string): Promise<FoundConfig> {
  let dir = path.resolve(start);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = path.dirname(dir);
  const file = findConfigFile(dir);
  return file === undefined ? { file: undefined, config: {} } : readConfigFile(file);
}

/**
 * The config file that covers `directory`: the first directory upwards holding one of CONFIG_FILE_NAMES or
 * a package.json with a `"flag-scan"` key. The CLI and the ESLint plugin both find configs this way;
 * `cache` (directory to answer) spares an editor the walk for every file it lints.
 * @throws ConfigError for a package.json on the way that is not valid JSON.
 */
export function findConfigFile(directory: string, cache?: Map<string, string | undefined>): string | undefined {
  const visited: string[] = [];
  let found: string | undefined;
  for (let dir = path.resolve(directory); ; ) {
    if (cache?.has(dir)) {
      found = cache.get(dir);
      break;
    }
    visited.push(dir);
    found = configFileIn(dir);
    if (found) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const dir of visited) cache?.set(dir, found);
  return found;
}

function configFileIn(dir: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  const packageJson = path.join(dir, "package.json");
  if (!existsSync(packageJson)) return undefined;
  const manifest = parseJsonFile(packageJson);
  return manifest && typeof manifest === "object" && "flag-scan" in manifest ? packageJson : undefined;
}

/** Reads one config file of any supported kind. */
export async function readConfigFile(file: string): Promise<FoundConfig> {
  if (!existsSync(file)) {
    throw new ConfigError(`config file ${file} does not exist`, "pass a path relative to the current directory");
  }
  if (file.endsWith(".json")) {
    const json = parseJsonFile(file);
    const config = path.basename(file) === "package.json" ? (json as Record<string, unknown>)["flag-scan"] : json;
    return { file, config: (config ?? {}) as UserConfig };
  }
  try {
    const module = file.endsWith(".ts") ? await importTypeScript(file) : await import(pathToFileURL(file).href);
    return { file, config: (module.default ?? module) as UserConfig };
  } catch (error) {
    throw new ConfigError(`${path.basename(file)} failed to load: ${firstLine(error)} (${file})`);
  }
}

async function importTypeScript(file: string): Promise<{ default?: unknown }> {
  // jiti is what ESLint uses for eslint.config.ts: Node 20 cannot import TypeScript by itself.
  const { createJiti } = await import("jiti");
  const jiti = createJiti(import.meta.url, { interopDefault: true });
  return { default: await jiti.import(file, { default: true }) };
}

/** Parses JSON with comments and trailing commas allowed, as tsconfig does; errors carry their position. */
function parseJsonFile(file: string): unknown {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first) {
    throw new ConfigError(`${file}:${lineColumnAt(text, first.offset)}: invalid JSON: ${printParseErrorCode(first.error)}`);
  }
  return value;
}

function lineColumnAt(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `${line}:${column}`;
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0] ?? "";
}

let validator: ReturnType<Ajv["compile"]> | undefined;

function getValidator() {
  if (!validator) {
    validator = new Ajv({ allErrors: false, strict: false }).compile(configJsonSchema);
  }
  return validator;
}

/** Validates a user config and applies defaults. `root` is the directory paths are relative to. */
export function resolveConfig(config: UserConfig, root: string, configFile?: string): ResolvedConfig {
  const where = configFile ? path.basename(configFile) : "config";
  if (config === null || typeof config !== "object" || Array.isArray(config)) {
    throw new ConfigError(`the configuration must be an object (${where})`);
  }
  const validate = getValidator();
  if (!validate(config)) {
    throw new ConfigError(`${describeSchemaError(validate.errors?.[0], config)} (${where})`, "see schema/flag-scan.schema.json for every key");
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
    include: config.include ?? DEFAULT_INCLUDE,
    exclude: config.exclude ?? [],
    gitignore: config.gitignore ?? true,
    registry: (config.registry ?? []).map((source, index) => ({ ...source, index, name: source.name ?? source.path })),
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
  };
}

function compilePattern(pattern: string, key: string, where: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new ConfigError(`${key} is not a valid regular expression: ${firstLine(error)} (${where})`);
  }
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
      return `${key ? `${key}.` : ""}${extra} is not a known key`;
    }
    case "required":
      return `${key || "the configuration"} is missing "${(error.params as { missingProperty: string }).missingProperty}"`;
    case "enum":
      return `${key}${shown} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues).map((v) => JSON.stringify(v)).join(", ")}`;
    case "anyOf":
      return `${key}${shown} does not match any accepted form (see the accessor and registry reference)`;
    default:
      return `${key || "the configuration"}${shown} ${error.message ?? "is invalid"}`;
  }
}
