import type { FlagDefinition, FlagState } from "./definition.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the registries together say about a flag's life. */
export interface FlagLifecycle {
  state: FlagState | undefined;
  /** ISO date of the last known change. */
  lastChanged: string | undefined;
  /** Whole days since the last change: from registry dates, else from git blame of the entry. */
  ageDays: number | undefined;
  expires: string | undefined;
  permanent: boolean;
  /** Why the flag is stale, in words for a message; undefined when it is not. */
  staleReason: string | undefined;
}

/**
 * Merges the metadata of a flag's definitions. Sources that describe an environment win for the state,
 * since they say what is really served (a production export over a constants file).
 */
export function getFlagLifecycle(
  definitions: readonly FlagDefinition[],
  options: { now: number; maxAgeDays: number; entryAgeDays: (definition: FlagDefinition) => number | undefined },
): FlagLifecycle {
  const ordered = [...definitions].sort((a, b) => Number(b.source.environment !== undefined) - Number(a.source.environment !== undefined));
  const state = ordered.find((d) => d.metadata.state !== undefined)?.metadata.state;
  const permanent = definitions.some((d) => d.metadata.permanent === true);
  const expires = definitions.map((d) => d.metadata.expires).filter(isDate).sort()[0];
  const dates = definitions.flatMap((d) => [d.metadata.modified, d.metadata.created]).filter(isDate).sort();
  const lastChanged = dates[dates.length - 1];
  let ageDays = lastChanged === undefined ? undefined : Math.floor((options.now - Date.parse(lastChanged)) / DAY_MS);
  if (ageDays === undefined && (state === "on" || state === "off")) {
    const ages = definitions.map(options.entryAgeDays).filter((age): age is number => age !== undefined);
    if (ages.length > 0) ageDays = Math.min(...ages);
  }

  let staleReason: string | undefined;
  // A switch is toggled at run time (a kill switch, maintenance mode): being off for long is its job.
  const isSwitch = definitions.length > 0 && definitions.every((d) => d.kind === "switch");
  if (!permanent && !isSwitch) {
    if (expires !== undefined && Date.parse(expires) < options.now) {
      staleReason = `expired on ${expires.slice(0, 10)}`;
    } else if ((state === "on" || state === "off") && ageDays !== undefined && ageDays > options.maxAgeDays) {
      staleReason = `has been fully ${state} for ${ageDays} days without a change (more than ${options.maxAgeDays})`;
    }
  }
  return { state, lastChanged, ageDays, expires, permanent, staleReason };
}

function isDate(value: string | undefined): value is string {
  return value !== undefined && !Number.isNaN(Date.parse(value));
}
