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
 * A scan path that is a misspelt command (`flag-scan clenup x`) is a usage error with a did-you-mean, never
 * an empty scan that exits 0. Other paths that do not exist are refused by the scan itself (`scanProject`),
 * for the library as for the CLI.
 */
export function assertScanPathsExist(paths: readonly string[], io: Pick<CliIo, "cwd">): void {
  const command = unknownCommand(paths, io);
  if (command !== undefined) throw new UsageError(command, `commands: ${COMMAND_NAMES.join(", ")}; run \`flag-scan --help\``);
}
