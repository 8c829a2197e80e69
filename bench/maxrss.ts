/**
 * Fallback peak-memory probe when GNU time is missing: runs a Node script in this process and, on exit,
 * writes `process.resourceUsage().maxRSS` (KB) to a file.
 *
 * Usage: `node dist/bench/maxrss.js OUT_FILE SCRIPT [ARGS...]`
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [outFile, script, ...args] = process.argv.slice(2);
if (!outFile || !script) {
  console.error("Usage: node dist/bench/maxrss.js OUT_FILE SCRIPT [ARGS...]");
  process.exit(2);
}
process.on("exit", () => writeFileSync(outFile, `${process.resourceUsage().maxRSS}\n`));
process.argv = [process.argv[0] as string, resolve(script), ...args];
await import(pathToFileURL(resolve(script)).href);
