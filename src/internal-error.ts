import { readFileSync } from "node:fs";
import { SourceMap, type SourceMapPayload } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FlagScanError } from "./errors.js";
import { redact } from "./redact.js";

/**
 * The exit codes of every entry point (CLI scan and cleanup, the ESLint plugin's process, the library's
 * errors): CI tells a crash from a failing scan by them.
 */
export const EXIT_CLEAN = 0;
/** Findings of error severity (or too many warnings), or references a cleanup left. */
export const EXIT_FINDINGS = 1;
/** A usage, configuration or I/O error, or an internal crash. */
export const EXIT_ERROR = 2;

/**
 * A bug in flag-scan (anything thrown that is not a FlagScanError), wrapped so it is reported like any
 * other error: one line naming where it happened, and exit code 2. The original is the `cause`.
 */
export class InternalError extends FlagScanError {
  override name = "InternalError";
  constructor(readonly original: unknown) {
    const error = original instanceof Error ? original : new Error(String(original));
    const where = crashSite(error);
    super(
      `flag-scan crashed: ${error.name}: ${firstLine(error.message)}${where ? ` (at ${where})` : ""}`,
      "this is a bug in flag-scan: run again with --debug for the stack trace and report it",
    );
    this.cause = original;
  }
}

/** A FlagScanError as it is, anything else as an InternalError. */
export function asFlagScanError(error: unknown): FlagScanError {
  return error instanceof FlagScanError ? error : new InternalError(error);
}

/** The exit code an error means: always {@link EXIT_ERROR}. */
export const exitCodeOfError = (_error: unknown): number => EXIT_ERROR;

/** The one line (and hint) printed for an error; with `debug`, the stack of the original follows. */
export function formatError(error: unknown, debug = false): string {
  const known = asFlagScanError(error);
  let text = `${known.name}: ${known.message}\n${known.hint ? `Hint: ${known.hint}\n` : ""}`;
  if (debug) {
    const original = known instanceof InternalError ? known.original : known;
    if (original instanceof Error && original.stack) text += `${redact(original.stack)}\n`;
  }
  return text;
}

/**
 * Test-only hook, documented as such in the README: `FLAG_SCAN_TEST_CRASH=1` makes config loading throw
 * a plain TypeError, so tests can check that every entry point reports an internal crash with exit code 2.
 */
export function crashIfAsked(): void {
  if (process.env.FLAG_SCAN_TEST_CRASH === "1") throw new TypeError("forced internal crash (FLAG_SCAN_TEST_CRASH=1, for tests only)");
}

/** `src/x.ts:12:5` (relative to the package) of the first stack frame, if any. */
function crashSite(error: Error): string | undefined {
  const frame = error.stack?.split("\n").find((line) => /^\s+at /.test(line));
  const match = frame && /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?$/.exec(frame);
  if (!match) return undefined;
  const site = originalSite(match[1]!.startsWith("file://") ? fileURLToPath(match[1]!) : match[1]!, Number(match[2]), Number(match[3]));
  const packageRoot = path.resolve(fileURLToPath(import.meta.url), "../..").replace(/[/\\]dist$/, "");
  const shown = site.file.startsWith(packageRoot) ? path.relative(packageRoot, site.file).split(path.sep).join("/") : site.file;
  return `${shown.replace(/^dist\//, "")}:${site.line}:${site.column}`;
}

/**
 * A position in the bin's bundle (dist/bundle/cli.cjs, scripts/bundle-cli.mjs) as the position in the
 * dist/src module it came from, by the bundle's source map, read only now: a crash report names the
 * module, not line 134 of a 20,000-line file. Other positions, or without the map, as they are.
 */
function originalSite(file: string, line: number, column: number): { file: string; line: number; column: number } {
  if (!/[/\\]dist[/\\]bundle[/\\][^/\\]+\.cjs$/.test(file)) return { file, line, column };
  try {
    const payload = JSON.parse(readFileSync(`${file}.map`, "utf8")) as SourceMapPayload;
    const entry = new SourceMap(payload).findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number };
    if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return { file, line, column };
    const source = entry.originalSource.startsWith("file://") ? fileURLToPath(entry.originalSource) : path.resolve(path.dirname(file), entry.originalSource);
    return { file: source, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
  } catch {
    return { file, line, column };
  }
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
