import fs, { readFileSync } from "node:fs";
import path from "node:path";
import type { Ignore } from "ignore";
import { ALWAYS_EXCLUDED, type ResolvedConfig } from "../config/schema.js";
import type { WalkRecorder } from "./dir-stamps.js";

/**
 * Lists the files to scan: `include` minus `exclude`, build output, node_modules and what `.gitignore`
 * files (the root one and nested ones) ignore. Returns absolute paths, sorted, so scans are reproducible.
 * `paths` (absolute files or directories) narrows the scan to part of the project.
 */
export async function discoverFiles(
  config: ResolvedConfig,
  paths: readonly string[] = [],
  /**
   * Filled with the FIFOs, sockets and devices the globs match (listed, never opened: a FIFO would block
   * the read) and the directories that could not be listed (permissions): a scan says what it could not read.
   */
  specialFiles: SpecialFile[] = [],
  /** Sees every directory the walks list and every `.gitignore` read (the discovery cache stamps them). */
  recorder?: WalkRecorder,
): Promise<string[]> {
  // Loaded here, not at the top: a cached scan whose walk still holds (discovery-cache.ts) never needs them.
  const [{ default: fg }, { default: ignore }] = await Promise.all([import("fast-glob"), import("ignore")]);
  const ignorePatterns = [...ALWAYS_EXCLUDED, ...config.exclude];
  const unreadable = (directory: string) => specialFiles.push({ file: directory, kind: "an unreadable directory" });
  const [entries, gitignores] = await Promise.all([
    fg(config.include, {
      cwd: config.root,
      ignore: ignorePatterns,
      absolute: true,
      onlyFiles: false,
      objectMode: true,
      followSymbolicLinks: false,
      suppressErrors: true,
      dot: false,
      fs: recorder ? recorder.fileSystem(readdirNoting(unreadable)) : { readdir: readdirNoting(unreadable) },
    }),
    config.gitignore
      ? fg("**/.gitignore", { cwd: config.root, ignore: ALWAYS_EXCLUDED, dot: true, suppressErrors: true, followSymbolicLinks: false, ...(recorder && { fs: recorder.fileSystem() }) })
      : Promise.resolve([]),
  ]);
  const files: string[] = [];
  for (const entry of entries) {
    const { dirent } = entry;
    if (dirent.isFile()) files.push(entry.path);
    else if (dirent.isFIFO() || dirent.isSocket() || dirent.isCharacterDevice() || dirent.isBlockDevice()) {
      specialFiles.push({ file: entry.path, kind: dirent.isFIFO() ? "a FIFO" : dirent.isSocket() ? "a socket" : "a device" });
    }
  }
  for (const relative of gitignores) recorder?.noteFile(path.join(config.root, relative));
  const kept = gitignores.length > 0 ? filterGitignored(files, config.root, gitignores, ignore) : files;
  const narrowed = paths.length > 0 ? kept.filter((file) => paths.some((p) => file === p || file.startsWith(p + path.sep))) : kept;
  return narrowed.sort();
}

export interface SpecialFile {
  file: string;
  kind: "a FIFO" | "a socket" | "a device" | "an unreadable directory";
}

type Readdir = (directory: string, ...rest: unknown[]) => void;

/**
 * `fs.readdir` for fast-glob that reports a directory it may not list (EACCES, EPERM) and goes on with
 * the others: fast-glob's own `suppressErrors` would skip it without a word.
 */
function readdirNoting(unreadable: (directory: string) => void): Readdir {
  return (directory, ...rest) => {
    const callback = rest.pop() as (error: NodeJS.ErrnoException | null, entries?: unknown) => void;
    (fs.readdir as unknown as Readdir)(directory, ...rest, (error: NodeJS.ErrnoException | null, entries: unknown) => {
      if (error && (error.code === "EACCES" || error.code === "EPERM")) {
        unreadable(directory);
        callback(null, []);
      } else callback(error, entries);
    });
  };
}

function filterGitignored(files: string[], root: string, gitignores: string[], ignore: () => Ignore): string[] {
  // Each .gitignore applies to paths below its own directory; deeper files are checked against each level.
  const byDirectory = new Map<string, Ignore>();
  for (const relative of gitignores) {
    const directory = path.posix.dirname(relative);
    try {
      byDirectory.set(directory === "." ? "" : directory, ignore().add(readFileSync(path.join(root, relative), "utf8")));
    } catch {
      // An unreadable .gitignore ignores nothing, like git.
    }
  }
  const directories = [...byDirectory.keys()];
  return files.filter((file) => {
    const relative = toPosix(path.relative(root, file));
    for (const directory of directories) {
      if (directory !== "" && !relative.startsWith(directory + "/")) continue;
      const below = directory === "" ? relative : relative.slice(directory.length + 1);
      if (byDirectory.get(directory)!.ignores(below)) return false;
    }
    return true;
  });
}

export function toPosix(relative: string): string {
  return path.sep === "/" ? relative : relative.split(path.sep).join("/");
}
