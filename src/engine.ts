import { applyInlineSuppressions } from "./ci/suppressions.js";
import { configurationWarnings } from "./config-warnings.js";
import { fingerprintFindings } from "./ci/fingerprint.js";
import type { ResolvedConfig, Severity } from "./config/schema.js";
import type { FlagDefinition, FlagRegistry } from "./registry/definition.js";
import { assertLiteralSourcesExist } from "./registry/files.js";
import { createGitAge } from "./registry/git-age.js";
import { getFlagLifecycle, type FlagLifecycle } from "./registry/staleness.js";
import { compareFindings, type Finding, type FlagSummary, type ScanResult } from "./result.js";
import { formatMessage, type Rule, type RuleContext } from "./rule.js";
import { languages as defaultLanguages } from "./languages/index.js";
import type { Language } from "./languages/language.js";
import type { ProjectScan, ScanProjectOptions } from "./scan/scan-project.js";
import type { FlagReference } from "./scan/reference.js";
import type { UnparsedRead } from "./scan/unparsed-files.js";
import type { WalkListings } from "./scan/walk-listings.js";

export interface LoadAndScanOptions extends Omit<ScanProjectOptions, "languages" | "registry"> {
  /** The languages to read. @default every language flag-scan ships (src/languages/index.ts) */
  languages?: readonly Language[];
  /** Registries already loaded (the ESLint plugin reuses its own); loaded from the config otherwise. */
  registry?: FlagRegistry;
  /** Accept a registry source without flags (the cleanup, which may have emptied it). @default false */
  allowEmptyRegistrySources?: boolean;
  /**
   * Where the walk for files of languages flag-scan does not parse is kept, answered from directory
   * stamps while they hold (`--cache`: discovery-cache.ts). @default walk every time
   */
  unparsedDiscoveryFile?: string;
}

/** Loads a config's registries with the loaders of the data formats and of `languages`. */
export async function loadProjectRegistry(
  config: ResolvedConfig,
  languages: readonly Language[] = defaultLanguages,
  options: { allowEmptySources?: boolean } = {},
): Promise<FlagRegistry> {
  // Loaded on use: a cached scan (src/scan/result-cache.ts) runs the rules without loading or scanning.
  const [{ loadRegistry }, { registryLoadersOf }] = await Promise.all([import("./registry/load-registry.js"), import("./registry/loaders.js")]);
  return loadRegistry(config, registryLoadersOf(languages), options);
}

/**
 * Loads the registries and scans the project with them: what every entry point runs before the rules.
 * The registries load while the scan walks the tree; files wait for them before they are scanned.
 */
export async function loadAndScan(config: ResolvedConfig, options: LoadAndScanOptions = {}): Promise<ProjectScan> {
  const { scanProject } = await import("./scan/scan-project.js");
  // Before the walk, which can be long: a registry file that is not there fails the scan at once.
  if (!options.registry && !options.discovered) assertLiteralSourcesExist(config.registry, { root: config.root, configFile: config.configFile });
  const languages = options.languages ?? defaultLanguages;
  const registry = options.registry ?? loadProjectRegistry(config, languages, { allowEmptySources: options.allowEmptyRegistrySources });
  // A re-scan of given files, one shard or a learn-only scan (the ESLint plugin's project load, whose
  // references are partial) cannot tell what the project checks: only whole scans look.
  const whole = options.files === undefined && options.shard === undefined && options.learnOnly !== true;
  // The walk for other languages' files starts once the prefilter is done, while the parse runs.
  let unparsed: Promise<string[]> | undefined;
  const early = whole && options.unparsedDiscoveryFile === undefined && (options.paths?.length ?? 0) === 0 && config.rules["unused-flag"] !== "off";
  const whenPrefiltered = (listings?: WalkListings) => {
    unparsed = import("./scan/unparsed-files.js").then(({ listUnparsedFiles }) => listUnparsedFiles(config, languages, undefined, listings));
    // Awaited only if some flag is unused; a failure then surfaces there.
    unparsed.catch(() => undefined);
  };
  const scan = await scanProject(config, { ...options, languages, registry, ...(early && { whenPrefiltered }) });
  return whole ? withUnparsedReads(scan, languages, options.unparsedDiscoveryFile, unparsed) : scan;
}

/**
 * Looks for the keys of the flags that would be reported unused in the project's files of languages
 * flag-scan does not parse (`findKeysInUnparsedFiles`): a flag quoted there is read by code flag-scan cannot
 * see. Costs nothing when every defined flag is checked, the scan is partial or `unused-flag` is off.
 */
export async function withUnparsedReads(
  scan: ProjectScan,
  languages: readonly Language[] = defaultLanguages,
  discoveryFile?: string,
  /** The files to search, when the walk was started earlier (`listUnparsedFiles`). */
  listed?: Promise<string[]>,
): Promise<ProjectScan> {
  if (scan.partial || scan.config.rules["unused-flag"] === "off") return scan;
  const checked = new Set(scan.references.map((reference) => reference.flag));
  const candidates = [...scan.registry.bySlug.keys()].filter((flag) => !checked.has(flag));
  if (candidates.length === 0) return scan;
  const { findKeysInUnparsedFiles } = await import("./scan/unparsed-files.js");
  const reads = await findKeysInUnparsedFiles(scan.config, candidates, languages, discoveryFile, listed);
  return reads.length === 0 ? scan : { ...scan, readInUnparsedFiles: reads };
}

/** The severity a rule runs with under a config, or "off". */
export function getRuleSeverity(rule: Rule, config: ResolvedConfig): Severity | "off" {
  return config.rules[rule.id] ?? rule.severity;
}

/** Builds the context rules read; `getLifecycle` is computed once per flag and uses git only when needed. */
export function createRuleContext(
  references: readonly FlagReference[],
  registry: FlagRegistry,
  config: ResolvedConfig,
  now = Date.now(),
  /** Where blames are kept across runs (`--cache`: registry/git-age.ts); none by default. */
  gitAgeCache?: string,
): RuleContext {
  const gitAge = createGitAge(config.root, gitAgeCache === undefined ? {} : { cacheFile: gitAgeCache });
  const lifecycles = new Map<string, FlagLifecycle | undefined>();
  const entryAgeDays = (definition: FlagDefinition) =>
    definition.line === undefined ? undefined : gitAge.entryAgeDays(definition.file, definition.line, now);
  return {
    references,
    registry,
    config,
    now,
    getLifecycle(flag) {
      if (!lifecycles.has(flag)) {
        const definitions = registry.bySlug.get(flag);
        lifecycles.set(
          flag,
          definitions && definitions.length > 0
            ? getFlagLifecycle(definitions, { now, maxAgeDays: config.stale.maxAgeDays, entryAgeDays })
            : undefined,
        );
      }
      return lifecycles.get(flag);
    },
  };
}

/** Runs rules over a context and turns their reports into findings (without fingerprints). */
export function runRules(rules: readonly Rule[], context: RuleContext): Array<Omit<Finding, "fingerprint">> {
  const findings: Array<Omit<Finding, "fingerprint">> = [];
  for (const rule of rules) {
    const severity = getRuleSeverity(rule, context.config);
    if (severity === "off") continue;
    for (const report of rule.check(context)) {
      const finding: Omit<Finding, "fingerprint"> = {
        rule: rule.id,
        severity,
        message: formatMessage(rule.messages[report.messageId] ?? report.messageId, report.data),
      };
      if (report.flag !== undefined) finding.flag = report.flag;
      if (report.at) {
        finding.file = report.at.file;
        finding.line = report.at.line;
        finding.column = report.at.column;
        if (report.at.endLine !== undefined) finding.endLine = report.at.endLine;
        if (report.at.endColumn !== undefined) finding.endColumn = report.at.endColumn;
      }
      findings.push(finding);
    }
  }
  return findings;
}

/**
 * Turns a project scan into the result every reporter prints: rule findings (fingerprinted, with inline
 * suppressions applied), the flag inventory and the scan's errors. Writes nothing.
 */
export function analyze(scan: ProjectScan, rules: readonly Rule[], options: { now?: number; durationMs?: number; gitAgeCache?: string } = {}): ScanResult {
  const context = createRuleContext(scan.references, scan.registry, scan.config, options.now, options.gitAgeCache);
  if (scan.readInUnparsedFiles) context.readInUnparsedFiles = new Set(scan.readInUnparsedFiles.map((read) => read.flag));
  // A flag checked only outside the scanned paths is not unused.
  const raw = runRules(scan.partial ? rules.filter((rule) => rule.id !== "unused-flag") : rules, context);
  const fingerprinted = fingerprintFindings(raw, scan.readFile);
  const findings = applyInlineSuppressions(fingerprinted, scan.readFile).sort(compareFindings);
  return {
    version: 1,
    root: scan.config.root,
    references: scan.references,
    findings,
    flags: summarizeFlags(scan.references, scan.registry, context, scan.partial, scan.readInUnparsedFiles),
    errors: scan.errors,
    warnings: configurationWarnings({
      config: scan.config,
      references: scan.references,
      learnedAccessors: scan.learnedAccessors,
      partial: scan.partial,
      scannedPaths: scan.scannedPaths,
      registry: scan.registry,
      readInUnparsedFiles: new Set((scan.readInUnparsedFiles ?? []).map((read) => read.flag)),
    }),
    stats: { ...scan.stats, durationMs: options.durationMs ?? 0 },
  };
}

function summarizeFlags(
  references: readonly FlagReference[],
  registry: FlagRegistry,
  context: RuleContext,
  partial = false,
  readInUnparsedFiles: readonly UnparsedRead[] = [],
): FlagSummary[] {
  const unparsed = new Map<string, string[]>();
  for (const read of readInUnparsedFiles) unparsed.set(read.flag, [...(unparsed.get(read.flag) ?? []), `${read.file}:${read.line}`]);
  const referencesByFlag = new Map<string, FlagReference[]>();
  for (const reference of references) {
    if (reference.flag === undefined) continue;
    // Appended in place: copying the list per reference made this pass quadratic (issue 18).
    const list = referencesByFlag.get(reference.flag);
    if (list === undefined) referencesByFlag.set(reference.flag, [reference]);
    else list.push(reference);
  }
  // A scan of part of the project cannot tell a flag checked elsewhere from one checked nowhere: its
  // inventory lists the flags that part checks, never one as `unused`.
  const flags = new Set([...(partial ? [] : registry.bySlug.keys()), ...referencesByFlag.keys()]);
  return [...flags].sort().map((flag) => {
    const definitions = registry.bySlug.get(flag) ?? [];
    const flagReferences = referencesByFlag.get(flag) ?? [];
    const lifecycle = context.getLifecycle(flag);
    const summary: FlagSummary = {
      flag,
      definedIn: [...new Set(definitions.map((d) => d.source.name))],
      environments: [...new Set(definitions.flatMap((d) => (d.source.environment ? [d.source.environment] : [])))],
      references: flagReferences.length,
      files: new Set(flagReferences.map((r) => r.file)).size,
      status:
        definitions.length === 0
          ? "unknown"
          : flagReferences.length === 0 && !unparsed.has(flag)
            ? "unused"
            : lifecycle?.staleReason
              ? "stale"
              : "active",
    };
    const elsewhere = unparsed.get(flag);
    if (elsewhere) summary.readInUnparsedFiles = elsewhere;
    if (definitions.length > 0)
      summary.definitions = definitions.map((d) => ({
        source: d.source.name,
        ...(d.source.environment !== undefined && { environment: d.source.environment }),
        file: d.file,
        ...(d.line !== undefined && { line: d.line }),
        ...(d.metadata.state !== undefined && { state: d.metadata.state }),
      }));
    if (lifecycle?.state) summary.state = lifecycle.state;
    const stateNote = lifecycle?.state === undefined ? undefined : definitions.find((d) => d.metadata.state === lifecycle.state && d.metadata.stateNote)?.metadata.stateNote;
    if (stateNote) summary.stateNote = stateNote;
    const kind = definitions.find((d) => d.kind !== undefined)?.kind ?? flagReferences.find((r) => r.flagKind !== undefined)?.flagKind;
    if (kind) summary.kind = kind;
    if (lifecycle?.lastChanged) summary.lastChanged = lifecycle.lastChanged;
    if (lifecycle?.ageDays !== undefined) summary.ageDays = lifecycle.ageDays;
    if (lifecycle?.expires) summary.expires = lifecycle.expires;
    if (lifecycle?.permanent) summary.permanent = true;
    const owner = definitions.find((d) => d.metadata.owner)?.metadata.owner;
    if (owner) summary.owner = owner;
    const description = definitions.find((d) => d.metadata.description)?.metadata.description;
    if (description) summary.description = description;
    return summary;
  });
}
