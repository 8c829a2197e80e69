import type { ResolvedRegistrySource } from "../config/schema.js";
import type { FlagDefinition, FlagMetadata, FlagState } from "./definition.js";
import { describeNode, getField, type DocNode, type DocObject, type RegistryDocument } from "./document.js";

/** One flag found in a document, before its metadata is read. */
interface RawEntry {
  flag: string;
  /** Where the entry starts: its key, its list item, or the name field of a one-flag document. */
  offset: number;
  /** The flag's own fields, when the entry is an object. */
  fields: DocObject | undefined;
  /** The value of a keyed entry (`"ff_x": true`). */
  value: DocNode | undefined;
}

/** Keys under which real exports nest their flag list (LaunchDarkly `items`, Unleash `features`). */
const WRAPPER_KEYS = ["flags", "features", "featureFlags", "feature_flags", "toggles", "items"];
/** Fields naming a flag, most specific first: LaunchDarkly items have both `key` (the slug) and `name` (a title). */
const NAME_FIELDS = ["key", "name", "slug", "id"];

/**
 * Every flag a JSON/YAML document defines, in document order. Accepted shapes:
 * - a list of slugs: `["ff_a", "ff_b"]`;
 * - an object keyed by slug, whose values are metadata objects, booleans (the flag's state) or anything:
 *   `{ "ff_a": { "owner": "team" }, "ff_b": true }` (keys starting with `$`, like `$schema`, are skipped);
 * - a list of objects naming the flag in `key`, `name`, `slug` or `id`; Django `dumpdata` objects
 *   (`{ "model", "pk", "fields": { "name" } }`) are read from their `fields`;
 * - any of these under `flags`, `features` (Unleash), `items` (LaunchDarkly), `featureFlags`,
 *   `feature_flags` or `toggles`;
 * - one flag per document (GitLab style): an object whose `key`, `name` or `slug` is a string.
 */
export function collectEntries(document: RegistryDocument): RawEntry[] {
  return document.roots.flatMap((root) => entriesOf(root, document));
}

function entriesOf(node: DocNode, document: RegistryDocument): RawEntry[] {
  if (node.kind === "array") return node.items.map((item) => entryOfItem(item, document));
  if (node.kind === "scalar") {
    throw document.error(node.offset, `expected a list of flags or an object keyed by flag name, found ${describeNode(node)}`);
  }
  const wrapper = WRAPPER_KEYS.map((key) => getField(node, key)).find(
    (entry) => entry !== undefined && entry.value.kind !== "scalar",
  );
  if (wrapper) return entriesOf(wrapper.value, document);
  const single = nameOf(node);
  if (single) return [{ flag: single.name, offset: single.offset, fields: node, value: undefined }];
  // `$schema` and friends annotate the file for editors; they are not flags.
  return node.entries.filter((entry) => !entry.key.startsWith("$")).map((entry) => ({
    flag: entry.key,
    offset: entry.offset,
    fields: entry.value.kind === "object" ? entry.value : undefined,
    value: entry.value,
  }));
}

function entryOfItem(item: DocNode, document: RegistryDocument): RawEntry {
  if (item.kind === "scalar" && typeof item.value === "string") {
    return { flag: item.value, offset: item.offset, fields: undefined, value: undefined };
  }
  if (item.kind === "object") {
    const dumped = getField(item, "fields");
    const fields = dumped?.value.kind === "object" && getField(item, "model") ? dumped.value : item;
    const named = nameOf(fields, NAME_FIELDS);
    if (named) return { flag: named.name, offset: item.offset, fields, value: undefined };
  }
  throw document.error(
    item.offset,
    `a registry entry must be a flag name or an object with a key, name, slug or id field, found ${describeNode(item)}`,
  );
}

function nameOf(object: DocObject, fields = NAME_FIELDS.slice(0, 3)): { name: string; offset: number } | undefined {
  for (const field of fields) {
    const entry = getField(object, field);
    if (entry?.value.kind === "scalar" && typeof entry.value.value === "string" && entry.value.value !== "") {
      return { name: entry.value.value, offset: entry.offset };
    }
  }
  return undefined;
}

/** Turns every entry of a document into a definition of `source`. */
export function definitionsOf(document: RegistryDocument, source: ResolvedRegistrySource): FlagDefinition[] {
  return collectEntries(document).map((entry) => {
    const { line, column } = document.position(entry.offset);
    return {
      flag: entry.flag,
      source,
      file: document.file,
      line,
      column,
      metadata: readMetadata(entry.fields, entry.value, document, source.environment),
    };
  });
}

/** Unleash flag types meant to live forever. */
const LONG_LIVED_TYPES = new Set(["kill-switch", "killswitch", "kill_switch", "operational", "ops", "permission", "permanent"]);

/**
 * Reads a flag's metadata from its fields, accepting the names common exports use:
 * - `description` (or `summary`, else waffle's `note`); `owner` (or `maintainer`, `team`, `group`,
 *   LaunchDarkly's `_maintainer.email`); `type`;
 * - `created` (`createdAt`, `created_at`, `creationDate`), `modified` (`updatedAt`, `updated_at`,
 *   `lastModified`, `last_modified`), `expires` (`expiresAt`, `expires_at`, `expiry`, `expirationDate`,
 *   `removeBy`): ISO 8601 strings are kept as written; other dates (`2024-02-20 16:03:10+00:00`, as
 *   YAML dumps write them) and epoch milliseconds become ISO strings;
 * - `permanent: true`, LaunchDarkly's `temporary: false`, or a long-lived `type` (`kill-switch`,
 *   `operational`, `ops`, `permission`) make the flag permanent;
 * - `state`, by the first rule that applies:
 *   1. waffle fields (an `everyone` key): see {@link waffleState};
 *   2. `enabled: false` is off;
 *   3. `rollout`, `percentage` or `percent` (a number or numeric string, `"50%"` too): 100 is on,
 *      0 is off, anything between is partial;
 *   4. `enabled: true` is on, unless Unleash `strategies` target only some users (partial);
 *   5. `state: "on" | "off" | "partial"` (`enabled`/`disabled` also accepted);
 *   6. an object keyed by slug whose value is a boolean: `true` is on, `false` off.
 * - when the source has an `environment` and the flag lists `environments` (LaunchDarkly's object keyed
 *   by environment key, Unleash's list of `{ name, enabled, strategies }`), that environment's state
 *   and last modification win: see {@link environmentState}.
 * @throws RegistryError when a date field holds something that is not a date.
 */
export function readMetadata(
  fields: DocObject | undefined,
  value: DocNode | undefined,
  document: RegistryDocument,
  environment?: string,
): FlagMetadata {
  const metadata: FlagMetadata = {};
  if (fields) {
    const text = (...names: string[]) => stringField(fields, names);
    assign(metadata, "description", text("description", "summary") ?? nonEmpty(text("note")));
    assign(metadata, "owner", text("owner", "maintainer", "team", "group") ?? maintainerEmail(fields));
    assign(metadata, "type", text("type"));
    assign(metadata, "created", dateField(fields, document, "created", "createdAt", "created_at", "creationDate", "creation_date"));
    assign(metadata, "modified", dateField(fields, document, "modified", "updatedAt", "updated_at", "updated", "lastModified", "last_modified", "modifiedAt", "modified_at"));
    assign(metadata, "expires", dateField(fields, document, "expires", "expiresAt", "expires_at", "expiry", "expirationDate", "expiration_date", "removeBy", "remove_by"));
    assign(metadata, "permanent", permanentOf(fields, metadata.type));
    const state = stateOf(fields);
    assign(metadata, "state", state?.state);
    assign(metadata, "stateNote", state?.note);
    const inEnvironment = environment === undefined ? undefined : environmentState(fields, environment, document);
    if (inEnvironment) {
      if (inEnvironment.state) metadata.state = inEnvironment.state;
      else delete metadata.state;
      assign(metadata, "modified", inEnvironment.modified);
    }
  } else if (value?.kind === "scalar" && typeof value.value === "boolean") {
    metadata.state = value.value ? "on" : "off";
  }
  return metadata;
}

function assign<K extends keyof FlagMetadata>(metadata: FlagMetadata, key: K, value: FlagMetadata[K] | undefined): void {
  if (value !== undefined) metadata[key] = value;
}

function scalarOf(fields: DocObject, names: string[]): unknown {
  const entry = getField(fields, ...names);
  return entry?.value.kind === "scalar" ? entry.value.value : undefined;
}

function stringField(fields: DocObject, names: string[]): string | undefined {
  const value = scalarOf(fields, names);
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text?.trim() ? text : undefined;
}

function maintainerEmail(fields: DocObject): string | undefined {
  const maintainer = getField(fields, "_maintainer");
  return maintainer?.value.kind === "object" ? stringField(maintainer.value, ["email"]) : undefined;
}

/** ISO 8601 dates and date-times, kept as written; other parseable dates (`2024-02-20 16:03:10+00:00`) are normalized. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function dateField(fields: DocObject, document: RegistryDocument, ...names: string[]): string | undefined {
  const entry = getField(fields, ...names);
  if (entry === undefined || entry.value.kind !== "scalar" || entry.value.value === null) return undefined;
  const raw = entry.value.value;
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === "number" && Number.isFinite(raw)) return new Date(raw).toISOString();
  if (typeof raw === "string" && raw.trim() !== "" && !Number.isNaN(Date.parse(raw))) {
    const trimmed = raw.trim();
    return ISO_DATE.test(trimmed) ? trimmed : new Date(trimmed).toISOString();
  }
  throw document.error(entry.value.offset, `\`${entry.key}\` must be a date such as "2026-01-31", found ${JSON.stringify(raw)}`);
}

function permanentOf(fields: DocObject, type: string | undefined): boolean | undefined {
  const permanent = scalarOf(fields, ["permanent"]);
  if (typeof permanent === "boolean") return permanent;
  if (scalarOf(fields, ["temporary"]) === false) return true;
  if (type !== undefined && LONG_LIVED_TYPES.has(type.toLowerCase())) return true;
  return undefined;
}

/** A percentage from a number or a string such as `"25.0"` or `"50%"`; undefined when not one. */
function percentOf(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function stateFromPercent(percent: number): FlagState {
  if (percent >= 100) return "on";
  return percent <= 0 ? "off" : "partial";
}

/** A flag's rollout state, with a note when the state alone would mislead. */
export interface StateReading {
  state: FlagState;
  note?: string;
}

function stateOf(fields: DocObject): StateReading | undefined {
  if (getField(fields, "everyone")) return waffleState(fields);
  const enabled = scalarOf(fields, ["enabled"]);
  if (enabled === false) return { state: "off" };
  const percent = percentOf(scalarOf(fields, ["rollout", "percentage", "percent"]));
  if (percent !== undefined) return { state: stateFromPercent(percent) };
  if (enabled === true) return { state: unleashStrategiesState(fields) };
  const state = scalarOf(fields, ["state"]);
  if (typeof state === "string") {
    const normalized = { on: "on", enabled: "on", off: "off", disabled: "off", partial: "partial" }[state.toLowerCase()];
    if (normalized) return { state: normalized as FlagState };
  }
  return undefined;
}

/** An enabled Unleash flag is on for everyone only when each strategy is `default` or a 100% rollout. */
function unleashStrategiesState(fields: DocObject): FlagState {
  const strategies = getField(fields, "strategies");
  if (strategies?.value.kind !== "array") return "on";
  for (const strategy of strategies.value.items) {
    if (strategy.kind !== "object") return "partial";
    if (stringField(strategy, ["name"]) === "default") return "on";
    const parameters = getField(strategy, "parameters");
    const percent = parameters?.value.kind === "object" ? percentOf(scalarOf(parameters.value, ["rollout", "percentage"])) : undefined;
    const constraints = getField(strategy, "constraints");
    const hasConstraints = constraints?.value.kind === "array" && constraints.value.items.length > 0;
    if (percent !== undefined && percent >= 100 && !hasConstraints) return "on";
  }
  return "partial";
}

/** A flag's state in one environment; `state` is undefined when it serves non-boolean variations. */
interface EnvironmentReading {
  state: FlagState | undefined;
  modified?: string;
}

/**
 * What a flag does in one environment of a LaunchDarkly or Unleash export:
 * - LaunchDarkly (`environments.<key>` with `on`): off serves `variations[offVariation]`; on with
 *   individual targets, rules or prerequisites is partial, else it serves the `fallthrough` variation
 *   (a percentage rollout is partial unless one variation weighs 100%). A served `true` is on and
 *   `false` off; `lastModified` is the last change.
 * - Unleash (`environments: [{ name, enabled, strategies }]`): as for a flag's own `enabled`.
 * Undefined when the flag says nothing about `environment`.
 */
function environmentState(fields: DocObject, environment: string, document: RegistryDocument): EnvironmentReading | undefined {
  const environments = getField(fields, "environments")?.value;
  if (environments?.kind === "object") {
    const settings = getField(environments, environment)?.value;
    if (settings?.kind !== "object" || getField(settings, "on") === undefined) return undefined;
    const modified = dateField(settings, document, "lastModified");
    return { state: launchDarklyState(fields, settings), ...(modified === undefined ? {} : { modified }) };
  }
  if (environments?.kind === "array") {
    const settings = environments.items.find(
      (item): item is DocObject => item.kind === "object" && stringField(item, ["name"]) === environment,
    );
    if (settings === undefined) return undefined;
    const enabled = scalarOf(settings, ["enabled"]);
    if (enabled === false) return { state: "off" };
    return enabled === true ? { state: unleashStrategiesState(settings) } : undefined;
  }
  return undefined;
}

function launchDarklyState(flag: DocObject, settings: DocObject): FlagState | undefined {
  const variations = getField(flag, "variations")?.value;
  const served = (index: unknown): FlagState | undefined => {
    if (typeof index !== "number" || variations?.kind !== "array") return undefined;
    const variation = variations.items[index];
    const value = variation?.kind === "object" ? scalarOf(variation, ["value"]) : undefined;
    if (typeof value !== "boolean") return undefined;
    return value ? "on" : "off";
  };
  if (scalarOf(settings, ["on"]) !== true) return served(scalarOf(settings, ["offVariation"]));
  const targetsSome = ["targets", "contextTargets", "rules", "prerequisites"].some((name) => {
    const list = getField(settings, name)?.value;
    return list?.kind === "array" && list.items.length > 0;
  });
  if (targetsSome) return "partial";
  const fallthrough = getField(settings, "fallthrough")?.value;
  if (fallthrough?.kind !== "object") return undefined;
  const variation = scalarOf(fallthrough, ["variation"]);
  if (variation !== undefined) return served(variation);
  const rollout = getField(fallthrough, "rollout")?.value;
  const weighted = rollout?.kind === "object" ? getField(rollout, "variations")?.value : undefined;
  if (weighted?.kind !== "array") return undefined;
  const whole = weighted.items.find((item) => item.kind === "object" && scalarOf(item, ["weight"]) === 100000);
  return whole?.kind === "object" ? served(scalarOf(whole, ["variation"])) : "partial";
}

/**
 * The rollout state of a django-waffle flag, as waffle decides it for a request, from the whole row:
 * - `everyone: true` is on and `everyone: false` off for everybody, whatever else is set;
 * - `everyone: null` defers to the other fields: `percent` 100 is on; any `percent` above 0, `testing`,
 *   `superusers`, `staff`, `authenticated`, `languages`, `groups` or `users` make it partial, and the note
 *   says who sees it (`on for superusers, staff`): those people use the feature, so it is not "off";
 *   otherwise it is off for everybody.
 */
export function waffleState(fields: DocObject): StateReading {
  const everyone = scalarOf(fields, ["everyone"]);
  if (everyone === true) return { state: "on" };
  if (everyone === false) return { state: "off" };
  const percent = percentOf(scalarOf(fields, ["percent"])) ?? 0;
  if (percent >= 100) return { state: "on" };
  const count = (name: string) => {
    const entry = getField(fields, name);
    return entry?.value.kind === "array" ? entry.value.items.length : 0;
  };
  const who: string[] = [];
  if (percent > 0) who.push(`${percent}% of visitors${scalarOf(fields, ["rollout"]) === true ? " (rollout mode)" : ""}`);
  if (scalarOf(fields, ["testing"]) === true) who.push("testers (`dwft_` query parameter)");
  if (scalarOf(fields, ["superusers"]) === true) who.push("superusers");
  if (scalarOf(fields, ["staff"]) === true) who.push("staff");
  if (scalarOf(fields, ["authenticated"]) === true) who.push("authenticated users");
  const languages = stringField(fields, ["languages"])?.trim();
  if (languages) who.push(`languages ${languages}`);
  const groups = count("groups");
  const users = count("users");
  if (groups > 0) who.push(groups === 1 ? "1 group" : `${groups} groups`);
  if (users > 0) who.push(users === 1 ? "1 user" : `${users} users`);
  return who.length === 0 ? { state: "off" } : { state: "partial", note: `on for ${who.join(", ")}` };
}
