import type { Severity } from "./config/schema.js";
import type { FlagState } from "./registry/definition.js";
import type { FlagReference, ScanError } from "./scan/reference.js";

/** One problem found by a rule. */
export interface Finding {
  /** Rule id (`unknown-flag`). */
  rule: string;
  severity: Severity;
  /** One sentence, code in backticks. */
  message: string;
  flag?: string;
  /** Relative to the project root, with `/`; absent for project-wide findings. */
  file?: string;
  /** 1-based. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** Stable identity across unrelated edits (rule, file, flag, the line's text), for baselines and SARIF. */
  fingerprint: string;
  /** Set when an inline `flag-scan-ignore` comment or a baseline hides the finding. */
  suppressed?: { kind: "inline" | "baseline"; reason?: string };
}

/** Everything known about one flag after a scan: the inventory row. */
export interface FlagSummary {
  flag: string;
  /** Names of the registry sources that define it. */
  definedIn: string[];
  /** Environments whose registry sources define it. */
  environments: string[];
  /** Number of references in code. */
  references: number;
  /** Number of files that reference it. */
  files: number;
  state?: FlagState;
  /** Who a `partial` flag is on for (`on for superusers, staff`), when the registry says. */
  stateNote?: string;
  /** `switch`, `sample` or an SDK's own kind, when the registry or the checks say; undefined is a flag. */
  kind?: string;
  /** ISO date of the last known change (registry metadata, else git blame of the entry). */
  lastChanged?: string;
  /** Whole days since `lastChanged`. */
  ageDays?: number;
  expires?: string;
  permanent?: boolean;
  owner?: string;
  description?: string;
  /** Each registry source's definition of the flag: where it is and the state it serves there. */
  definitions?: FlagSourceSummary[];
  /**
   * Where the key is quoted in files of languages flag-scan does not parse (`path:line`, at most 3), when no
   * file it reads checks the flag: such a flag is not `unused`.
   */
  readInUnparsedFiles?: string[];
  /** `active`, `unknown` (referenced, not defined), `unused` (defined, not referenced), `stale`. */
  status: "active" | "unknown" | "unused" | "stale";
}

/** One registry source's definition of a flag, for the state per environment and links to the entry. */
export interface FlagSourceSummary {
  /** The registry source's name. */
  source: string;
  /** The environment the source describes, if any (`production`). */
  environment?: string;
  /** Relative to the project root, with `/`. */
  file: string;
  line?: number;
  /** The state this source serves, when it says. */
  state?: FlagState;
}

/** The JSON contract: what `flag-scan --format json` prints and what `scan()` returns. */
export interface ScanResult {
  /** Format version of this object. */
  version: 1;
  /** Absolute project root; every path below is relative to it. */
  root: string;
  references: FlagReference[];
  findings: Finding[];
  flags: FlagSummary[];
  errors: ScanError[];
  /**
   * What about the configuration makes this report less than it looks (no registry, a partial scan, an
   * accessor that matched nothing); the text report prints them first. Always set by a scan.
   */
  warnings?: string[];
  stats: ScanStats;
  /**
   * Set by `--changed-since <ref>` (pull-request mode): the flags the change added and removed.
   * Findings are then only those on changed lines.
   */
  changes?: ChangeSummary;
}

/** What a change did to flags, compared with the base revision (`--changed-since`). */
export interface ChangeSummary {
  /** The ref given to `--changed-since` (`origin/main`). */
  ref: string;
  /** Commit compared with: the merge-base of `ref` and HEAD, else `ref` itself. */
  base: string;
  /** Flag checks on changed lines. */
  newReferences: Array<Pick<FlagReference, "flag" | "file" | "line" | "column">>;
  /** Flags checked now that were checked nowhere at `base`. */
  flagsNowReferenced: string[];
  /** Flags checked at `base` that are checked nowhere now: the change removed their last reference. */
  flagsNoLongerReferenced: string[];
  /** Flags defined by a registry now and by none at `base`. */
  registryAdded: string[];
  /** Flags defined by a registry at `base` and by none now. */
  registryRemoved: string[];
}

export interface ScanStats {
  /** Files discovered by include/exclude. */
  filesDiscovered: number;
  /** Files whose text mentions an accessor and were parsed. */
  filesParsed: number;
  /** Lines in the discovered files. */
  linesDiscovered: number;
  durationMs: number;
}

/** Orders findings by file (project-wide ones last), then line and column, so every report reads the same. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) {
    if (a.file === undefined) return 1;
    if (b.file === undefined) return -1;
    return a.file < b.file ? -1 : 1;
  }
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareText(a.rule, b.rule);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
