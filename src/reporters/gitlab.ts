import type { Severity } from "../config/schema.js";
import { compareFindings, repositoryPath } from "./shared.js";
import type { Reporter } from "./types.js";

/** GitLab's Code Quality severities: `info`, `minor`, `major`, `critical`, `blocker`. */
const SEVERITY: Record<Severity, string> = { error: "major", warning: "minor" };

/**
 * A GitLab Code Quality report (a subset of Code Climate's JSON), which GitLab shows in merge requests
 * when a job publishes it as `artifacts:reports:codequality`. Suppressed findings are left out;
 * project-wide findings point at `options.projectFile` (else the project root), since GitLab requires a path.
 * Paths are relative to `options.repositoryRoot`, as GitLab matches them against the repository.
 */
export const gitlabReporter: Reporter = (result, options) => {
  const issues = result.findings
    .filter((finding) => finding.suppressed === undefined)
    .sort(compareFindings)
    .map((finding) => ({
      type: "issue",
      check_name: finding.rule,
      description: finding.message,
      categories: ["Bug Risk"],
      fingerprint: finding.fingerprint,
      severity: SEVERITY[finding.severity],
      location: { path: repositoryPath(result, options, finding.file ?? options.projectFile ?? "."), lines: { begin: finding.line ?? 1 } },
    }));
  return JSON.stringify(issues, null, 2) + "\n";
};
