import type { AccessorConfig, LearnedAccessorConfig, ResolvedConfig, PresetName } from "./config/schema.js";
import { presets } from "./config/presets/index.js";
import type { FlagRegistry } from "./registry/definition.js";
import type { FlagReference } from "./scan/reference.js";

/** Rules that compare code with a registry: without one they have nothing to compare against. */
const REGISTRY_RULES = ["unknown-flag", "unused-flag", "stale-flag", "environment-drift", "registry-mismatch"];

export interface ConfigurationFacts {
  config: ResolvedConfig;
  references: readonly FlagReference[];
  learnedAccessors: readonly LearnedAccessorConfig[];
  /** Only some paths of the project were scanned. */
  partial: boolean;
  /** Paths of a partial scan, relative to the root, for the message. */
  scannedPaths?: readonly string[];
  /** The loaded registry: a code registry that read declarations holding no flag is named. */
  registry?: FlagRegistry;
  /** Keys quoted in files of languages flag-scan does not parse: read there, so checked. */
  readInUnparsedFiles?: ReadonlySet<string>;
}

/**
 * What about the configuration makes the report less than it looks: rules that cannot run and
 * accessors that matched nothing. Printed first by the text report, and in JSON `warnings`.
 */
export function configurationWarnings(facts: ConfigurationFacts): string[] {
  const { config } = facts;
  const warnings: string[] = [];
  if (config.registry.length === 0) {
    warnings.push(
      `no registry configured: ${REGISTRY_RULES.map((id) => `\`${id}\``).join(", ")} cannot run; add \`"registry": [{ "type": "json", "path": "flags.json" }]\` (or the file your flags are declared in) to the config`,
    );
  }
  if (facts.partial) {
    const where = facts.scannedPaths && facts.scannedPaths.length > 0 ? ` (${facts.scannedPaths.join(", ")})` : "";
    warnings.push(`only part of the project was scanned${where}: \`unused-flag\` needs every file and did not run`);
    return warnings;
  }
  warnings.push(...unmatchedAccessorWarnings(facts));
  warnings.push(...uncheckedDeclarationWarnings(facts));
  return warnings;
}

/** Declarations of at most this many are named in the message; the rest are counted. */
const NAMED_DECLARATIONS = 4;

/**
 * A `typescript` registry source without `export` reads the keys of every exported declaration of its
 * file. Next to `interface Flags`, such a file often exports other types (`LinkItem`, `TaxDetail`), and
 * each of their keys would then be an \`unused-flag\` (59 of them on linode/manager). When some
 * declarations have checked keys and others none at all, the others are named with the `export` to set.
 */
function uncheckedDeclarationWarnings({ config, references, registry, readInUnparsedFiles }: ConfigurationFacts): string[] {
  if (!registry) return [];
  const checked = new Set(references.map((reference) => reference.flag));
  const warnings: string[] = [];
  for (const source of config.registry) {
    if (source.type !== "typescript" || source.export !== undefined) continue;
    const byDeclaration = new Map<string, { keys: number; checked: boolean }>();
    for (const [flag, definitions] of registry.bySlug) {
      for (const definition of definitions) {
        // By index: a registry loaded in the scan worker holds copies of the config's sources.
        if (definition.source.index !== source.index || definition.declaration === undefined) continue;
        const entry = byDeclaration.get(definition.declaration) ?? { keys: 0, checked: false };
        entry.keys++;
        entry.checked ||= checked.has(flag) || readInUnparsedFiles?.has(flag) === true;
        byDeclaration.set(definition.declaration, entry);
      }
    }
    // Any declaration with a checked key lists flags (a one-member `enum FeatureFlags` too); an unchecked one
    // is named only as a list of two keys or more: an export per flag (`export const featureX = new
    // Feature("x")`) is one key, and an unchecked one is just an unused flag.
    const used = [...byDeclaration].filter(([, entry]) => entry.checked).map(([name]) => name);
    const unused = [...byDeclaration].filter(([, entry]) => !entry.checked && entry.keys > 1);
    if (used.length === 0 || unused.length === 0) continue;
    const keys = unused.reduce((sum, [, entry]) => sum + entry.keys, 0);
    const named = unused.slice(0, NAMED_DECLARATIONS).map(([name]) => `\`${name}\``);
    const more = unused.length > NAMED_DECLARATIONS ? ` and ${unused.length - NAMED_DECLARATIONS} more` : "";
    const advice =
      used.length === 1
        ? `if only \`${used[0]}\` lists flags, add \`"export": "${used[0]}"\` to the source`
        : `if they list no flags, split the flags into their own file or give the source an \`export\``;
    warnings.push(
      `registry source \`${source.name}\` reads every export of its file, and none of the ${keys} key${keys === 1 ? "" : "s"} of ${named.join(", ")}${more} is checked anywhere: ${advice}`,
    );
  }
  return warnings;
}

/**
 * Accessors the config names that no file uses. A preset counts as one: an SDK's many entry points
 * are rarely all used, but a preset none of whose entry points matched is the wrong preset.
 */
function unmatchedAccessorWarnings({ config, references, learnedAccessors }: ConfigurationFacts): string[] {
  const used = new Set<string>();
  for (const reference of references) used.add(lastSegment(reference.accessor));
  // An accessor read only through wrappers the scan learned is in use too.
  for (const learned of learnedAccessors) {
    const wraps = learned.wraps;
    if (wraps !== undefined && used.has(lastSegment(accessorName(learned)))) used.add(lastSegment(wraps));
  }
  const isUsed = (accessor: AccessorConfig): boolean => used.has(lastSegment(accessorName(accessor)));
  // Wrappers the scan learned, by what they wrap: an accessor called only inside a wrapper nobody calls
  // did match, so "matched nothing, check its name" would send the user after the wrong fault.
  const wrappersOf = new Map<string, string[]>();
  for (const learned of learnedAccessors) {
    if (learned.wraps === undefined) continue;
    const wrapped = lastSegment(learned.wraps);
    wrappersOf.set(wrapped, [...(wrappersOf.get(wrapped) ?? []), accessorName(learned)]);
  }
  const warnings: string[] = [];
  const fromPresets = new Set<AccessorConfig>();
  for (const name of config.presets) {
    const accessors: readonly AccessorConfig[] = presets[name as PresetName] ?? [];
    for (const accessor of accessors) fromPresets.add(accessor);
    if (accessors.length > 0 && !accessors.some(isUsed)) {
      warnings.push(`no flag check was found through an entry point of the \`${name}\` preset; check \`presets\` names the SDK the code uses, or add the project's own wrapper of it to \`accessors\``);
    }
  }
  for (const accessor of config.accessors) {
    if (fromPresets.has(accessor) || isUsed(accessor)) continue;
    const wrappers = wrappersOf.get(lastSegment(accessorName(accessor)));
    if (wrappers) {
      const named = wrappers.map((name) => `\`${name}\``).join(", ");
      warnings.push(`the accessor \`${accessorName(accessor)}\` is called only inside ${named}, which nothing in the project calls with a flag`);
    } else {
      warnings.push(`the accessor \`${accessorName(accessor)}\` matched nothing in the project; check its name, or remove it from \`accessors\``);
    }
  }
  return warnings;
}

function accessorName(accessor: AccessorConfig): string {
  if ("call" in accessor) return accessor.call;
  if ("flagsObject" in accessor) return accessor.flagsObject;
  if ("member" in accessor) return accessor.member;
  if ("jsx" in accessor) return accessor.jsx;
  if ("hoc" in accessor) return accessor.hoc;
  if ("decorator" in accessor) return accessor.decorator;
  if ("templateTag" in accessor) return accessor.templateTag;
  if ("definitionObject" in accessor) return accessor.definitionObject;
  return accessor.classAttribute;
}

function lastSegment(name: string): string {
  return name.split(".").pop() ?? name;
}
