import type { AccessorConfig, LearnedAccessorConfig, ResolvedConfig, PresetName } from "./config/schema.js";
import { presets } from "./config/presets/index.js";
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
  const warnings: string[] = [];
  const fromPresets = new Set<AccessorConfig>();
  for (const name of config.presets) {
    const accessors: readonly AccessorConfig[] = presets[name as PresetName] ?? [];
    for (const accessor of accessors) fromPresets.add(accessor);
    if (accessors.length > 0 && !accessors.some(isUsed)) {
      warnings.push(`no file uses an entry point of the \`${name}\` preset; check \`presets\` names the SDK the code uses`);
    }
  }
  for (const accessor of config.accessors) {
    if (fromPresets.has(accessor) || isUsed(accessor)) continue;
    warnings.push(`the accessor \`${accessorName(accessor)}\` matched nothing in the project; check its name, or remove it from \`accessors\``);
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
