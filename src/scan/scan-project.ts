import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import type { FlagRegistry } from "../registry/definition.js";
import { loadRegistry } from "../registry/load-registry.js";
import { discoverFiles, toPosix } from "./discover-files.js";
import type { LanguageScanner, ProjectContext } from "./language.js";
import { createLanguageScanners } from "./languages.js";
import type { FlagReference, ScanError } from "./reference.js";
import { TypeScriptScanner } from "./typescript/scanner.js";

/** Files larger than this are generated or vendored; parsing them would cost seconds and find nothing. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export interface ScanProjectOptions {
  /** Absolute files or directories to limit the scan to (the CLI's positional paths). */
  paths?: readonly string[];
  /** A registry already loaded (the ESLint plugin and cleanup reuse theirs). */
  registry?: FlagRegistry;
}

/** What the scanner found, before rules run. */
export interface ProjectScan {
  config: ResolvedConfig;
  registry: FlagRegistry;
  /** Sorted by file, line, column. */
  references: FlagReference[];
  errors: ScanError[];
  stats: { filesDiscovered: number; filesParsed: number; linesDiscovered: number };
  /** Reads a project file the scan read (for suppressions and fingerprints). */
  readFile(file: string): string | undefined;
}

/**
 * Scans a project: discover files, keep those whose text mentions an accessor, parse only those, find
 * references. Wrapper accessors learned on the way (`const useFlag = (n) => isFeatureEnabled(n)`) send the
 * files that mention them back through the scanner until nothing new is learned.
 */
export async function scanProject(config: ResolvedConfig, options: ScanProjectOptions = {}): Promise<ProjectScan> {
  const [registry, files] = await Promise.all([
    options.registry ? Promise.resolve(options.registry) : loadRegistry(config),
    discoverFiles(config, options.paths),
  ]);
  const texts = new Map<string, string | undefined>();
  const readFile = (file: string): string | undefined => {
    const absolute = path.resolve(config.root, file);
    if (texts.has(absolute)) return texts.get(absolute);
    const text = readText(absolute).text;
    texts.set(absolute, text);
    return text;
  };
  const project: ProjectContext = { root: config.root, config, registry, readFile };
  const scanners = createLanguageScanners();
  const active = scanners
    .map((scanner) => ({ scanner, needles: scanner.needles(config.accessors) }))
    .filter((entry) => entry.needles.length > 0);
  for (const { scanner } of active) await scanner.prepare?.(project);

  const errors: ScanError[] = [];
  const referencesByFile = new Map<string, FlagReference[]>();
  const skipped: Array<{ file: string; scanner: LanguageScanner }> = [];
  const parsed = new Set<string>();
  let linesDiscovered = 0;

  const scanOne = async (file: string, text: string, scanner: LanguageScanner) => {
    const relativePath = toPosix(path.relative(config.root, file));
    try {
      const result = await scanner.scanFile({ path: file, relativePath, text }, project);
      referencesByFile.set(file, result.references);
      errors.push(...result.errors);
    } catch (error) {
      errors.push({ file: relativePath, message: `could not be scanned: ${firstLine(error)}` });
    }
    parsed.add(file);
  };

  for (const file of files) {
    const entry = active.find(({ scanner }) => accepts(scanner, file, config.root));
    if (!entry) continue;
    const { text, error } = readText(file);
    if (error) {
      errors.push({ file: toPosix(path.relative(config.root, file)), message: error });
      continue;
    }
    if (text === undefined) continue;
    texts.set(file, text);
    linesDiscovered += countLines(text);
    if (!entry.needles.some((needle) => text.includes(needle))) {
      skipped.push({ file, scanner: entry.scanner });
      continue;
    }
    await scanOne(file, text, entry.scanner);
  }

  // Wrappers learned in one file make callers in other files references too.
  const typescript = active.find((entry) => entry.scanner instanceof TypeScriptScanner)?.scanner as TypeScriptScanner | undefined;
  for (let round = 0; typescript && round < 4; round++) {
    const learned = typescript.takeLearnedNeedles();
    if (learned.length === 0) break;
    const candidates = files.filter((file) => {
      const text = texts.get(file);
      return text !== undefined && accepts(typescript, file, config.root) && learned.some((needle) => text.includes(needle));
    });
    for (const file of candidates) await scanOne(file, texts.get(file)!, typescript);
  }

  const references = [...referencesByFile.values()].flat().sort(compareReferences);
  errors.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  return {
    config,
    registry,
    references,
    errors,
    stats: { filesDiscovered: files.length, filesParsed: parsed.size, linesDiscovered },
    readFile,
  };
}

function accepts(scanner: LanguageScanner, file: string, root: string): boolean {
  const extension = path.extname(file).toLowerCase();
  if (!scanner.extensions.includes(extension)) return false;
  return scanner.accepts ? scanner.accepts(toPosix(path.relative(root, file))) : true;
}

/**
 * Reads a file as text without ever throwing: binary files (a NUL byte early on) and oversized files are
 * skipped, invalid UTF-8 is decoded with replacement characters, a BOM is removed.
 */
export function readText(file: string): { text?: string; error?: string } {
  let buffer: Buffer;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return { error: `skipped: larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB (generated?)` };
    buffer = readFileSync(file);
  } catch (error) {
    return { error: `could not be read: ${firstLine(error)}` };
  }
  const head = buffer.subarray(0, 8000);
  if (head.includes(0)) return {};
  let text = buffer.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
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
