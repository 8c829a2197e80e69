import { redact, redactDeep } from "../../redact.js";
import type { Argv, CommandModule } from "yargs";
import type { CleanupResult } from "../../cleanup/cleanup.js";
import { UsageError, formatLocation } from "../../errors.js";
import { colorDiff, useColor } from "../color.js";
import { docsEpilog } from "../docs.js";
import type { CliIo } from "../io.js";
import { startProgress } from "../progress.js";
import { cleanupSummary } from "../../cleanup/summary.js";

export interface CleanupArguments {
  flag: string;
  value: string;
  dryRun?: boolean;
  config?: string;
  format: string;
  migration?: boolean;
  color?: boolean;
  quiet?: boolean;
  allowDirty?: boolean;
  verify?: boolean;
  shallow?: boolean;
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
          describe:
            "`on` keeps the flag-on code (the feature shipped), `off` keeps the old code (it was dropped); for a value flag (accessor `returns: \"value\"`) the kept value as JSON: '\"blue\"', '{\"limit\":3}'",
        })
        .option("dry-run", { type: "boolean", default: false, describe: "Print a unified diff and write nothing" })
        .option("config", { alias: "c", type: "string", describe: "Config file (skips discovery)" })
        .option("migration", {
          type: "boolean",
          default: false,
          describe: "The flag was created by a Django data migration: write one that deletes it (reverse recreates it)",
        })
        .option("verify", {
          type: "boolean",
          default: false,
          describe: "Type-check with the project's tsconfig and TypeScript before and after (in memory); write nothing if the cleanup adds errors",
        })
        .option("allow-dirty", { type: "boolean", default: false, describe: "Run although the git work tree has uncommitted changes" })
        .option("shallow", {
          type: "boolean",
          default: false,
          describe: "Stop at the flag's own sites: keep the exports, files, tests and messages only the removed code used",
        })
        .option("format", { alias: "f", type: "string", default: "text", describe: "Summary format: text or json" })
        .example("$0 cleanup ff_x --value on --dry-run", "The diff that keeps the shipped code")
        .example("$0 cleanup ff_old_banner --value off", "Remove a dropped flag, keeping the old code")
        .example("$0 cleanup ff_button_color --value '\"blue\"'", "Remove a value flag, keeping one of its values")
        .epilog(docsEpilog("cleanup")) as unknown as Argv<CleanupArguments>,
    handler: async (args) => {
      if (args.format !== "text" && args.format !== "json") throw new UsageError(`--format must be \`text\` or \`json\`, not \`${args.format}\``);
      // The codemod and its rewrites load only when this command runs, so `flag-scan` scans start faster.
      const { cleanup } = await import("../../cleanup/cleanup.js");
      const progress = startProgress(io, `Cleaning up ${args.flag}...`, { quiet: args.quiet });
      const result = await cleanup({
        flag: args.flag,
        value: args.value,
        dryRun: args.dryRun ?? false,
        cwd: io.cwd,
        configFile: args.config,
        migration: args.migration ?? false,
        allowDirty: args.allowDirty ?? false,
        verify: args.verify ?? false,
        shallow: args.shallow ?? false,
      }).finally(() => progress.done());
      if (args.format === "json") io.stdout(redact(`${JSON.stringify(redactDeep(cleanupSummary(result, { diff: result.dryRun })), null, 2)}\n`));
      else if (!args.quiet || result.problems.length > 0) io.stdout(redact(formatCleanupText(result, useColor(args.color, io))));
      setExitCode(result.referencesLeft > 0 || result.problems.length > 0 ? 1 : 0);
    },
  };
}


function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The text summary; with `--dry-run` the diff comes first. */
export function formatCleanupText(result: CleanupResult, color = false): string {
  const lines: string[] = [];
  if (result.dryRun && result.diff !== "") lines.push(colorDiff(result.diff.trimEnd(), color), "");
  if (result.notice !== undefined) lines.push(result.notice);
  else {
    const verb = result.dryRun ? "Would clean up" : "Cleaned up";
    lines.push(
      `${verb} ${result.flag} (${result.value}): ${plural(result.filesChanged, "file")} changed, ${plural(result.referencesRemoved, "reference")} removed, ` +
        `${plural(result.definitionsRemoved, "definition")} removed, ${plural(result.linesDeleted, "line")} deleted.`,
    );
    for (const change of result.changes) {
      lines.push(`  ${change.status.padEnd(8)}  ${change.file}`);
      // What went beyond the flag's own sites says why.
      for (const reason of change.reasons ?? []) lines.push(`              ${reason}`);
    }
    if (result.overridesRemoved > 0) lines.push(`${plural(result.overridesRemoved, "test override")} of the kept value removed.`);
  }
  if (result.testsDeleted.length > 0) {
    lines.push(`Deleted tests (they only exercised the removed value):`);
    for (const test of result.testsDeleted)
      lines.push(`  ${formatLocation(test.file, test.line, 1)}  ${test.part === "block" ? "part of " : ""}${test.name}: ${test.reason}`);
  }
  if (result.problems.length > 0) {
    // The list holds more than the references left (the kept registry entry, leftover mentions): the
    // heading counts both, so a reader does not look for a reference that is not there.
    const others = result.problems.length - result.referencesLeft;
    const counted = `${plural(result.referencesLeft, "reference")}${others > 0 ? ` and ${plural(others, "other place")}` : ""}`;
    lines.push(
      result.referencesLeft > 0
        ? `Left (${counted}; code may still check the flag, so its registry entry stays):`
        : `Left (${plural(result.problems.length, "place")} to finish by hand):`,
    );
    for (const problem of result.problems) lines.push(`  ${formatLocation(problem.file, problem.line, problem.column)}  ${problem.message}`);
  }
  if (result.mentions.length > 0) {
    lines.push(`Mentions (comments, docs, old migrations; not checks, left as they are):`);
    for (const mention of result.mentions) lines.push(`  ${formatLocation(mention.file, mention.line, mention.column)}  ${mention.message}`);
  }
  for (const note of result.notes ?? []) lines.push(note);
  if (result.dryRun) lines.push("Dry run: nothing was written.");
  return `${lines.join("\n")}\n`;
}
