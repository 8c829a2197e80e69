import { EXIT_ERROR, formatError } from "../internal-error.js";
import yargs from "yargs";
import { cleanupCommand } from "./commands/cleanup.js";
import { mcpCommand } from "./commands/mcp.js";
import { scanCommand } from "./commands/scan.js";
import { processIo, type CliIo } from "./io.js";
import { readPackageVersion } from "../version.js";

/**
 * Runs the CLI in-process and returns the exit code: 0 clean, 1 findings of error severity (or references
 * left after cleanup), 2 usage, configuration or I/O errors and internal crashes. Every error is one line
 * (and a hint); a crash's stack trace is printed only with `--debug`.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const parser = yargs([...argv])
    .scriptName("flag-scan")
    .usage("$0 [paths..] [options]\n$0 cleanup <flag> --value on|off [options]\n$0 mcp")
    .command(scanCommand(io, setExitCode))
    .command(cleanupCommand(io, setExitCode))
    .command(mcpCommand(io, setExitCode))
    .option("debug", { type: "boolean", global: true, describe: "On an internal error, print its stack trace" })
    .strict()
    .help()
    .alias("h", "help")
    .version(readPackageVersion())
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageCliError(message);
    });
  try {
    let printed = "";
    await parser.parseAsync([...argv], {}, (_error, _argv, output) => {
      printed = output;
    });
    if (printed) io.stdout(`${printed}\n`);
    return exitCode;
  } catch (error) {
    if (error instanceof UsageCliError) {
      io.stderr(`UsageError: ${error.message}\nRun \`flag-scan --help\` for usage.\n`);
      return 2;
    }
    io.stderr(formatError(error, argv.includes("--debug")));
    return EXIT_ERROR;
  }
}

class UsageCliError extends Error {}
