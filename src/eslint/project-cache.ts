import { clearReportedProblems } from "./problems.js";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Rule as ESLintRule, SourceCode } from "eslint";
import { findConfigFile } from "../config/load-config.js";
import { relinearize } from "../config/safe-regex.js";
import { createRuleContext } from "../engine.js";
import { applyKeyTransforms } from "../scan/key-transform.js";
import type { RuleContext } from "../rule.js";
import type { ProjectContext } from "../languages/language.js";
import type { FlagReference } from "../scan/reference.js";
import { isOwnSourceFile } from "../languages/typescript/parse.js";
import { typescriptLanguage } from "../languages/typescript/index.js";
import { TypeScriptScanner } from "../languages/typescript/scan/scanner.js";
import type ts from "../languages/typescript/typescript-api.cjs";
import type { LoadedProject } from "./load-project.js";
import { cancelProjectLoad, finishProjectLoad, startProjectLoad, type PendingLoad } from "./load-sync.js";
import { resolveKeysWithTypes } from "./type-keys.js";

/** `settings["flag-scan"]` in an ESLint config. */
export interface FlagScanSettings {
  /** The flag-scan config file, relative to ESLint's working directory. @default discovered from each linted file's directory upwards */
  config?: string;
}

/** One linted file's references, with everything a rule needs to check them. */
export interface FileScan {
  /** Relative to the project root, with `/`: what references and rule findings carry. */
  relativePath: string;
  references: FlagReference[];
  /** The context rules check (`references` are this file's). */
  ruleContext: RuleContext;
}

/** A loaded config with its registries and a prepared scanner, reused for every file it covers. */
interface Project {
  loaded: LoadedProject;
  /** The config file and registry files, with the stamp they had when loaded. */
  watched: Map<string, string>;
  needles: string[];
  scanner: TypeScriptScanner;
  /** Other files the scanner read to resolve imported constants, with their stamps. */
  graphFiles: Map<string, string>;
  /** When `watched` and `graphFiles` were last compared with the disk. */
  checkedAt: number;
  /** Registry lifecycles (git blame ages included) are computed once per flag, for all files. */
  baseContext: RuleContext;
}

interface FailedLoad {
  error: unknown;
  watched: Map<string, string>;
  failedAt: number;
}

/**
 * How often the config, registry and imported files are compared with the disk. A stat of each per linted
 * file would add up (a registry kept as one file per flag has hundreds); an edit is seen by the first lint
 * that starts this long after the previous check, which in an editor is the next one.
 */
const CHECK_INTERVAL_MS = 1000;
/** A failed load (a registry path that matches nothing yet) is retried after this long even if the config did not change. */
const RETRY_FAILED_LOAD_MS = 10_000;
/** `now` for staleness is refreshed this often in long editor sessions. */
const CONTEXT_MAX_AGE_MS = 60 * 60 * 1000;

const projects = new Map<string, Project | FailedLoad>();
const configFileByDirectory = new Map<string, string | undefined>();
/**
 * The last linted file's scan, shared by the plugin's rules: ESLint creates every rule for one file before
 * it moves to the next, so one slot is enough. Not a WeakMap keyed on SourceCode, which it was: on
 * matrix-react-sdk, some of V8's mark-compacts then kept the files linted since the previous one alive
 * (about 250 MB surviving where 55-70 MB do), and 5 of 26 lints peaked at 0.9-1.3 GB instead of about
 * 0.5 GB. With this slot, none of 60 did (bench/ANALYSIS.md, session 14).
 */
let lastScan: { sourceCode: SourceCode; scan: FileScan | null } | undefined;
const extensions = new Set<string>(typescriptLanguage.extensions);

/**
 * The references of the file an ESLint rule is linting, or undefined when the file cannot hold any (not
 * TS/JS, or its text mentions no accessor name). Computed once per lint of a file: the six rules of the
 * plugin share one scan (see `lastScan`).
 * @throws ConfigError when the flag-scan config or a registry is malformed, as the CLI would.
 */
export function getFileScan(context: ESLintRule.RuleContext): FileScan | undefined {
  const { sourceCode } = context;
  if (lastScan?.sourceCode === sourceCode) return lastScan.scan ?? undefined;
  const scan = scanLintedFile(context);
  lastScan = { sourceCode, scan: scan ?? null };
  return scan;
}

function scanLintedFile(context: ESLintRule.RuleContext): FileScan | undefined {
  const filename = path.resolve(context.cwd, context.filename);
  if (!extensions.has(path.extname(filename).toLowerCase())) return undefined;
  const settings = (context.settings["flag-scan"] ?? {}) as FlagScanSettings;
  const project = getProject(filename, context.cwd, settings);
  const text = context.sourceCode.text;
  // The cheap check first: most files of a code base never mention a flag accessor.
  if (!project.needles.some((needle) => text.includes(needle))) return undefined;
  const { config } = project.loaded;
  const relativePath = toPosix(path.relative(config.root, filename));
  const scanned = project.scanner.scanFile({ path: filename, relativePath, text, syntaxTree: parserSyntaxTree(context.sourceCode) });
  const references = resolveKeysWithTypes(scanned.references, context.sourceCode);
  // `newCheckout` read off `useFlags()` is the registry's `new-checkout`, in the editor as in the CLI.
  applyKeyTransforms(references, project.baseContext.registry);
  return { relativePath, references, ruleContext: { ...project.baseContext, references } };
}

/**
 * The TypeScript syntax tree @typescript-eslint/parser built for this lint, when the scanner can read it as
 * its own (same TypeScript): the file is then not parsed a second time. Other parsers, or another TypeScript
 * version next to the parser, leave the scanner to parse the text itself.
 */
function parserSyntaxTree(sourceCode: SourceCode): ts.SourceFile | undefined {
  const services = sourceCode.parserServices as { esTreeNodeToTSNodeMap?: { get(node: unknown): unknown } } | undefined;
  const tree = services?.esTreeNodeToTSNodeMap?.get(sourceCode.ast);
  return isOwnSourceFile(tree) && tree.text === sourceCode.text ? tree : undefined;
}

/**
 * Loads the project of a config ahead of the first lint (async, in this thread), so a long-running
 * host (a benchmark, an editor integration) does not pay the synchronous load inside a rule.
 * @param cwd where config discovery starts, or the directory `configFile` is relative to.
 */
export async function preloadProject(cwd: string, configFile?: string): Promise<void> {
  const file = configFile ? path.resolve(cwd, configFile) : findConfigFileCached(path.resolve(cwd));
  // Imported here: the plugin's thread otherwise never runs a project scan (the load worker does).
  const { loadProject } = await import("./load-project.js");
  projects.set(projectKey(file, cwd), createProject(await loadProject(file ? { cwd, configFile: file } : { cwd })));
}

/** Forgets every loaded project (tests; a host that knows everything changed). */
export function clearProjectCache(): void {
  clearReportedProblems();
  lastScan = undefined;
  projects.clear();
  configFileByDirectory.clear();
  if (earlyLoad) cancelProjectLoad(earlyLoad.load);
  earlyLoad = undefined;
}

let earlyLoad: { key: string; load: PendingLoad } | undefined;

/**
 * Starts loading the project whose flag-scan config covers `cwd` (ESLint's working directory) without
 * waiting for it. Called when the plugin is imported: the config, the registries and the project scan that
 * learns wrapper accessors (2 s on a 6,000-file repository) then run on another core while ESLint starts
 * and lists its files, and the first lint waits only for what is left. Without a config file there is
 * nothing to guess from, and the first lint loads as before.
 */
export function startLoadingEarly(cwd: string = process.cwd()): void {
  if (earlyLoad) return;
  const configFile = findConfigFileCached(path.resolve(cwd));
  if (!configFile) return;
  earlyLoad = { key: projectKey(configFile, cwd), load: startProjectLoad({ cwd, configFile }) };
}

/** The early load if it is the one `key` needs; an early load of another project is stopped. */
function takeEarlyLoad(key: string): PendingLoad | undefined {
  const early = earlyLoad;
  earlyLoad = undefined;
  if (!early) return undefined;
  if (early.key === key) return early.load;
  cancelProjectLoad(early.load);
  return undefined;
}

function getProject(filename: string, cwd: string, settings: FlagScanSettings): Project {
  const configFile = settings.config ? path.resolve(cwd, settings.config) : findConfigFileCached(path.dirname(filename));
  const key = projectKey(configFile, cwd);
  const known = projects.get(key);
  if (known && "error" in known) {
    if (!hasChanged(known.watched) && Date.now() - known.failedAt < RETRY_FAILED_LOAD_MS) throw known.error;
  } else if (known && !isDue(known)) {
    return known;
  } else if (known && !hasChanged(known.watched)) {
    refreshIfOld(known);
    return known;
  }
  try {
    const request = configFile ? { cwd, configFile } : { cwd };
    const pending = takeEarlyLoad(key) ?? startProjectLoad(request);
    let project = createProject(finishProjectLoad(pending));
    // Saved while the worker was reading (an early load runs for seconds before the first lint): load again.
    if (changedAfter(project.watched, pending.startedAt)) project = createProject(finishProjectLoad(startProjectLoad(request)));
    projects.set(key, project);
    return project;
  } catch (error) {
    projects.set(key, { error, watched: stamps(configFile ? [configFile] : []), failedAt: Date.now() });
    throw error;
  }
}

function projectKey(configFile: string | undefined, cwd: string): string {
  return configFile ?? `(no config file) ${cwd}`;
}

function createProject(answer: LoadedProject): Project {
  // A worker's answer is a structured clone: its naming pattern came back a plain (backtracking) RegExp.
  const loaded = { ...answer, config: { ...answer.config, naming: { pattern: answer.config.naming.pattern && relinearize(answer.config.naming.pattern) } } };
  const { config, registry } = loaded;
  const project: Project = {
    loaded,
    watched: stamps([...(config.configFile ? [config.configFile] : []), ...registry.files]),
    needles: [],
    scanner: new TypeScriptScanner({ retainScannedFiles: false }),
    graphFiles: new Map(),
    checkedAt: Date.now(),
    baseContext: createRuleContext([], registry, config),
  };
  project.needles = typescriptLanguage.needles(config.accessors);
  prepareScanner(project);
  return project;
}

function prepareScanner(project: Project): void {
  const { config, registry } = project.loaded;
  project.scanner = new TypeScriptScanner({ retainScannedFiles: false });
  project.graphFiles = new Map();
  const readFile = (file: string): string | undefined => {
    project.graphFiles.set(file, stampOf(file));
    try {
      return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
    } catch {
      return undefined;
    }
  };
  const context: ProjectContext = { root: config.root, config, registry, readFile };
  // prepare() is declared async for scanners that load grammars; the TypeScript one does all its work
  // before returning, and scanFile() throws a clear error if that ever changes.
  void project.scanner.prepare(context);
}

function isDue(project: Project): boolean {
  return Date.now() - project.checkedAt >= CHECK_INTERVAL_MS;
}

/** Picks up edits to files imported for key resolution (constants, enums) and refreshes `now`. */
function refreshIfOld(project: Project): void {
  const now = Date.now();
  project.checkedAt = now;
  if (hasChanged(project.graphFiles)) prepareScanner(project);
  if (now - project.baseContext.now >= CONTEXT_MAX_AGE_MS) {
    project.baseContext = createRuleContext([], project.loaded.registry, project.loaded.config, now);
  }
}

/** The config file that covers `directory`, found by `loadConfig`'s own discovery; cached per directory. */
function findConfigFileCached(directory: string): string | undefined {
  // Answered without a file-system call for a directory seen before (findConfigFile stats its start first).
  if (configFileByDirectory.has(directory)) return configFileByDirectory.get(directory);
  try {
    return findConfigFile(directory, configFileByDirectory);
  } catch {
    // A malformed package.json on the way: loadConfig reports it when it loads that project.
    return undefined;
  }
}

function stamps(files: readonly string[]): Map<string, string> {
  return new Map(files.map((file) => [file, stampOf(file)]));
}

/**
 * Modification time first (`changedAfter` reads it), then ctime, size and inode: two writes in one
 * timestamp tick (this file system's is 4 ms) can leave mtime and size alike, and an editor's atomic save
 * (a new file renamed over the old) has another inode.
 */
function stampOf(file: string): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}:${stat.ctimeMs}:${stat.size}:${stat.ino}` : "missing";
}

/**
 * Whether a file was modified after `time` (a `Date.now()`, whole milliseconds). Modification times have
 * sub-millisecond precision, so they are floored first: a file written in the very millisecond a load
 * started was written before the worker, which needs far longer than that to start, read it.
 */
function changedAfter(watched: ReadonlyMap<string, string>, time: number): boolean {
  for (const stamp of watched.values()) if (Math.floor(Number.parseFloat(stamp)) > time) return true;
  return false;
}

function hasChanged(watched: ReadonlyMap<string, string>): boolean {
  for (const [file, stamp] of watched) if (stampOf(file) !== stamp) return true;
  return false;
}

function toPosix(relative: string): string {
  return path.sep === "/" ? relative : relative.split(path.sep).join("/");
}
