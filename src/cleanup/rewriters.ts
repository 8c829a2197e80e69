/**
 * The rewriting half of the cleanup, which brings ts-morph and the Python grammar (about half a second
 * to load). `cleanup()` loads it while the project scan parses in its worker thread, not before.
 */
// First, so that ts-morph and the re-scan of the rewritten files share one TypeScript (see typescript-api.cts).
import "../scan/typescript/typescript-api.cjs";
export { parse, firstParseError } from "./context.js";
export { removeRegistryEntry } from "./registry-entry.js";
export { typescriptCleanup } from "./typescript.js";
export { djangoTemplateCleanup, pythonCleanup } from "./python/index.js";
export { planFlagDeletionMigration } from "./python/migration.js";
