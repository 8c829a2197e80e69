import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";

/**
 * For the cache tests: timestamps are trusted 20 ms after they were taken (dir-stamps.ts), so the stamped
 * paths are reached without waiting 2 s, and the directories `temporaryDirectory` made are removed after
 * each test. Call it at the top of a test file.
 */
export function useCacheTestEnvironment(): { temporaryDirectory(prefix: string): string } {
  const dirs: string[] = [];
  let margin: string | undefined;
  beforeEach(() => {
    margin = process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS;
    process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = "20";
  });
  afterEach(() => {
    if (margin === undefined) delete process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS;
    else process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = margin;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    temporaryDirectory(prefix) {
      const dir = mkdtempSync(path.join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
  };
}
