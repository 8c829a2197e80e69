import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ValidateFunction } from "ajv";
import { compileCacheDirectory, writeCacheFile } from "../compile-cache-dir.cjs";

const require = createRequire(import.meta.url);

/**
 * Compiles the config's JSON Schema into a validator. Compiling it with Ajv costs 0.1 s or more on every
 * run (and on every ESLint project load), for a schema that changes only with flag-scan: the first run
 * stores Ajv's standalone code for it in the compile cache (src/compile-cache-dir.cts), keyed by the
 * schema's text and Ajv's version, and later runs evaluate that instead of loading Ajv at all. The code
 * is the one Ajv would run, so errors (with `verbose`: their schema, for the did-you-mean) are the same.
 */
export function compileConfigValidator(schema: Record<string, unknown>): ValidateFunction {
  const directory = compileCacheDirectory();
  const ajvVersion = (require("ajv/package.json") as { version: string }).version;
  const key = createHash("sha1").update(`${ajvVersion}\0${JSON.stringify(schema)}`).digest("hex").slice(0, 16);
  const file = directory === undefined ? undefined : path.join(directory, `config-validator-${key}.cjs`);
  if (file) {
    try {
      return evaluate(readFileSync(file, "utf8"));
    } catch {
      // Missing or unreadable: compiled below and written again.
    }
  }
  const { Ajv } = require("ajv") as typeof import("ajv");
  // verbose: errors carry their schema, so a typo gets a did-you-mean from the keys it allows.
  const ajv = new Ajv({ allErrors: false, strict: false, verbose: true, code: { source: file !== undefined } });
  const validate = ajv.compile(schema);
  if (file) {
    try {
      const standaloneCode = (require("ajv/dist/standalone") as { default: (ajv: unknown, validate: unknown) => string }).default;
      writeCacheFile(file, standaloneCode(ajv, validate));
    } catch {
      // A read-only directory only costs the next run the compilation.
    }
  }
  return validate;
}

/** Runs a standalone validator module (CommonJS; its `require`s are Ajv's small runtime helpers). */
function evaluate(code: string): ValidateFunction {
  const module = { exports: {} as { default?: ValidateFunction } };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the module is Ajv's own output, from a private directory.
  new Function("require", "module", "exports", code)(require, module, module.exports);
  const validate = module.exports.default ?? (module.exports as unknown as ValidateFunction);
  if (typeof validate !== "function") throw new Error("not a validator");
  return validate;
}
