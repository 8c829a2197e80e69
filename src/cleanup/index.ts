/** The cleanup codemod's public surface. Every language's rewrite loads only when a cleanup runs. */
export { cleanup, type CleanupOptions, type CleanupResult, type FileChange } from "./cleanup.js";
export type { CleanupProblem, FileCleanupInput, FileCleanupOutput, LanguageCleanup } from "../languages/language.js";
