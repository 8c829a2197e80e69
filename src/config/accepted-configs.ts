import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileCacheDirectory, writeCacheFile } from "../compile-cache-dir.cjs";
import { readPackageVersion } from "../version.js";
import { configJsonSchemaFile } from "./published-schema.js";

/** How many configs the file remembers (the most recent): a few projects, each with its base revision's config. */
const REMEMBERED = 32;

/**
 * Configs the schema's checks accepted before, remembered in the compile cache (private to the user,
 * src/compile-cache-dir.cts): the same config under the same flag-scan and schema passes them again, so
 * a run whose config did not change (every cached scan) skips reading the schema, evaluating its
 * validator and the accessor-form checks, 8 ms of a 0.16 s cached scan of the real corpus. Only configs
 * that are plain JSON data are remembered: a JavaScript config's functions or `undefined`s do not survive
 * the hash, so they are always checked.
 */
export function acceptedConfigs(config: unknown): { acceptedBefore: boolean; remember(): void } {
  const file = memoFile();
  if (file === undefined || !isPlainJson(config)) return { acceptedBefore: false, remember: () => undefined };
  const hash = createHash("sha1").update(JSON.stringify(config)).digest("base64url");
  const known = readMemo(file);
  return {
    acceptedBefore: known.includes(hash),
    remember() {
      try {
        writeCacheFile(file, JSON.stringify([hash, ...known.filter((h) => h !== hash)].slice(0, REMEMBERED)));
      } catch {
        // A read-only cache directory only costs the next run the checks.
      }
    },
  };
}

/**
 * The memo of this flag-scan, its schema file and the module whose checks it skips (load-config: a build
 * of the same version with another check must not take the older verdicts), or undefined without a
 * usable cache directory.
 */
function memoFile(): string | undefined {
  const directory = compileCacheDirectory();
  if (directory === undefined) return undefined;
  try {
    const checker = [".js", ".ts"].map((ext) => fileURLToPath(new URL(`./load-config${ext}`, import.meta.url))).find((file) => existsSync(file));
    const stamps = [configJsonSchemaFile(), ...(checker ? [checker] : [])].map((file) => {
      const stat = statSync(file);
      return `${file}\0${stat.size}\0${stat.mtimeMs}`;
    });
    const key = createHash("sha1").update(`${readPackageVersion()}\0${stamps.join("\0")}`).digest("hex").slice(0, 16);
    return path.join(directory, `accepted-configs-${key}.json`);
  } catch {
    return undefined;
  }
}

function readMemo(file: string): string[] {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === "string") : [];
  } catch {
    return [];
  }
}

/** Whether `value` is JSON data that `JSON.stringify` keeps whole: objects of the plain kind, arrays, strings, finite numbers, booleans, null. */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainJson);
  if (typeof value !== "object") return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every(isPlainJson);
}
