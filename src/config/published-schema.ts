import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * The published JSON Schema of the config, `schema/flag-scan.schema.json`, read from disk: the file
 * `npm run schema` generates from the declarations in `schema.ts` is itself what the loader validates with,
 * so the two cannot differ. Resolved through the package's own `flag-scan/schema.json` export, which finds
 * it from `src/` (tests) and from `dist/src/` (the installed package) alike.
 */
export function readConfigJsonSchema(): Record<string, unknown> {
  // Read once per process: the loader's accessor-form check and its validator both ask.
  return (schema ??= JSON.parse(readFileSync(configJsonSchemaFile(), "utf8")) as Record<string, unknown>);
}

let schema: Record<string, unknown> | undefined;

/**
 * Where the published schema is: `schema/` of the package, two levels above this file in `src/config/`
 * (tests) and three in `dist/src/config/`; the package's own export otherwise. Looked for by path first:
 * resolving the package's self-reference costs 2.5 ms, a tenth of a cached scan's config load.
 */
export function configJsonSchemaFile(): string {
  for (const relative of ["../../schema/flag-scan.schema.json", "../../../schema/flag-scan.schema.json"]) {
    const file = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(file)) return file;
  }
  return createRequire(import.meta.url).resolve("flag-scan/schema.json");
}
