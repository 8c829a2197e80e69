/**
 * The rewriting half of the cleanup, which brings ts-morph and the Python grammar (about half a second
 * to load). `cleanup()` loads it while the project scan parses in its worker thread, not before.
 */
// First, so that ts-morph and the re-scan of the rewritten files share one TypeScript (see typescript-api.cts).
import "../languages/typescript/typescript-api.cjs";
export { parse, firstParseError } from "../languages/typescript/cleanup/context.js";
export { removeRegistryEntry } from "./registry-entry.js";
export { typescriptCleanup } from "../languages/typescript/cleanup/cleanup-file.js";
export { djangoTemplateCleanup, pythonCleanup } from "./python/index.js";
export { planFlagDeletionMigration } from "../languages/python/cleanup/migration.js";
