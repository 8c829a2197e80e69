import type { FlagReference } from "../scan/reference.js";

/** One file to rewrite: its text and the references to the flag being removed. */
export interface FileCleanupInput {
  /** Absolute path. */
  path: string;
  /** Relative to the project root, with `/`. */
  relativePath: string;
  /** The file's text as read (BOM and line endings as on disk). */
  text: string;
  /** The flag being removed. */
  flag: string;
  /** The value the flag is frozen at: true keeps the flag-on path. */
  value: boolean;
  /** This file's references to `flag`, from the project scan. */
  references: FlagReference[];
}

/** Something the cleanup could not do safely, with where and why. */
export interface CleanupProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface FileCleanupOutput {
  /** The new text; identical (===) to the input text when nothing changed. */
  text: string;
  /** How many of the input references are gone from `text`. */
  removedReferences: number;
  problems: CleanupProblem[];
}

/**
 * The rewrite of one language (TypeScript/JavaScript, Python, Django templates).
 * The cleanup command finds the references, hands each file to the language that accepts it, validates
 * the result with `parseError`, and writes atomically.
 */
export interface LanguageCleanup {
  name: string;
  /** Lower-case extensions with the dot. */
  extensions: readonly string[];
  accepts?(relativePath: string): boolean;
  cleanupFile(input: FileCleanupInput): FileCleanupOutput | Promise<FileCleanupOutput>;
  /** A one-line description of the first syntax error in `text`, or undefined when it parses. */
  parseError(text: string, path: string): string | undefined | Promise<string | undefined>;
}
