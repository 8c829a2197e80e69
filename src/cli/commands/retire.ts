import { execFileSync } from "node:child_process";
import type { Argv, CommandModule } from "yargs";
import type { CleanupResult } from "../../cleanup/cleanup.js";
import { planRetirement, type RetireCandidate, type RetirePlan } from "../../cleanup/retire-plan.js";
import { loadConfig } from "../../config/load-config.js";
import type { ResolvedConfig } from "../../config/schema.js";
import { UsageError } from "../../errors.js";
import { loadAndScan } from "../../engine.js";
import { colorDiff, useColor } from "../color.js";
import { docsEpilog } from "../docs.js";
import type { CliIo } from "../io.js";
import { startProgress, type Progress } from "../progress.js";

export interface RetireArguments {
  dryRun?: boolean;
  commit?: boolean;
  branch?: boolean;
  config?: string;
  format: string;
  color?: boolean;
  quiet?: boolean;
}

/**
 * `flag-scan retire`: removes every flag the registries say is finished, keeping the code of its state.
 * Exit 0 when every one was removed completely, 1 when references were left, 2 on usage/config/git errors.
 */
export function retireCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, RetireArguments> {
  return {
    command: "retire",
    describe: "Remove every finished flag (stale, same state everywhere, nothing nested in it, not permanent)",
    builder: (yargs: Argv) =>
      yargs
        .option("dry-run", { type: "boolean", default: false, describe: "List what would be removed and why the other candidates are kept; write nothing" })
        .option("commit", { type: "boolean", default: false, describe: "One git commit per flag, its message saying why (needs a clean work tree)" })
        .option("branch", { type: "boolean", default: false, describe: "One git branch per flag (retire/<flag>), each from the current commit" })
        .option("config", { alias: "c", type: "string", describe: "Config file (skips discovery)" })
        .option("format", { alias: "f", type: "string", default: "text", describe: "Summary format: text or json" })
        .example("$0 retire --dry-run", "What would go, and why the rest stays")
        .example("$0 retire --commit", "Remove them all, one commit per flag")
        .epilog(docsEpilog("retiring-finished-flags-in-bulk")) as unknown as Argv<RetireArguments>,
    handler: async (args) => {
      setExitCode(await runRetire(args, io));
    },
  };
}

interface Retired {
  candidate: RetireCandidate;
  result: CleanupResult;
  commit?: string;
  branch?: string;
}

export async function runRetire(args: RetireArguments, io: CliIo): Promise<number> {
  if (args.format !== "text" && args.format !== "json") throw new UsageError(`--format must be \`text\` or \`json\`, not \`${args.format}\``);
  if (args.dryRun && (args.commit || args.branch)) throw new UsageError("--dry-run writes nothing, so it cannot be combined with --commit or --branch");
  const config = await loadConfig(args.config ? { cwd: io.cwd, configFile: args.config } : { cwd: io.cwd });
  const useGit = Boolean(args.commit || args.branch);
  const git = (...gitArgs: string[]) => runGit(config.root, gitArgs);
  let startBranch: string | undefined;
  if (useGit) {
    if (git("status", "--porcelain").trim() !== "")
      throw new UsageError("--commit and --branch need a clean work tree, so each commit holds only its flag", "commit or stash your changes first");
    startBranch = git("symbolic-ref", "--quiet", "--short", "HEAD").trim();
  }
  const progress = startProgress(io, "Scanning for finished flags...", { quiet: args.quiet });
  try {
    return await retireAll(args, io, config, git, startBranch, progress);
  } finally {
    progress.done();
  }
}

async function retireAll(
  args: RetireArguments,
  io: CliIo,
  config: ResolvedConfig,
  git: (...gitArgs: string[]) => string,
  startBranch: string | undefined,
  progress: Progress,
): Promise<number> {
  const useGit = Boolean(args.commit || args.branch);
  const scan = await loadAndScan(config);
  const plan = planRetirement(scan.references, scan.registry, config);
  const { cleanup } = await import("../../cleanup/cleanup.js");
  const retired: Retired[] = [];
  const start = useGit ? git("rev-parse", "HEAD").trim() : undefined;
  for (const [index, candidate] of plan.retire.entries()) {
    progress.update(`Retiring ${candidate.flag} (${index + 1}/${plan.retire.length})...`);
    let branch: string | undefined;
    if (args.branch) {
      branch = `retire/${candidate.flag}`;
      git("switch", "--quiet", "-c", branch, start!);
    }
    try {
      // retire checked the tree is clean before the first flag; the changes since are its own.
      const result = await cleanup({ flag: candidate.flag, value: candidate.value, config, dryRun: args.dryRun ?? false, allowDirty: true });
      const entry: Retired = { candidate, result };
      if (useGit && result.changes.length > 0) {
        git("add", "--all", "--", ...result.changes.map((change) => change.file));
        git("commit", "--quiet", "--no-verify", "-m", commitMessage(candidate, result));
        entry.commit = git("rev-parse", "HEAD").trim();
      }
      if (branch !== undefined) entry.branch = branch;
      retired.push(entry);
    } finally {
      // Each branch starts from the same commit, and the user ends where they started.
      if (branch !== undefined) git("switch", "--quiet", startBranch!);
    }
  }
  progress.done();
  const incomplete = retired.some(({ result }) => result.referencesLeft > 0 || result.problems.length > 0);
  if (args.format === "json") io.stdout(`${JSON.stringify(toJson(plan, retired, args.dryRun ?? false), null, 2)}\n`);
  else if (!args.quiet || incomplete) io.stdout(formatRetireText(plan, retired, args, useColor(args.color, io)));
  return incomplete ? 1 : 0;
}

function runGit(cwd: string, args: string[]): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim().split("\n")[0];
    throw new UsageError(`git ${args.slice(0, 2).join(" ")} failed in ${cwd}: ${stderr || String(error)}`, "--commit and --branch need a git repository with a checked-out branch");
  }
}

/** Why the flag went, in the words a reviewer needs: state, age, environments, files. */
export function commitMessage(candidate: RetireCandidate, result: CleanupResult): string {
  const lines = [
    `Retire ${candidate.flag}: keep the ${candidate.value} code`,
    "",
    `${candidate.flag} ${candidate.reason}.`,
    `State: ${candidate.value} in ${candidate.environments.length > 0 ? candidate.environments.join(", ") : "every registry that records it"}` +
      (candidate.lastChanged ? `, last changed ${candidate.lastChanged.slice(0, 10)}` : "") +
      (candidate.ageDays !== undefined ? ` (${candidate.ageDays} days ago)` : "") +
      ".",
    `Removed ${plural(result.referencesRemoved, "check")} and ${plural(result.definitionsRemoved, "registry entry", "registry entries")}; ${plural(result.linesDeleted, "line")} deleted.`,
    "",
    "Files:",
    ...result.changes.map((change) => `  ${change.status} ${change.file}`),
  ];
  if (result.problems.length > 0) {
    lines.push("", `Left for a human (${plural(result.referencesLeft, "reference")}):`);
    for (const problem of result.problems) lines.push(`  ${problem.file}:${problem.line}: ${problem.message}`);
  }
  lines.push("", "Generated by `flag-scan retire`.");
  return `${lines.join("\n")}\n`;
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

export function formatRetireText(plan: RetirePlan, retired: readonly Retired[], args: Pick<RetireArguments, "dryRun">, color: boolean): string {
  const lines: string[] = [];
  if (args.dryRun) for (const { result } of retired) if (result.diff !== "") lines.push(colorDiff(result.diff.trimEnd(), color), "");
  const verb = args.dryRun ? "Would retire" : "Retired";
  lines.push(retired.length === 0 ? "No flag is finished: nothing to retire." : `${verb} ${plural(retired.length, "flag")}:`);
  for (const { candidate, result, commit, branch } of retired) {
    const where = [branch ? `branch ${branch}` : undefined, commit ? `commit ${commit.slice(0, 10)}` : undefined].filter(Boolean).join(", ");
    lines.push(
      `  ${candidate.flag} (${candidate.value}): ${candidate.reason}; ${plural(result.filesChanged, "file")}, ${plural(result.referencesRemoved, "check")} removed` +
        (result.referencesLeft > 0 ? `, ${plural(result.referencesLeft, "reference")} left` : "") +
        (where ? ` [${where}]` : ""),
    );
    for (const problem of result.problems) lines.push(`      ${problem.file}:${problem.line}:${problem.column}  ${problem.message}`);
  }
  if (plan.skipped.length > 0) {
    lines.push("Kept:");
    for (const { flag, why } of plan.skipped) lines.push(`  ${flag}: ${why}`);
  }
  if (args.dryRun) lines.push("Dry run: nothing was written.");
  return `${lines.join("\n")}\n`;
}

function toJson(plan: RetirePlan, retired: readonly Retired[], dryRun: boolean) {
  return {
    dryRun,
    retired: retired.map(({ candidate, result, commit, branch }) => ({
      ...candidate,
      filesChanged: result.filesChanged,
      referencesRemoved: result.referencesRemoved,
      referencesLeft: result.referencesLeft,
      definitionsRemoved: result.definitionsRemoved,
      problems: result.problems,
      ...(commit ? { commit } : {}),
      ...(branch ? { branch } : {}),
    })),
    skipped: plan.skipped,
  };
}
