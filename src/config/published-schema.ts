import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * The published JSON Schema of the config, `schema/flag-scan.schema.json`, read from disk: the file
 * `npm run schema` generates from the declarations in `schema.ts` is itself what the loader validates with,
 * so the two cannot differ. Resolved through the package's own `flag-scan/schema.json` export, which finds
 * it from `src/` (tests) and from `dist/src/` (the installed package) alike.
 */
export function readConfigJsonSchema(): Record<string, unknown> {
  const file = createRequire(import.meta.url).resolve("flag-scan/schema.json");
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
}
