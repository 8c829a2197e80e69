import { writeCacheFile } from "./cache-file.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { readPackageVersion } from "../version.js";
import { stampsHold, WalkRecorder, type Stamp } from "./dir-stamps.js";
import type { SpecialFile } from "./discover-files.js";
import { hashContent } from "./tracked-fs.js";

const FORMAT = 1;

interface DiscoveryEntry {
  format: number;
  key: string;
  /** Every directory the walks listed, every path they stat'ed, every `.gitignore` read (dir-stamps.ts). */
  stamps: Stamp[];
  /** The discovered files, relative to the root, sorted as `discoverFiles` returns them. */
  files: string[];
  special: Array<[file: string, kind: SpecialFile["kind"]]>;
}

/**
 * `discoverFiles` (and the files relative to the root, with `/`) answered from the last walk while nothing it looked at changed (dir-stamps.ts): a file
 * added, removed or renamed changes its directory's mtime, an edited `.gitignore` its own stamp, so the
 * same stamps mean the same list. Any change, or an entry that cannot be read, walks the tree again and
 * stores the new walk. The key holds what else decides the list: the version, `include`, `exclude`,
 * `gitignore` and the scanned paths.
 */
export async function discoverFilesCached(
  config: ResolvedConfig,
  paths: readonly string[] | undefined,
  specialFiles: SpecialFile[],
  /** The entry's file (absolute); its name should carry the key's prefix. */
  file: string,
  /** Told whether the tree was walked (tests and benchmarks). */
  report?: (how: "stamps" | "walk") => void,
): Promise<{ files: string[]; relative: string[] }> {
  const key = discoveryKey(config, paths ?? []);
  const entry = readEntry(file, key);
  if (entry && stampsHold(entry.stamps, config.root)) {
    for (const [special, kind] of entry.special) specialFiles.push({ file: path.join(config.root, special), kind });
    report?.("stamps");
    // Absolute paths only when asked for: a cached hit needs the relative ones alone.
    let files: string[] | undefined;
    return {
      get files() {
        return (files ??= entry.files.map((f) => path.join(config.root, f)));
      },
      relative: entry.files,
    };
  }
  report?.("walk");
  const { discoverFiles } = await import("./discover-files.js");
  const recorder = new WalkRecorder();
  const found: SpecialFile[] = [];
  const files = await discoverFiles(config, paths, found, recorder);
  specialFiles.push(...found);
  const stamps = recorder.stamps(config.root);
  const toRelative = (f: string) => path.relative(config.root, f).split(path.sep).join("/");
  const relative = files.map(toRelative);
  if (stamps) writeEntry(file, { format: FORMAT, key, stamps, files: relative, special: found.map(({ file: f, kind }) => [toRelative(f), kind]) });
  return { files, relative };
}

export function discoveryKey(config: ResolvedConfig, paths: readonly string[]): string {
  const relative = (p: string) => path.relative(config.root, p).split(path.sep).join("/");
  return hashContent(
    JSON.stringify({ format: FORMAT, version: readPackageVersion(), include: config.include, exclude: config.exclude, gitignore: config.gitignore, paths: paths.map(relative) }),
  );
}

function readEntry(file: string, key: string): DiscoveryEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as DiscoveryEntry;
    return entry.format === FORMAT && entry.key === key && Array.isArray(entry.stamps) && Array.isArray(entry.files) && Array.isArray(entry.special) ? entry : undefined;
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, entry: DiscoveryEntry): void {
  // Not written: the next run walks the tree again.
  writeCacheFile(file, entry);
}
