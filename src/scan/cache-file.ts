import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes a cache file as JSON under a temporary name, then renames it into place: a concurrent reader (a
 * second flag-scan, an editor's ESLint) sees the old file or the new one, never half of one. Returns false
 * when it cannot be written (a read-only checkout): a cache that is not written only costs the next run
 * its speed, so callers go on.
 */
export function writeCacheFile(file: string, value: unknown): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, file);
    return true;
  } catch {
    return false;
  }
}
