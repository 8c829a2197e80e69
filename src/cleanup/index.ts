/** The cleanup codemod's public surface: the project command, the one-file rewrite, the TypeScript language. */
export { cleanup, type CleanupOptions, type CleanupResult, type FileChange } from "./cleanup.js";
export { cleanupText, type CleanupTextOptions, type CleanupTextResult, type TextCleanupProblem } from "./rewrite.js";
export { typescriptCleanup } from "./typescript.js";
export type { CleanupProblem, FileCleanupInput, FileCleanupOutput, LanguageCleanup } from "./language.js";
