// `fs.promises` is a lazy getter: importing node:fs/promises at the top loaded it (and the readline
// modules it brings, 2.6 ms) on every run, while only a registry read uses it.
import fs, { readFileSync, statSync, type Stats } from "node:fs";
import type { FlagScanError } from "./errors.js";

/** A config file larger than this is not a config (a JS config imports its big data instead). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** A registry file (JSON, YAML, a waffle export, a Python module, a migration) larger than this is refused. */
export const MAX_REGISTRY_BYTES = 32 * 1024 * 1024;
/** A SQLite database read by `waffle-db` (loaded whole into memory by sql.js). */
export const MAX_DATABASE_BYTES = 512 * 1024 * 1024;

type ErrorClass = new (message: string, hint?: string) => FlagScanError;

/** How a special file is named in messages. */
export function describeSpecialFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isDirectory()) return "a directory";
  return "not a regular file";
}

function check(stats: Stats, label: string, maxBytes: number, ErrorType: ErrorClass): void {
  const special = describeSpecialFile(stats);
  // A FIFO would block the read forever and a device never ends: neither is opened.
  if (special) throw new ErrorType(`${label} is ${special}, not a regular file; it was not opened`, "point flag-scan at a regular file");
  if (stats.size > maxBytes) {
    throw new ErrorType(`${label} is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit for this kind of file`, "is it generated? point flag-scan at the real source");
  }
}

function describeReadError(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * Reads a file that must be a regular file no larger than `maxBytes`: it is stat'ed first, so a FIFO, a
 * socket or a device is never opened. Every refusal names the file (`label`) and the limit.
 */
export function readBoundedFileSync(file: string, label: string, maxBytes: number, ErrorType: ErrorClass): Buffer {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new ErrorType(`${label} cannot be read (${describeReadError(error)})`);
  }
  check(stats, label, maxBytes, ErrorType);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ErrorType(`${label} cannot be read (${describeReadError(error)})`);
  }
}

/** {@link readBoundedFileSync}, async. */
export async function readBoundedFile(file: string, label: string, maxBytes: number, ErrorType: ErrorClass): Promise<Buffer> {
  let stats: Stats;
  try {
    stats = await fs.promises.stat(file);
  } catch (error) {
    throw new ErrorType(`${label} cannot be read (${describeReadError(error)})`);
  }
  check(stats, label, maxBytes, ErrorType);
  try {
    return await fs.promises.readFile(file);
  } catch (error) {
    throw new ErrorType(`${label} cannot be read (${describeReadError(error)})`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
