import { djangoTemplateScanner, pythonScanner } from "../python/index.js";
import type { LanguageScanner } from "./language.js";
import { TypeScriptScanner } from "./typescript/scanner.js";

/** Every language the scanner understands, fresh for one scan. The first that accepts a file takes it. */
export function createLanguageScanners(): LanguageScanner[] {
  return [new TypeScriptScanner(), pythonScanner, djangoTemplateScanner];
}
