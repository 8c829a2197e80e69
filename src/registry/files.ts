// `fs.promises` is a lazy getter: a cached scan, which reads no registry, does not load it.
import fs, { existsSync, realpathSync } from "node:fs";
import { describeSpecialFile, MAX_REGISTRY_BYTES, readBoundedFile } from "../read-file.js";
import path from "node:path";
import type { ResolvedRegistrySource } from "../config/schema.js";
import { ConfigError, RegistryError } from "../errors.js";
import type { RegistryLoadContext } from "./loader.js";

/** How a config file is named in messages: relative to the project root, or a stand-in when there is none. */
export function configLabel(context: RegistryLoadContext): string {
  if (context.configFile === undefined) return "no config file";
  return path.relative(context.root, context.configFile).split(path.sep).join("/") || path.basename(context.configFile);
}

/** `file` (absolute) relative to the project root, with `/`: how definitions name their file. */
export function relativeToRoot(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

/**
 * The files a registry source names: its `path`, or every file its glob matches (fast-glob syntax,
 * relative to the config file's directory, sorted so definitions come in a stable order).
 * @throws ConfigError when nothing matches.
 */
export async function resolveSourceFiles(
  source: ResolvedRegistrySource,
  context: RegistryLoadContext,
  /** Sees what the glob lists and which file was stat'ed (the result cache stamps them: src/scan/dir-stamps.ts). */
  recorder?: { fileSystem(): Record<string, unknown>; noteFile(file: string): void },
): Promise<string[]> {
  const { default: fg } = await import("fast-glob");
  const pattern = source.path.split(path.sep).join("/");
  let files: string[];
  if (fg.isDynamicPattern(pattern)) {
    const matches = await fg(pattern, {
      cwd: context.root,
      absolute: true,
      onlyFiles: true,
      ignore: ["**/node_modules/**", "**/.git/**"],
      ...(recorder && { fs: recorder.fileSystem() }),
    });
    files = matches.map((match) => path.normalize(match)).sort();
  } else {
    const file = path.resolve(context.root, source.path);
    recorder?.noteFile(file);
    const stats = await fs.promises.stat(file).catch(() => undefined);
    const special = stats && !stats.isDirectory() ? describeSpecialFile(stats) : undefined;
    if (special) {
      throw new ConfigError(`registry[${source.index}].path "${source.path}" is ${special}, not a regular file; it was not opened (${configLabel(context)})`);
    }
    files = stats?.isFile() ? [file] : [];
  }
  if (files.length === 0) throw matchesNoFile(source, context);
  for (const file of files) assertInsideRoot(file, source, context);
  return files;
}

function matchesNoFile(source: ResolvedRegistrySource, context: RegistryLoadContext): ConfigError {
  return new ConfigError(`registry[${source.index}].path "${source.path}" matches no file (${configLabel(context)})`, "paths are relative to the config file's directory");
}

/** No glob syntax at all (fast-glob's `isDynamicPattern` may still call some of the others literal). */
const CERTAINLY_LITERAL = /^[^*?[\]{}()!+@]*$/;

/**
 * Throws what loading the registries would, for a source whose `path` is a plain file name that names
 * nothing. A scan walks the tree before the registries' error is reported, and a config in a large
 * directory (`-c /tmp/x.json`) made that walk take a minute; this check is one stat per such source.
 * @throws ConfigError as `resolveSourceFiles` does.
 */
export function assertLiteralSourcesExist(sources: readonly ResolvedRegistrySource[], context: RegistryLoadContext): void {
  for (const source of sources) {
    if (typeof source.path !== "string" || !CERTAINLY_LITERAL.test(source.path)) continue;
    if (!existsSync(path.resolve(context.root, source.path))) throw matchesNoFile(source, context);
  }
}

/**
 * Registry files are echoed in reports and errors (a `python` registry pointed at settings.py prints its
 * values as flag names), so a source must stay inside the project root, symlinks resolved, unless it says
 * `allowOutsideRoot: true`.
 * @throws ConfigError naming the source and the config file.
 */
export function assertInsideRoot(file: string, source: ResolvedRegistrySource, context: RegistryLoadContext): void {
  if (source.allowOutsideRoot) return;
  const root = realOrSelf(context.root);
  const real = realOrSelf(file);
  const relative = path.relative(root, real);
  if (relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative))) return;
  const how = real === path.resolve(file) ? "is" : "is a symlink to a file";
  throw new ConfigError(
    `registry[${source.index}].path "${source.path}" ${how} outside the project root ${context.root} (${configLabel(context)})`,
    "move the registry into the project, or set `allowOutsideRoot: true` on this source to read it anyway",
  );
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Reads a registry file as UTF-8. @throws RegistryError naming the file when it cannot be read. */
export async function readSourceFile(file: string, relativePath: string): Promise<string> {
  // Stat'ed first: a FIFO is never opened, a huge file never read (the limit is named in the refusal).
  return (await readBoundedFile(file, `registry file ${relativePath}`, MAX_REGISTRY_BYTES, RegistryError)).toString("utf8");
}
