import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Argv, CommandModule } from "yargs";
import { allRules } from "../../../rules/index.js";
import { loadConfig } from "../../config/load-config.js";
import { analyze } from "../../engine.js";
import { UsageError } from "../../errors.js";
import { isReporterName, reporters, type RuleMetadata } from "../../reporters/index.js";
import type { ScanResult } from "../../result.js";
import { scanProject } from "../../scan/scan-project.js";
import type { CliIo } from "../io.js";

export interface ScanArguments {
  paths: string[];
  config?: string;
  format: string[];
  output: string[];
  color?: boolean;
}

/** `flag-scan [paths..]`: scan, run the rules, print the report(s); exit 1 on error-severity findings. */
export function scanCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, ScanArguments> {
  return {
    command: "$0 [paths..]",
    describe: "Find every flag check, verify it against the registries and report problems",
    builder: (yargs: Argv) =>
      yargs
        .positional("paths", {
          describe: "Files or directories to scan (default: the project of the config found from here)",
          type: "string",
          array: true,
          default: [],
        })
        .option("config", { alias: "c", type: "string", describe: "Config file (skips discovery)" })
        .option("format", {
          alias: "f",
          type: "string",
          array: true,
          default: ["text"],
          describe: `Output format, repeatable: ${Object.keys(reporters).join(", ")}`,
        })
        .option("output", {
          alias: "o",
          type: "string",
          array: true,
          default: [],
          describe: "Write the report to a file instead of stdout; pairs with --format by position",
        })
        .option("color", { type: "boolean", describe: "Colour the text report (default: when stdout is a terminal)" }) as unknown as Argv<ScanArguments>,
    handler: async (args) => {
      setExitCode(await runScan(args, io));
    },
  };
}

export async function runScan(args: ScanArguments, io: CliIo): Promise<number> {
  for (const format of args.format) {
    if (!isReporterName(format)) throw new UsageError(`--format ${format} is not a known format; use one of ${Object.keys(reporters).join(", ")}`);
  }
  if (args.output.length > args.format.length) throw new UsageError("more --output than --format options: each --output pairs with the --format at the same position");
  const started = performance.now();
  const paths = args.paths.map((p) => path.resolve(io.cwd, p));
  const firstDirectory = paths[0];
  const config = await loadConfig(args.config ? { cwd: io.cwd, configFile: args.config } : { cwd: firstDirectory ?? io.cwd });
  // A single directory that is the project itself means "the whole project".
  const scanPaths = paths.length === 1 && paths[0] === config.root ? [] : paths;
  const scanned = await scanProject(config, { paths: scanPaths });
  const result = analyze(scanned, allRules, { durationMs: Math.round(performance.now() - started) });
  writeReports(result, args, io);
  return exitCodeOf(result);
}

export function writeReports(result: ScanResult, args: Pick<ScanArguments, "format" | "output" | "color">, io: CliIo): void {
  const rules: RuleMetadata[] = allRules.map(({ id, description, severity }) => ({ id, description, severity }));
  args.format.forEach((format, index) => {
    const name = format as keyof typeof reporters;
    const output = args.output[index];
    const color = output === undefined && (args.color ?? (io.isTTY && !io.env["NO_COLOR"]));
    const text = reporters[name](result, { color, rules });
    if (output === undefined) {
      io.stdout(text.endsWith("\n") || text === "" ? text : `${text}\n`);
    } else {
      const target = path.resolve(io.cwd, output);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text.endsWith("\n") ? text : `${text}\n`);
    }
  });
}

/** 1 when an unsuppressed finding has error severity, else 0. */
export function exitCodeOf(result: ScanResult): number {
  return result.findings.some((finding) => finding.severity === "error" && !finding.suppressed) ? 1 : 0;
}
