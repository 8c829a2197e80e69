import type { Rule as ESLintRule } from "eslint";
import { asFlagScanError, EXIT_ERROR } from "../internal-error.js";

/** The message id every plugin rule has for a problem of flag-scan itself (a bad config, a crash). */
export const PROBLEM_MESSAGE_ID = "flagScanProblem";
export const PROBLEM_MESSAGE = "flag-scan could not check this file: {{problem}}";

const reported = new Set<string>();
let exitCodeHooked = false;

/**
 * Reports a flag-scan problem (a config or registry error, an internal crash) as a lint message instead of
 * letting it abort ESLint: every other rule, and every other file, is still linted. Each distinct problem
 * is reported once, on the first file it affects, by the first plugin rule that meets it. The ESLint
 * process then exits 2 (as the CLI does for the same problem) rather than 1, so CI tells a broken setup
 * from findings. Only the `eslint` command is affected, not an editor's server or a test runner.
 */
export function reportProblemOnce(context: ESLintRule.RuleContext, error: unknown): void {
  const known = asFlagScanError(error);
  const problem = `${known.name}: ${known.message}${known.hint ? ` (hint: ${known.hint})` : ""}`;
  if (reported.has(problem)) return;
  reported.add(problem);
  context.report({ messageId: PROBLEM_MESSAGE_ID, data: { problem }, loc: { line: 1, column: 0 } });
  if (!exitCodeHooked && isEslintCli()) {
    exitCodeHooked = true;
    // ESLint sets its exit code (0 or 1 from lint results) just before exiting: raise it at the very end.
    process.once("exit", () => {
      if (process.exitCode === undefined || Number(process.exitCode) < EXIT_ERROR) process.exitCode = EXIT_ERROR;
    });
  }
}

/** Only the `eslint` command's exit code is raised: an editor's server or a test runner keeps its own. */
function isEslintCli(): boolean {
  return /[\\/]eslint(?:\.js)?$/.test(process.argv[1] ?? "");
}

/** Forgets which problems were reported (tests; a host that reloads everything). */
export function clearReportedProblems(): void {
  reported.clear();
}
