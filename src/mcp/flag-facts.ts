import { buildNestingGraph } from "../reporters/flag-graph.js";
import type { Finding, FlagSummary, ScanResult } from "../result.js";
import type { FlagReference } from "../scan/reference.js";

/** A place in code, as agents read it. */
export interface Site {
  file: string;
  line: number;
  column: number;
  /** Flags whose conditions enclose this check, outermost first. */
  checkedInside: string[];
}

/** Whether a flag can be removed now, with the value to keep, and why (not). */
export interface Readiness {
  ready: boolean;
  /** The value `flag-scan cleanup` should keep: the state every environment serves. */
  value?: "on" | "off";
  reasons: string[];
}

/** Everything one flag's explanation holds. */
export interface FlagExplanation {
  flag: string;
  status: FlagSummary["status"];
  state?: FlagSummary["state"];
  ageDays?: number;
  owner?: string;
  description?: string;
  /** Each registry source's definition and the state it serves (per environment). */
  definitions: NonNullable<FlagSummary["definitions"]>;
  sites: Site[];
  /** Flags this one is checked inside (it is nested under them). */
  nestedUnder: string[];
  /** Flags checked inside this one's branches. */
  nestedInside: string[];
  findings: Array<Pick<Finding, "rule" | "severity" | "message" | "file" | "line">>;
  readyToRemove: Readiness;
}

export function siteOf(reference: FlagReference): Site {
  return { file: reference.file, line: reference.line, column: reference.column, checkedInside: reference.guards.map((guard) => guard.flag) };
}

/**
 * Whether a flag is finished: defined, stale by its registries, serving the same state (on or off) in
 * every source that says, with no flag checked inside it, and not permanent. The state is the value to keep.
 */
export function readiness(flag: FlagSummary, nestedInside: readonly string[]): Readiness {
  const reasons: string[] = [];
  if (flag.status === "unknown") reasons.push("no registry defines it: check the key, or remove it with value `off` if the check is dead");
  if (flag.permanent) reasons.push("it is marked permanent (a kill switch or an operational flag)");
  if (flag.status !== "stale" && flag.status !== "unknown" && !flag.permanent)
    reasons.push(flag.status === "unused" ? "it is checked nowhere: only its registry entry is left" : "its registries do not say it is finished (not stale)");
  const states = [...new Set((flag.definitions ?? []).flatMap((d) => (d.state === undefined ? [] : [d.state])))];
  if (states.length > 1) reasons.push(`its sources disagree on its state (${states.join(", ")})`);
  const state = states.length === 1 ? states[0] : flag.state;
  if (state === "partial") reasons.push("it is served to some users only (partial rollout)");
  if (state === undefined && flag.status !== "unknown") reasons.push("no registry says whether it is on or off");
  if (nestedInside.length > 0) reasons.push(`flags are checked inside it: ${nestedInside.join(", ")}; retire those first`);
  const value = state === "on" || state === "off" ? state : undefined;
  return reasons.length === 0 && value !== undefined ? { ready: true, value, reasons: [`stale and ${value} everywhere`] } : { ready: false, ...(value && { value }), reasons };
}

/** The explanation of `flag` in a scan, or undefined when the scan knows no such flag. */
export function explainFlag(result: ScanResult, flag: string): FlagExplanation | undefined {
  const summary = result.flags.find((f) => f.flag === flag);
  if (summary === undefined) return undefined;
  const graph = buildNestingGraph(result.references);
  const nestedUnder = graph.edges.filter((e) => e.inner === flag).map((e) => e.outer);
  const nestedInside = graph.edges.filter((e) => e.outer === flag).map((e) => e.inner);
  const explanation: FlagExplanation = {
    flag,
    status: summary.status,
    definitions: summary.definitions ?? [],
    sites: result.references.filter((r) => r.flag === flag).map(siteOf),
    nestedUnder,
    nestedInside,
    findings: result.findings
      .filter((f) => f.flag === flag && f.suppressed === undefined)
      .map(({ rule, severity, message, file, line }) => ({ rule, severity, message, ...(file !== undefined && { file }), ...(line !== undefined && { line }) })),
    readyToRemove: readiness(summary, nestedInside),
  };
  if (summary.state !== undefined) explanation.state = summary.state;
  if (summary.ageDays !== undefined) explanation.ageDays = summary.ageDays;
  if (summary.owner !== undefined) explanation.owner = summary.owner;
  if (summary.description !== undefined) explanation.description = summary.description;
  return explanation;
}
