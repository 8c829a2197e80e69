/** The cleanup codemod's public surface: the project command, the one-file rewrite, the TypeScript language. */
export { cleanup, type CleanupOptions, type CleanupResult, type FileChange } from "./cleanup.js";
export { cleanupText, type CleanupTextOptions, type CleanupTextResult, type TextCleanupProblem } from "../languages/typescript/cleanup/rewrite.js";
export { typescriptCleanup } from "../languages/typescript/cleanup/cleanup-file.js";
export type { CleanupProblem, FileCleanupInput, FileCleanupOutput, LanguageCleanup } from "./language.js";
