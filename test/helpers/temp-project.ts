import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Writes a throwaway project (path -> content) and returns its directory. */
export function writeTempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-"));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}
