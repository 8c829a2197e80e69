import { readFileSync } from "node:fs";
import path from "node:path";
import type { Argv, CommandModule } from "yargs";
import { UsageError } from "../../errors.js";
import { parseFactFile } from "../../scan/fact-cache.js";
import { mergeShards } from "../../scan/shard.js";
import { reporters } from "../../reporters/index.js";
import type { CliIo } from "../io.js";
import { runScan, type ScanArguments } from "./scan.js";

interface MergeArguments extends ScanArguments {
  facts: string[];
}

/**
 * `flag-scan merge <facts..>`: links the facts files of `flag-scan --shard i/n` runs and reports as one
 * full scan of the project would (every format, baseline, exit code).
 */
export function mergeCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, MergeArguments> {
  return {
    command: "merge <facts..>",
    describe: "Report on the facts files of `flag-scan --shard i/n` runs, exactly as one full scan would",
    builder: (yargs: Argv) =>
      yargs
        .positional("facts", { describe: "The shards' facts files (one per shard)", type: "string", array: true, demandOption: true })
        .option("config", { alias: "c", type: "string", describe: "Config file (skips discovery)" })
        .option("format", { alias: "f", type: "string", array: true, default: ["text"], describe: `Output format, repeatable: ${Object.keys(reporters).join(", ")}` })
        .option("output", { alias: "o", type: "string", array: true, default: [], describe: "Write the report to a file instead of stdout; pairs with --format by position" })
        .option("baseline", { type: "string", describe: "Baseline file: findings recorded in it are reported as suppressed" })
        .option("max-warnings", { type: "number", describe: "Exit 1 when more than this many warnings remain" })
        .option("repo-url", { type: "string", describe: "Web address of the repository's files for links in html and markdown reports" })
        .example("$0 merge shard-*.json --format sarif --output flags.sarif", "Link four CI jobs' `--shard i/4` facts into one report") as unknown as Argv<MergeArguments>,
    handler: async (args) => {
      const files = args.facts.map((file) => path.resolve(io.cwd, file));
      const shards = files.map((file) => {
        let text: string;
        try {
          text = readFileSync(file, "utf8");
        } catch {
          throw new UsageError(`cannot read the facts file ${path.relative(io.cwd, file) || file}`, "give the files `flag-scan --shard i/n --output FILE` wrote");
        }
        return { file: path.relative(io.cwd, file) || file, facts: parseFactFile(text) };
      });
      setExitCode(await runScan({ ...args, paths: [] }, io, async (config) => (await mergeShards(config, shards)).scan));
    },
  };
}
