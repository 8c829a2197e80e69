import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** What `npm run build` writes: tsc's output and the bin's bundle (scripts/bundle-cli.mjs). */
const builtEntries = [path.join(root, "dist/src/index.js"), path.join(root, "dist/bundle/cli.cjs")];

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(full));
    else if (/\.[cm]?ts$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Some tests run the package the way users do (the bin, the worker thread, the ESLint plugin from dist):
 * rebuild dist and the bin's bundle once when either is missing or older than the sources, so they never
 * test stale code.
 */
export default function setup(): void {
  const sourceTime = Math.max(newestSourceTime(path.join(root, "src")), newestSourceTime(path.join(root, "rules")), statSync(path.join(root, "scripts/bundle-cli.mjs")).mtimeMs);
  if (builtEntries.every((entry) => existsSync(entry) && statSync(entry).mtimeMs >= sourceTime)) return;
  const result = spawnSync("npm", ["run", "build"], { cwd: root, encoding: "utf8", stdio: "pipe" });
  if (result.status !== 0) throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`);
}
