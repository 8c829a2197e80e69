import type { ResolvedConfig } from "../config/schema.js";
import { createRuleContext } from "../engine.js";
import type { FlagDefinition, FlagRegistry } from "../registry/definition.js";
import type { FlagLifecycle } from "../registry/staleness.js";
import type { FlagReference } from "../scan/reference.js";

/** A finished flag `retire` removes, and why it is finished. */
export interface RetireCandidate {
  flag: string;
  /** The value to keep: the state every environment serves. */
  value: "on" | "off";
  /** The stale reason in words (`has been fully on for 650 days without a change (more than 90)`). */
  reason: string;
  ageDays: number | undefined;
  lastChanged: string | undefined;
  /** Environments whose registries define it (empty when no source names one). */
  environments: string[];
  /** Files that check it, relative to the root. */
  files: string[];
}

/** A flag that looked finished but is kept, and why. */
export interface SkippedFlag {
  flag: string;
  why: string;
}

export interface RetirePlan {
  retire: RetireCandidate[];
  skipped: SkippedFlag[];
}

/**
 * Chooses the flags the registries say are finished: stale by the lifecycle (`stale-flag`), fully on or
 * fully off with the same state in every environment that defines it, no other flag checked inside it
 * (removing it first would leave the inner flag's checks without their outer condition), and not permanent.
 * Candidates are the stale flags plus the permanent ones that would otherwise be stale, so the plan can
 * say why each is kept. Reads only: nothing is changed.
 */
export function planRetirement(references: readonly FlagReference[], registry: FlagRegistry, config: ResolvedConfig, now = Date.now()): RetirePlan {
  const context = createRuleContext(references, registry, config, now);
  const retire: RetireCandidate[] = [];
  const skipped: SkippedFlag[] = [];
  for (const [flag, definitions] of [...registry.bySlug].sort(([a], [b]) => a.localeCompare(b))) {
    const lifecycle = context.getLifecycle(flag);
    if (lifecycle === undefined) continue;
    if (lifecycle.permanent) {
      if (wouldBeStale(lifecycle, config.stale.maxAgeDays, now)) skipped.push({ flag, why: "marked permanent in the registry (a kill switch or an operational flag)" });
      continue;
    }
    if (lifecycle.staleReason === undefined) continue;
    const why = whyKept(flag, definitions, references);
    if (why !== undefined) {
      skipped.push({ flag, why: `${lifecycle.staleReason}, but ${why}` });
      continue;
    }
    const value = sharedState(definitions) as "on" | "off";
    retire.push({
      flag,
      value,
      reason: lifecycle.staleReason,
      ageDays: lifecycle.ageDays,
      lastChanged: lifecycle.lastChanged,
      environments: environmentsOf(definitions),
      files: [...new Set(references.filter((r) => r.flag === flag).map((r) => r.file))].sort(),
    });
  }
  return { retire, skipped };
}

function whyKept(flag: string, definitions: readonly FlagDefinition[], references: readonly FlagReference[]): string | undefined {
  const states = statesByEnvironment(definitions);
  const distinct = new Set(states.values());
  if (distinct.size === 0) return "no registry says whether it is on or off, so there is no value to keep";
  if (distinct.size > 1) return `its state differs between environments (${[...states].map(([env, state]) => `${state} in ${env}`).join(", ")})`;
  const [state] = distinct;
  if (state !== "on" && state !== "off") return `it is ${state}ly rolled out, not fully on or off`;
  const nested = references.find((reference) => reference.flag !== undefined && reference.flag !== flag && reference.guards.some((guard) => guard.flag === flag));
  if (nested !== undefined) return `\`${nested.flag}\` is checked inside it (${nested.file}:${nested.line}); retire that flag first`;
  return undefined;
}

/** State per environment; sources without an environment count as one `default` environment. */
function statesByEnvironment(definitions: readonly FlagDefinition[]): Map<string, string> {
  const states = new Map<string, string>();
  for (const definition of definitions) {
    const state = definition.metadata.state;
    if (state === undefined) continue;
    const environment = definition.source.environment ?? "default";
    const known = states.get(environment);
    // Two sources for one environment that disagree make the environment itself ambiguous.
    states.set(environment, known === undefined || known === state ? state : "partial");
  }
  return states;
}

function sharedState(definitions: readonly FlagDefinition[]): string | undefined {
  return [...statesByEnvironment(definitions).values()][0];
}

function environmentsOf(definitions: readonly FlagDefinition[]): string[] {
  return [...new Set(definitions.flatMap((d) => (d.source.environment === undefined ? [] : [d.source.environment])))].sort();
}

function wouldBeStale(lifecycle: FlagLifecycle, maxAgeDays: number, now: number): boolean {
  if (lifecycle.expires !== undefined && Date.parse(lifecycle.expires) < now) return true;
  return (lifecycle.state === "on" || lifecycle.state === "off") && lifecycle.ageDays !== undefined && lifecycle.ageDays > maxAgeDays;
}
