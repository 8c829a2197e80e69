import { EXIT_ERROR, formatError } from "../internal-error.js";
import type { CommandModule } from "yargs";
import type { ScanArguments } from "./commands/scan.js";
import { docsEpilog } from "./docs.js";
import { processIo, type CliIo } from "./io.js";
import { unknownCommand } from "./paths.js";
import { scanArgumentsWithoutYargs } from "./scan-arguments.js";
import { didYouMean } from "./suggest.js";
import { readPackageVersion } from "../version.js";


/**
 * Runs the CLI in-process and returns the exit code: 0 clean, 1 findings of error severity (or references
 * left after cleanup), 2 usage, configuration or I/O errors and internal crashes. Every error is one line
 * (and a hint); a crash's stack trace is printed only with `--debug`.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  // A plain scan skips yargs and the other commands' modules (most of a cached scan's start-up).
  const plainScan = scanArgumentsWithoutYargs(argv);
  if (plainScan) {
    try {
      const { runScan } = await import("./commands/scan.js");
      return await runScan(plainScan, io);
    } catch (error) {
      io.stderr(formatError(error, argv.includes("--debug")));
      return EXIT_ERROR;
    }
  }
  let exitCode = 0;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  const parser = await createParser(argv, io, setExitCode);
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

type ScanCommandFactory = (io: CliIo, setExitCode: (code: number) => void) => CommandModule<object, ScanArguments>;

/** The yargs parser of every command; `scan` replaces the scan command's module (tests capture its arguments). */
export async function createParser(argv: readonly string[], io: CliIo, setExitCode: (code: number) => void, scan?: ScanCommandFactory) {
  const [{ default: yargs }, { cleanupCommand }, { mcpCommand }, { mergeCommand }, { initCommand }, { retireCommand }, { scanCommand }] = await Promise.all([
    import("yargs"),
    import("./commands/cleanup.js"),
    import("./commands/mcp.js"),
    import("./commands/merge.js"),
    import("./commands/init.js"),
    import("./commands/retire.js"),
    import("./commands/scan.js"),
  ]);
  const parser = yargs([...argv])
    .scriptName("flag-scan")
    // `--format json src` is one format and one path, as in ESLint: repeatable options take one value each.
    .parserConfiguration({ "greedy-arrays": false })
    .usage("$0 [paths..] [options]\n$0 init | cleanup <flag> --value on|off|<JSON> | retire | merge <facts..> | mcp [options]")
    .command((scan ?? scanCommand)(io, setExitCode))
    .command(initCommand(io, setExitCode))
    .command(cleanupCommand(io, setExitCode))
    .command(mcpCommand(io, setExitCode))
    .command(retireCommand(io, setExitCode))
    .command(mergeCommand(io, setExitCode))
    .option("debug", { type: "boolean", global: true, describe: "On an internal error, print its stack trace" })
    .option("color", { type: "boolean", describe: "Colour the output (default: when stdout is a terminal; NO_COLOR and FORCE_COLOR apply)" })
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Print errors only" })
    .example("$0 init", "Detect the SDKs and registries, write flag-scan.config.json and run a first scan")
    .example("$0 --format sarif --output flags.sarif", "Scan the project and write SARIF for code scanning")
    .example("$0 cleanup ff_x --value on --dry-run", "Show the diff that removes a shipped flag")
    .example("$0 retire --dry-run", "List every finished flag that can be removed, and why the others cannot")
    .example("$0 --shard 1/4 -o shard-1.json", "Scan one of four CI shards; then `flag-scan merge shard-*.json` reports on all")
    .epilog(`Exit codes: 0 clean, 1 findings of error severity, 2 usage or configuration errors.\n${docsEpilog()}`)
    .strict()
    .help()
    .alias("h", "help")
    .version(readPackageVersion())
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageCliError(explainUsageError(message, argv, io, knownOptions(parser)));
    });
  return parser;
}

/**
 * Turns yargs' message into one that names the fix: an unknown first word close to a command is that
 * command misspelt; an unknown option gets the closest options of the command it was given to.
 */
function explainUsageError(message: string, argv: readonly string[], io: CliIo, knownOptions: readonly string[]): string {
  const command = unknownCommand(argv, io);
  if (command !== undefined) return command;
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const names = unknown[1]!.split(", ");
    const options = knownOptions.filter((name) => name.length > 1 && name !== "$0");
    return names
      .map((name) => {
        const dashed = `${name.length === 1 ? "-" : "--"}${name}`;
        return `Unknown option \`${dashed}\`.${didYouMean(name, options, (o) => `\`--${o}\``)}`;
      })
      .join(" ");
  }
  return message;
}

/** The options of the command being parsed (yargs keeps them on the instance; its types omit the getter). */
function knownOptions(parser: unknown): string[] {
  const options = (parser as { getOptions?: () => { key?: Record<string, unknown> } }).getOptions?.();
  return Object.keys(options?.key ?? {});
}

class UsageCliError extends Error {}
