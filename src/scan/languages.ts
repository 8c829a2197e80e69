import { djangoTemplateScanner, pythonScanner } from "../python/index.js";
import type { LanguageScanner } from "./language.js";

/**
 * The languages other than TypeScript/JavaScript, which has its own session (it may run in a worker).
 * The first scanner that accepts a file takes it.
 */
export function createLanguageScanners(): LanguageScanner[] {
  return [pythonScanner, djangoTemplateScanner];
}
