import path from "node:path";
import type { CallAccessorConfig, ResolvedConfig } from "../config/schema.js";
import type { FlagRegistry } from "../registry/definition.js";
import { compileTypeScriptAccessors } from "./accessors.js";
import { discoverFiles, toPosix, type SpecialFile } from "./discover-files.js";
import type { LanguageScanner, ProjectContext } from "./language.js";
import { createLanguageScanners } from "./languages.js";
import { createCachedReader, readText } from "./read-text.js";
import type { FlagReference, ScanError } from "./reference.js";
import { TYPESCRIPT_EXTENSIONS } from "./typescript/extensions.js";
import type { TypeScriptScanSession } from "./typescript/session.js";

export interface ScanProjectOptions {
  /** Absolute files or directories to limit the scan to (the CLI's positional paths). */
  paths?: readonly string[];
  /**
   * Exactly these files (absolute), known to belong to the project: no discovery walk. The cleanup's
   * re-scan of the files it rewrote uses this.
   */
  files?: readonly string[];
  /** A registry already loaded (the ESLint plugin and cleanup reuse theirs). */
  registry?: FlagRegistry;
  /**
   * Parse TypeScript in a worker thread that starts loading TypeScript while files are discovered.
   * `auto`: when running from the built package (the CLI). Tests run in-process.
   * @default "auto"
   */
  worker?: boolean | "auto";
}

/** What the scanner found, before rules run. */
export interface ProjectScan {
  config: ResolvedConfig;
  registry: FlagRegistry;
  /** Sorted by file, line, column. */
  references: FlagReference[];
  errors: ScanError[];
  stats: { filesDiscovered: number; filesParsed: number; linesDiscovered: number };
  /**
   * Accessors learned from the code: functions that pass a parameter straight to an accessor, renamed
   * re-exports. Tools that see one file at a time (the ESLint plugin) add them to the configured ones.
   */
  learnedAccessors: CallAccessorConfig[];
  /** Reads a project file (for suppressions and fingerprints); cached. */
  readFile(file: string): string | undefined;
}

/** Wrappers of wrappers are rare; four rounds of learning is plenty and bounds the work. */
const MAX_LEARNING_ROUNDS = 4;

/**
 * Scans a project: discover files, keep those whose text mentions an accessor, parse only those, find
 * references. Wrapper accessors learned on the way (`const useFlag = (n) => isFeatureEnabled(n)`) send the
 * files that mention them back through the scanner until nothing new is learned.
 */
export async function scanProject(config: ResolvedConfig, options: ScanProjectOptions = {}): Promise<ProjectScan> {
  const typescript = await openTypeScriptSession(config, options);
  try {
    return await scanWithSession(config, options, typescript);
  } finally {
    await typescript.close();
  }
}

async function openTypeScriptSession(config: ResolvedConfig, options: ScanProjectOptions): Promise<TypeScriptScanSession> {
  const sessionOptions = options.registry ? { config, registry: options.registry } : { config };
  const { isWorkerAvailable, createWorkerSession } = await import("./typescript/worker-session.js");
  const useWorker = options.worker === true || ((options.worker ?? "auto") === "auto" && isWorkerAvailable());
  if (useWorker) return createWorkerSession(sessionOptions);
  // Loaded lazily so that the main thread of a worker scan never pays for TypeScript.
  const { createInProcessSession } = await import("./typescript/in-process-session.js");
  return createInProcessSession(sessionOptions);
}

async function scanWithSession(config: ResolvedConfig, options: ScanProjectOptions, typescript: TypeScriptScanSession): Promise<ProjectScan> {
  const specialFiles: SpecialFile[] = [];
  const files = options.files ? [...options.files].sort() : await discoverFiles(config, options.paths, specialFiles);
  // Candidate texts read during the prefilter are kept here, so fingerprints and suppressions reuse them.
  const texts = new Map<string, string | undefined>();
  const readAbsolute = createCachedReader(texts);
  const readFile = (file: string): string | undefined => readAbsolute(path.resolve(config.root, file));
  const relative = (file: string) => toPosix(path.relative(config.root, file));
  const typescriptNeedles = compileTypeScriptAccessors(config.accessors).needles;
  const others = createLanguageScanners()
    .map((scanner) => ({ scanner, needles: scanner.needles(config.accessors) }))
    .filter((entry) => entry.needles.length > 0);

  const errors: ScanError[] = specialFiles.map(({ file, kind }) => ({ file: relative(file), message: `skipped: ${kind}, not a regular file (never opened)` }));
  const referencesByFile = new Map<string, FlagReference[]>();
  const parsed = new Set<string>();
  const otherCandidates: Array<{ file: string; scanner: LanguageScanner }> = [];
  let linesDiscovered = 0;

  for (const file of files) {
    const isTypeScript = isTypeScriptFile(file);
    const other = isTypeScript ? undefined : others.find(({ scanner }) => accepts(scanner, file, config.root));
    if (!isTypeScript && !other) continue;
    const { text, error, binary } = readText(file);
    if (error) errors.push({ file: relative(file), message: error });
    if (binary) errors.push({ file: relative(file), message: "skipped: binary content (NUL bytes) that is not UTF-8 or UTF-16 with a BOM" });
    if (text === undefined) continue;
    linesDiscovered += countLines(text);
    const needles = isTypeScript ? typescriptNeedles : other!.needles;
    // Texts of skipped files are not kept: most of a repository never mentions a flag.
    if (!needles.some((needle) => text.includes(needle))) continue;
    texts.set(file, text);
    parsed.add(file);
    if (isTypeScript) typescript.scan({ path: file, relativePath: relative(file), text });
    else otherCandidates.push({ file, scanner: other!.scanner });
  }

  const registry = await typescript.registry;
  const project: ProjectContext = { root: config.root, config, registry, readFile };
  for (const { scanner } of others) await scanner.prepare?.(project);
  for (const { file, scanner } of otherCandidates) {
    try {
      const result = await scanner.scanFile({ path: file, relativePath: relative(file), text: texts.get(file)! }, project);
      referencesByFile.set(file, result.references);
      errors.push(...result.errors);
    } catch (error) {
      errors.push({ file: relative(file), message: `could not be scanned: ${firstLine(error)}` });
    }
  }

  // Wrappers learned in one file make callers in other files references too.
  const typescriptErrors = new Map<string, ScanError[]>();
  let learnedAccessors: CallAccessorConfig[] = [];
  for (let round = 0; ; round++) {
    const { files: scanned, learnedNeedles, learnedAccessors: learned } = await typescript.flush();
    learnedAccessors = learned;
    for (const result of scanned) {
      referencesByFile.set(result.path, result.references);
      typescriptErrors.set(result.path, result.errors);
    }
    if (learnedNeedles.length === 0 || round === MAX_LEARNING_ROUNDS) break;
    for (const file of files) {
      if (!isTypeScriptFile(file)) continue;
      const text = readFile(file);
      if (text === undefined || !learnedNeedles.some((needle) => text.includes(needle))) continue;
      parsed.add(file);
      typescript.scan({ path: file, relativePath: relative(file), text });
    }
  }
  errors.push(...[...typescriptErrors.values()].flat());

  const references = [...referencesByFile.values()].flat().sort(compareReferences);
  if (config.typeInformation !== false) {
    const { resolveKeysWithTypes } = await import("./typescript/type-resolver.js");
    resolveKeysWithTypes(references, config);
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  return {
    config,
    registry,
    references,
    errors,
    stats: { filesDiscovered: files.length, filesParsed: parsed.size, linesDiscovered },
    learnedAccessors,
    readFile,
  };
}

function isTypeScriptFile(file: string): boolean {
  return (TYPESCRIPT_EXTENSIONS as readonly string[]).includes(path.extname(file).toLowerCase());
}

function accepts(scanner: LanguageScanner, file: string, root: string): boolean {
  const extension = path.extname(file).toLowerCase();
  if (!scanner.extensions.includes(extension)) return false;
  return scanner.accepts ? scanner.accepts(toPosix(path.relative(root, file))) : true;
}

function countLines(text: string): number {
  let lines = 1;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) lines++;
  return lines;
}

function compareReferences(a: FlagReference, b: FlagReference): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
