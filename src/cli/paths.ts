import { existsSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.js";
import type { CliIo } from "./io.js";
import { didYouMean } from "./suggest.js";

/** Every command name, for did-you-mean on a first word that is neither a command nor an existing path. */
export const COMMAND_NAMES = ["init", "cleanup", "retire"];

/** The did-you-mean message when the first argument is no command, no existing path, and close to a command. */
export function unknownCommand(argv: readonly string[], io: Pick<CliIo, "cwd">): string | undefined {
  const first = argv[0];
  if (first === undefined || first.startsWith("-") || COMMAND_NAMES.includes(first)) return undefined;
  if (/[/\\.]/.test(first) || existsSync(path.resolve(io.cwd, first))) return undefined;
  const suggestion = didYouMean(first, COMMAND_NAMES);
  return suggestion === "" ? undefined : `Unknown command \`${first}\`.${suggestion}`;
}

/**
 * A scan path that does not exist is a usage error, never an empty scan that exits 0: most often a
 * misspelt command (`flag-scan clenup x`) or a wrong directory.
 */
export function assertScanPathsExist(paths: readonly string[], io: Pick<CliIo, "cwd">): void {
  const command = unknownCommand(paths, io);
  if (command !== undefined) throw new UsageError(command, `commands: ${COMMAND_NAMES.join(", ")}; run \`flag-scan --help\``);
  for (const given of paths)
    if (!existsSync(path.resolve(io.cwd, given)))
      throw new UsageError(`path \`${given}\` does not exist (relative to ${io.cwd})`, "give files or directories to scan, or a command: flag-scan --help");
}
