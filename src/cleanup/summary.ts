import type { CleanupResult } from "./cleanup.js";

/**
 * The machine-readable summary of a cleanup: everything but the files' contents, which the diff shows.
 * What `cleanup --format json` prints and what the MCP server's cleanup tool answers.
 */
export function cleanupSummary(result: CleanupResult, options: { diff: boolean }) {
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
    overridesRemoved: result.overridesRemoved,
    testsDeleted: result.testsDeleted,
    files: result.changes.map(({ before: _before, after: _after, ...change }) => change),
    problems: result.problems,
    mentions: result.mentions,
    ...(result.notes !== undefined ? { notes: result.notes } : {}),
    ...(result.notice !== undefined ? { notice: result.notice } : {}),
    ...(options.diff ? { diff: result.diff } : {}),
  };
}
