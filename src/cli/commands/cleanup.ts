import type { Argv, CommandModule } from "yargs";
import type { CleanupResult } from "../../cleanup/cleanup.js";
import { createTwoFilesPatch } from "diff";
import type { MigrationPlan } from "../../cleanup/python/migration.js";
import { loadConfig } from "../../config/load-config.js";
import { UsageError, formatLocation } from "../../errors.js";
import type { CliIo } from "../io.js";

export interface CleanupArguments {
  flag: string;
  value: string;
  dryRun?: boolean;
  config?: string;
  format: string;
  migration?: boolean;
}

/**
 * `flag-scan cleanup <flag> --value on|off`: remove a retired flag and its dead code. Exit 0 when every
 * reference was removed, 1 when some were left (each listed with why), 2 on usage/config errors.
 */
export function cleanupCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, CleanupArguments> {
  return {
    command: "cleanup <flag>",
    describe: "Remove a retired flag: keep the code of its final value, delete the rest and its registry entries",
    builder: (yargs: Argv) =>
      yargs
        .positional("flag", { describe: "The flag's slug (ff_new_checkout)", type: "string", demandOption: true })
        .option("value", {
          type: "string",
          demandOption: true,
          describe: "`on` keeps the flag-on code (the feature shipped), `off` keeps the old code (it was dropped)",
        })
        .option("dry-run", { type: "boolean", default: false, describe: "Print a unified diff and write nothing" })
        .option("config", { alias: "c", type: "string", describe: "Config file (skips discovery)" })
        .option("migration", {
          type: "boolean",
          default: false,
          describe: "The flag was created by a Django data migration: write one that deletes it (reverse recreates it)",
        })
        .option("format", { alias: "f", type: "string", default: "text", describe: "Summary format: text or json" }) as unknown as Argv<CleanupArguments>,
    handler: async (args) => {
      if (args.value !== "on" && args.value !== "off")
        throw new UsageError(`--value must be \`on\` or \`off\`, not \`${args.value}\``, "`on` keeps the flag-on code (shipped), `off` keeps the old code (dropped)");
      if (args.format !== "text" && args.format !== "json") throw new UsageError(`--format must be \`text\` or \`json\`, not \`${args.format}\``);
      // Planned before the cleanup deletes the flag's constant, which the plan resolves through.
      const migration = args.migration ? await planMigration(args, io) : undefined;
      // The codemod brings ts-morph: loaded only when this command runs, so `flag-scan` scans start faster.
      const { cleanup } = await import("../../cleanup/cleanup.js");
      const result = await cleanup({ flag: args.flag, value: args.value, dryRun: args.dryRun ?? false, cwd: io.cwd, configFile: args.config });
      if (migration !== undefined) await withMigration(result, migration, args.dryRun ?? false);
      io.stdout(args.format === "json" ? `${JSON.stringify(toJson(result), null, 2)}\n` : formatCleanupText(result));
      setExitCode(result.referencesLeft > 0 || result.problems.length > 0 ? 1 : 0);
    },
  };
}

async function planMigration(args: CleanupArguments, io: CliIo): Promise<MigrationPlan> {
  const config = await loadConfig({ cwd: io.cwd, configFile: args.config });
  const { planFlagDeletionMigration } = await import("../../cleanup/python/migration.js");
  return planFlagDeletionMigration(config, args.flag.trim());
}

/** Adds the migration files to the result (and writes them), and drops the "use --migration" problems. */
async function withMigration(result: CleanupResult, plan: MigrationPlan, dryRun: boolean): Promise<void> {
  const { writeMigrationPlan } = await import("../../cleanup/python/migration.js");
  if (!dryRun) writeMigrationPlan(result.root, plan);
  result.problems = result.problems.filter((problem) => !problem.message.includes("`--migration`"));
  for (const file of plan.files) {
    const change = {
      file: file.file,
      status: "modified" as const,
      referencesRemoved: 0,
      definitionsRemoved: 0,
      linesDeleted: 0,
      linesAdded: file.after.split("\n").length - 1,
      before: file.before ?? "",
      after: file.after,
    };
    result.changes.push(change);
    result.diff += createTwoFilesPatch(file.before === undefined ? "/dev/null" : `a/${file.file}`, `b/${file.file}`, file.before ?? "", file.after).replace(/^=+\r?\n/, "");
  }
  result.filesChanged = result.changes.length;
  result.definitionsRemoved += 1;
  delete result.notice;
}

/** The JSON summary: everything but the file contents. */
function toJson(result: CleanupResult) {
  return {
    flag: result.flag,
    value: result.value,
    dryRun: result.dryRun,
    root: result.root,
    filesChanged: result.filesChanged,
    referencesRemoved: result.referencesRemoved,
    referencesLeft: result.referencesLeft,
    definitionsRemoved: result.definitionsRemoved,
    linesDeleted: result.linesDeleted,
    files: result.changes.map(({ before: _before, after: _after, ...change }) => change),
    problems: result.problems,
    ...(result.notice !== undefined ? { notice: result.notice } : {}),
    ...(result.dryRun ? { diff: result.diff } : {}),
  };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The text summary; with `--dry-run` the diff comes first. */
export function formatCleanupText(result: CleanupResult): string {
  const lines: string[] = [];
  if (result.dryRun && result.diff !== "") lines.push(result.diff.trimEnd(), "");
  if (result.notice !== undefined) lines.push(result.notice);
  else {
    const verb = result.dryRun ? "Would clean up" : "Cleaned up";
    lines.push(
      `${verb} ${result.flag} (${result.value}): ${plural(result.filesChanged, "file")} changed, ${plural(result.referencesRemoved, "reference")} removed, ` +
        `${plural(result.definitionsRemoved, "definition")} removed, ${plural(result.linesDeleted, "line")} deleted.`,
    );
    for (const change of result.changes) lines.push(`  ${change.status === "deleted" ? "deleted " : "modified"}  ${change.file}`);
  }
  if (result.problems.length > 0) {
    lines.push(`Could not remove (${plural(result.referencesLeft, "reference")} left):`);
    for (const problem of result.problems) lines.push(`  ${formatLocation(problem.file, problem.line, problem.column)}  ${problem.message}`);
  }
  if (result.dryRun) lines.push("Dry run: nothing was written.");
  return `${lines.join("\n")}\n`;
}
