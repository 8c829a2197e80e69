import { redact } from "./redact.js";

/**
 * Errors a user can act on. `main` prints `name: message` and the hint, then exits 2;
 * anything that is not a FlagScanError is a bug and keeps its stack trace.
 */
export class FlagScanError extends Error {
  override name = "FlagScanError";
  constructor(
    message: string,
    /** One line telling the user what to do next. */
    readonly hint?: string,
  ) {
    // Errors end up in stderr, ESLint messages and CI logs: no password or expanded secret survives in one.
    super(redact(message));
    if (hint !== undefined) this.hint = redact(hint);
  }
}

/** A config file or a registry source is malformed or points nowhere. */
export class ConfigError extends FlagScanError {
  override name = "ConfigError";
}

/** A registry source could not be read or understood. */
export class RegistryError extends FlagScanError {
  override name = "RegistryError";
}

/** The cleanup codemod was asked for something it cannot do safely. */
export class CleanupError extends FlagScanError {
  override name = "CleanupError";
}

/** A git command flag-scan needs failed for a reason of the repository's (a damaged clone, a missing object). */
export class GitError extends FlagScanError {
  override name = "GitError";
}

/** A command-line argument is wrong. */
export class UsageError extends FlagScanError {
  override name = "UsageError";
}

/** `file:line:column` for messages, 1-based; line/column omitted when unknown. */
export function formatLocation(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}
