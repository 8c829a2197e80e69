import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const builtEntry = path.join(root, "dist/src/index.js");

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Some tests run the package the way users do (the bin, the worker thread, the ESLint plugin from dist):
 * rebuild dist once when it is missing or older than the sources, so they never test stale code.
 */
export default function setup(): void {
  const sourceTime = Math.max(newestSourceTime(path.join(root, "src")), newestSourceTime(path.join(root, "rules")));
  if (existsSync(builtEntry) && statSync(builtEntry).mtimeMs >= sourceTime) return;
  const result = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8", stdio: "pipe" });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}
