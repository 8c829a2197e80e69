import { writeCacheFile } from "./cache-file.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { loadAndScan, loadProjectRegistry, withUnparsedReads, type LoadAndScanOptions } from "../engine.js";
import type { FlagDefinition, FlagRegistry } from "../registry/definition.js";
import { assertLiteralSourcesExist } from "../registry/files.js";
import { readPackageVersion } from "../version.js";
import type { SpecialFile } from "./discover-files.js";
import { discoverFilesCached, discoveryKey } from "./discovery-cache.js";
import { stampsHold, WalkRecorder, withStampSession, type Stamp, type StampSession } from "./dir-stamps.js";
import { coverByDirectories } from "./covered-facts.js";
import { createCachedReader } from "./read-text.js";
import type { ProjectScan } from "./scan-project.js";
import type { ScanError } from "./reference.js";
import { factKey, hashContent, restampGlob, setPreviousGlobs, startRecording, stillHolds, stopRecording, withStats, withStatsBeforeReads, type Dependency } from "./tracked-fs.js";
import type { PrefilterMemo } from "./prefilter-memo.js";
import type { PatchIndex } from "./patch-entry.js";

/** Relative paths with `/` (discover-files.ts has the same; not imported, so a hit loads less). */
const toPosix = (relative: string) => (path.sep === "/" ? relative : relative.split(path.sep).join("/"));

/** Where `--cache` keeps its entries unless `--cache-location` says otherwise, relative to the project root. */
export const DEFAULT_CACHE_LOCATION = path.join("node_modules", ".cache", "flag-scan");

/**
 * Bumped when the entry format or what a scan records changes, so entries of another build are not read.
 * The package version is part of the key as well.
 */
const FORMAT = 10;

/** At most this many edited files are patched into a cached result (patch-entry.ts); more miss. */
const MAX_PATCHED_FILES = 8;

/** How many files a hit must find newly stampable before it rewrites its entry for them (see `entryHolds`). */
const REFRESH_READS = 64;

/** Registry types read only from files the loader reports (`registry.files`) or reads through `readText`. */
const FILE_REGISTRY_TYPES = new Set(["json", "yaml", "typescript", "python", "waffle", "django-migrations"]);

interface CacheEntry {
  format: number;
  key: string;
  /**
   * The hash of every discovered file's path (relative to the root, in order): an added or removed file
   * is a miss. A hash, not the list: the discovery cache keeps the list, and a hit need not parse it twice.
   */
  discovered: string;
  /** Every file-system fact the registry loading and the scan depended on (tracked-fs.ts). */
  dependencies: Dependency[];
  /** Per registry source, the files its `path` matched (relative): a new file matching a glob is a miss. */
  registryFiles: string[][];
  /** What resolving those files listed and stat'ed: while the stamps hold, the globs are not run again. */
  registryStamps?: Stamp[];
  registry: {
    definitions: Array<Omit<FlagDefinition, "source"> & { sourceIndex: number }>;
    constants: Array<[string, string]>;
    files: string[];
    problems?: ScanError[];
  };
  scan: Pick<ProjectScan, "references" | "errors" | "stats" | "learnedAccessors" | "partial" | "scannedPaths">;
  /** What a patch of a few edited files needs (patch-entry.ts); absent when the scan cannot be patched. */
  patch?: PatchIndex;
}

export interface CachedScanOptions extends LoadAndScanOptions {
  /** The cache directory (absolute, or relative to the project root). @default node_modules/.cache/flag-scan */
  location?: string;
  /**
   * Entries of one key under different names, so scans that alternate do not evict each other: the
   * base revision of `--changed-since` uses `base`. @default "scan"
   */
  slot?: string;
  /**
   * Whether a few edited files nothing depends on are patched into the cached result (patch-entry.ts)
   * rather than linked again with every file's facts. Off only where the miss itself is under test.
   * @default true
   */
  patch?: boolean;
}

export interface CachedScan {
  scan: ProjectScan;
  /**
   * `hit`: the cached result was still exact; `patch`: only a few files' texts changed, nothing else
   * depends on them, and the result was patched with their fresh scan (patch-entry.ts); `miss`: scanned
   * (reusing the per-file facts of unchanged files) and stored; `off`: this config cannot be cached.
   */
  cache: "hit" | "patch" | "miss" | "off";
  /**
   * On a miss: how many file scans were answered from cached facts, and how many ran. On a patch: the files
   * scanned again (the edited ones and the files whose results read them).
   */
  files?: { reused: number; scanned: number };
  /**
   * The paths outside the root the result depends on (absolute), when cached (`hit` or `miss`): a scan of
   * a checkout of one commit that depends on none has the same result for as long as that commit exists.
   */
  external?: string[];
}

/** The absolute paths among facts (facts inside the root are relative). */
function externalPaths(facts: readonly Dependency[]): string[] {
  const paths = new Set<string>();
  for (const fact of facts) {
    const at = fact.kind === "glob" ? fact.cwd : fact.path;
    if (path.isAbsolute(at)) paths.add(at);
    if (fact.kind === "covered") for (const covered of fact.facts) if (path.isAbsolute(covered.path)) paths.add(covered.path);
  }
  return [...paths];
}

/**
 * `loadAndScan` with a result cache, as `flag-scan --cache` runs it. The entry is keyed by the flag-scan
 * version, the config and the scanned paths; it is used only when every file-system fact the cached scan
 * depended on still holds: the same discovered files, the same content (by hash) of every file the scan
 * or the registry loading read (discovered files, imported files, tsconfig and package.json files), the
 * same answers to every existence check and workspace glob, the same registry files. So a cached result
 * is exactly what a cold scan would return; any change falls back to a full scan, which refreshes the entry.
 * Not cached: configs with a database registry (`waffle-db`) or the type-information tier, whose inputs are
 * not files this process reads.
 */
export async function loadAndScanCached(config: ResolvedConfig, options: CachedScanOptions = {}): Promise<CachedScan> {
  return withStatsBeforeReads(() => loadAndScanCachedOnce(config, options));
}

async function loadAndScanCachedOnce(config: ResolvedConfig, options: CachedScanOptions): Promise<CachedScan> {
  const { location = DEFAULT_CACHE_LOCATION, slot = "scan", patch = true, ...scanOptions } = options;
  if (!isCacheable(config) || scanOptions.registry || scanOptions.languages || scanOptions.files) {
    return { scan: await loadAndScan(config, scanOptions), cache: "off" };
  }
  // Before the walk, which can be long: a registry file that is not there fails the scan at once.
  assertLiteralSourcesExist(config.registry, { root: config.root, configFile: config.configFile });
  const key = cacheKey(config, scanOptions.paths ?? []);
  const file = path.resolve(config.root, location, `${slot}-${key.slice(0, 24)}.json`);
  const specialFiles: SpecialFile[] = [];
  const discoveryFile = path.resolve(config.root, location, `discovery-${slot}-${discoveryKey(config, scanOptions.paths ?? []).slice(0, 24)}.json`);
  // The search of other languages' files for unused keys (engine.ts `withUnparsedReads`) keeps its walk too.
  const unparsedDiscoveryFile = path.resolve(config.root, location, `discovery-unparsed-${slot}-${key.slice(0, 24)}.json`);
  // One stamp session for the walk's check and the entry's: each directory is stat'ed once (and by a miss's fact check).
  const stampSession: StampSession = new Map();
  const checked = await withStampSession(async () => {
    // Not destructured: `files` (absolute) is made only when read, and a hit never reads it.
    const discovery = await discoverFilesCached(config, scanOptions.paths, specialFiles, discoveryFile);
    const relative = discovery.relative;
    // Special files (FIFOs, unlistable directories) are reported: one appearing is a miss too.
    const discovered = [
      ...relative,
      ...specialFiles.map(({ file: f, kind }) => `\0${kind}\0${toPosix(path.relative(config.root, f))}`),
    ];

    const entry = readEntry(file, key);
    // A learn-only or sharded scan's result covers part of the files: it is never patched.
    const patchable = entry?.patch !== undefined && patch && !scanOptions.learnOnly && !scanOptions.shard;
    const holds = entry && (await usable(() => entryHolds(entry, config, discovered, file, patchable)));
    const restored = holds === true ? await usable(async () => restore(entry!, config)) : undefined;
    // Files of languages flag-scan does not parse are not in the entry's facts: they are searched afresh,
    // in the same stamp session (their walk lists the same directories).
    const hit = restored && (await withUnparsedReads({ ...restored, readInUnparsedFiles: undefined }, undefined, unparsedDiscoveryFile));
    return { hit, entry, discovery, discovered, changed: typeof holds === "object" ? holds : undefined };
  }, stampSession);
  if (checked.hit) return { scan: checked.hit, cache: "hit", external: externalPaths(checked.entry!.dependencies) };
  return withStampSession(async () => {
    const patched = checked.changed && (await usable(() => patchCached(config, file, checked.entry!, checked.discovered, checked.changed!)));
    if (patched) {
      const scan = await withUnparsedReads({ ...patched.scan, readInUnparsedFiles: undefined }, undefined, unparsedDiscoveryFile);
      return { scan, cache: "patch", files: { reused: 0, scanned: patched.rescanned }, external: externalPaths(patched.dependencies) };
    }
    return missed(config, { ...options, location, slot, unparsedDiscoveryFile }, key, file, checked.entry, checked.discovery.files, specialFiles, checked.discovered);
  }, stampSession);
}

/**
 * The entry with the edited files scanned afresh (patch-entry.ts), stored; undefined when it cannot be
 * patched exactly, and the caller misses.
 */
async function patchCached(
  config: ResolvedConfig,
  file: string,
  entry: CacheEntry,
  discovered: readonly string[],
  changed: { files: string[]; dependencies: Dependency[] },
): Promise<{ scan: ProjectScan; dependencies: Dependency[]; rescanned: number } | undefined> {
  if (!entry.patch) return undefined;
  const [{ patchEntry }, { languages }] = await Promise.all([import("./patch-entry.js"), import("../languages/index.js")]);
  const registry = restoreRegistry(entry.registry, config);
  const parts = await patchEntry(config, languages, { scan: entry.scan, dependencies: changed.dependencies, patch: entry.patch, registry }, discovered, changed.files);
  if (!parts) return undefined;
  const next: CacheEntry = { ...entry, dependencies: parts.dependencies, scan: { ...entry.scan, ...parts.scan }, patch: parts.patch };
  writeEntry(file, next);
  return { scan: restore(next, config), dependencies: parts.dependencies, rescanned: parts.rescanned.length };
}

async function missed(
  config: ResolvedConfig,
  options: CachedScanOptions & { location: string; slot: string },
  key: string,
  file: string,
  entry: CacheEntry | undefined,
  discoveredFiles: string[],
  specialFiles: SpecialFile[],
  discovered: string[],
): Promise<CachedScan> {
  const { location, slot, ...scanOptions } = options;

  // The whole result no longer holds: scan, reusing the per-file facts of every unchanged file. What only
  // this path needs loads here: a hit never does.
  const [{ factFileOf, factsKey, openFactStore, readFactFile, writeFactFile }, { PrefilterMemo, readPrefilterMemo, writePrefilterMemo }] = await Promise.all([
    import("./fact-cache.js"),
    import("./prefilter-memo.js"),
  ]);
  const factsFile = path.resolve(config.root, location, `facts-${factsKey(config).slice(0, 24)}.json`);
  const previousFacts = readFactFile(factsFile);
  const { store, global } = openFactStore(config, [previousFacts]);
  const memoKey = factsKey(config);
  const memoFile = path.resolve(config.root, location, `prefilter-${slot}-${memoKey.slice(0, 24)}.json`);
  const prefilter = new PrefilterMemo(config.root, readPrefilterMemo(memoFile, memoKey));
  const started = Date.now();
  // The registries too, while their files are unchanged: a TypeScript registry costs a TypeScript load
  // in this thread besides the parse of its files.
  const registry = await cachedRegistry(config, location, factsKey(config), scanOptions.allowEmptyRegistrySources);
  startRecording(config.root);
  // The last scan's globs answer again while their stamps hold (in this thread: see `worker` below).
  setPreviousGlobs([...(previousFacts?.global ?? []), ...global]);
  let scan: ProjectScan;
  let dependencies: Dependency[];
  try {
    // The tree was walked above: the scan uses that walk.
    const walked = { files: discoveredFiles, specialFiles };
    // With usable facts of a last scan, few files are parsed: a worker thread would cost more to start
    // (and to load its modules) than it saves.
    const worker = store.hasEntries() ? false : scanOptions.worker;
    scan = await loadAndScan(config, {
      ...scanOptions,
      facts: store,
      prefilter,
      discovered: walked,
      ...(worker !== undefined && { worker }),
      ...(registry.registry && { registry: registry.registry }),
    });
  } finally {
    dependencies = stopRecording();
    setPreviousGlobs([]);
  }
  const discoveredSet = new Set(discovered);
  try {
    const next = factFileOf(config, store, dependencies, global, discoveredSet, started);
    // Facts of another text of a file still there are kept too, one per file and context: the base
    // revision of `--changed-since` alternates with the working tree.
    const current = new Set(next.entries.map((e) => `${e.file}\0${e.hash}\0${e.context}`));
    const older = new Set<string>();
    for (const entry of previousFacts?.key === next.key ? previousFacts.entries : []) {
      const slotKey = `${entry.file}\0${entry.context}`;
      if (!discoveredSet.has(entry.file) || current.has(`${entry.file}\0${entry.hash}\0${entry.context}`) || older.has(slotKey)) continue;
      older.add(slotKey);
      next.entries.push(entry);
    }
    writeFactFile(factsFile, next);
    // Unchanged but for files edited just now (their entries never match again): the old file serves.
    if (prefilter.changed()) writePrefilterMemo(memoFile, prefilter.toFile(memoKey));
  } catch {
    // A cache that cannot be written (read-only checkout) only costs the next run its speed.
  }
  // The registry sources' files, as the last entry (or the registry entry) found them while their stamps hold.
  const { files: registryFiles, stamps: registryStamps } = registry.files ?? (entry && (await stampedRegistryFiles(entry, config))) ?? (await registryFilesOf(config));
  for (const registryFile of scan.registry.files) {
    dependencies.push({ kind: "read", path: toPosix(path.relative(config.root, registryFile)), hash: hashOf(registryFile) });
  }
  // Files answered from their facts resolved nothing this time: what their results rest on beyond texts
  // (the resolver's probes, tsconfig and package.json reads, globs) is in the facts file's global facts,
  // all holding now. The result rests on them too: a file appearing where a reused file's import probed
  // must miss it (this run's own answer to the same question replaces the older one).
  const merged = new Map<string, Dependency>();
  for (const fact of [...global, ...dependencies]) merged.set(factKey(fact), fact);
  dependencies = [...merged.values()];
  dependencies = coverByDirectories([...withStats(dependencies, config.root, started, (p) => prefilter.statsOf(p)), ...registry.dependencies], config.root, started);
  // What a patch of the next few edited files needs: not for a result that covers part of the files.
  const patch =
    scan.fileStats && !scanOptions.learnOnly && !scanOptions.shard
      ? (await import("./patch-entry.js")).patchIndexOf(config, (await import("../languages/index.js")).languages, scan.fileStats, store, discoveredFiles, registry.dependencies, scan.registry.files)
      : undefined;
  writeEntry(file, {
    format: FORMAT,
    key,
    discovered: hashOfList(discovered),
    dependencies,
    registryFiles,
    ...(registryStamps && { registryStamps }),
    registry: serializeRegistry(scan.registry, config),
    scan: { references: scan.references, errors: scan.errors, stats: scan.stats, learnedAccessors: scan.learnedAccessors, partial: scan.partial, scannedPaths: scan.scannedPaths },
    ...(patch && { patch }),
  });
  return { scan, cache: "miss", files: store.counts(), external: externalPaths(dependencies) };
}

/**
 * What `check` returns, or undefined when it throws: an entry of the right format and key whose shape is
 * wrong (edited by hand, written by a broken build) is a miss, never a crash.
 */
async function usable<T>(check: () => Promise<T | undefined>): Promise<T | undefined> {
  try {
    return await check();
  } catch {
    return undefined;
  }
}

function isCacheable(config: ResolvedConfig): boolean {
  return !config.typeInformation && config.registry.every((source) => FILE_REGISTRY_TYPES.has(source.type));
}

/** The version, the config with its paths relative to its root, and the scanned paths: what decides the result besides files. */
function cacheKey(config: ResolvedConfig, paths: readonly string[]): string {
  const relative = (p: string | undefined) => (p === undefined ? null : toPosix(path.relative(config.root, p)));
  const material = {
    format: FORMAT,
    version: readPackageVersion(),
    config: { ...config, root: ".", configFile: relative(config.configFile) },
    paths: paths.map((p) => relative(p)),
  };
  return hashContent(JSON.stringify(material));
}

/** Paths cannot hold a NUL: joined on it, two lists hash alike only when they are the same. */
const hashOfList = (list: readonly string[]) => hashContent(list.join("\0"));

function hashOf(file: string): string | null {
  try {
    return hashContent(readFileSync(file));
  } catch {
    return null;
  }
}

function readEntry(file: string, key: string): CacheEntry | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as CacheEntry;
    return entry.format === FORMAT && entry.key === key ? entry : undefined;
  } catch {
    return undefined;
  }
}

function writeEntry(file: string, entry: CacheEntry): void {
  writeCacheFile(file, entry);
}

/**
 * Whether every fact of the entry still holds. With `patchable`, when all that fails is the text of a few
 * discovered files (at most MAX_PATCHED_FILES): those files, and the facts as checked, for a patch.
 */
async function entryHolds(
  entry: CacheEntry,
  config: ResolvedConfig,
  discovered: readonly string[],
  file: string,
  patchable: boolean,
): Promise<boolean | { files: string[]; dependencies: Dependency[] }> {
  if (entry.discovered !== hashOfList(discovered)) return false;
  const started = Date.now();
  let refreshed = false;
  const dependencies = [...entry.dependencies];
  const changed: string[] = [];
  let discoveredSet: Set<string> | undefined;
  const mayPatch = (fact: Dependency) => {
    if (!patchable || fact.kind !== "read" || fact.raw || changed.length === MAX_PATCHED_FILES) return false;
    discoveredSet ??= new Set(discovered);
    if (!discoveredSet.has(fact.path)) return false;
    changed.push(fact.path);
    return true;
  };
  for (const [index, fact] of dependencies.entries()) {
    if (fact.kind === "glob" && !fact.stamps) {
      // Walked anyway to check it: stamped now that its directories are old enough, the next hits skip the walk.
      const holding = restampGlob(fact, config.root);
      if (!holding) return false;
      if (holding.stamps) [dependencies[index], refreshed] = [holding, true];
    } else if (!stillHolds(fact, config.root) && !mayPatch(fact)) {
      return false;
    }
  }
  if (!(await registryFilesHold(config, entry.registryFiles, entry.registryStamps))) return false;
  if (changed.length > 0) return { files: changed, dependencies };
  // Files the entry could only compare by hash (changed within the timestamp margin of the scan that wrote
  // it) take their stats now where those predate the margin: git's index refresh, for the same reason.
  // Rewriting the entry (1.5 MB on the real corpus, 15 ms) pays for itself over a walk, but not over
  // hashing the file or two an edit leaves: only a checkout's worth of files is worth it.
  const stamped = withStats(dependencies, config.root, started);
  if (stamped.filter((fact, index) => fact !== dependencies[index]).length >= REFRESH_READS) refreshed = true;
  if (refreshed) {
    try {
      writeEntry(file, { ...entry, dependencies: coverByDirectories(stamped, config.root, started) });
    } catch {
      // A read-only cache directory: the next hit checks the slow way again.
    }
  }
  return true;
}

/** Per registry source, the files its `path` matches (relative). */
async function stampedRegistryFiles(entry: CacheEntry, config: ResolvedConfig): Promise<{ files: string[][]; stamps: Stamp[] } | undefined> {
  const stamps = entry.registryStamps;
  return stamps && Array.isArray(entry.registryFiles) && stampsHold(stamps, config.root) ? { files: entry.registryFiles, stamps } : undefined;
}

async function registryFilesOf(config: ResolvedConfig): Promise<{ files: string[][]; stamps: Stamp[] | undefined }> {
  const { resolveSourceFiles } = await import("../registry/files.js");
  const recorder = new WalkRecorder();
  const files = await Promise.all(
    config.registry.map(async (source) =>
      (await resolveSourceFiles(source, { root: config.root, configFile: config.configFile }, recorder)).map((f) => toPosix(path.relative(config.root, f))),
    ),
  );
  return { files, stamps: recorder.stamps(config.root) };
}

async function registryFilesHold(config: ResolvedConfig, cached: readonly string[][], stamps: readonly Stamp[] | undefined): Promise<boolean> {
  if (stamps && stampsHold(stamps, config.root)) return true;
  let current: string[][];
  try {
    current = (await registryFilesOf(config)).files;
  } catch {
    return false;
  }
  return current.every((files, index) => {
    const before = cached[index] ?? [];
    return files.length === before.length && files.every((f, i) => f === before[i]);
  });
}

type SerializedRegistry = CacheEntry["registry"];

function serializeRegistry(registry: FlagRegistry, config: ResolvedConfig): SerializedRegistry {
  return {
    definitions: [...registry.bySlug.values()].flat().map(({ source, ...definition }) => ({ ...definition, sourceIndex: source.index })),
    constants: [...registry.constants],
    files: registry.files.map((f) => toPosix(path.relative(config.root, f))),
    ...(registry.problems && { problems: registry.problems }),
  };
}

interface RegistryEntry {
  format: number;
  key: string;
  dependencies: Dependency[];
  registryFiles: string[][];
  registryStamps?: Stamp[];
  registry: SerializedRegistry;
}

/**
 * The registries as the last miss loaded them, while every file-system fact their loading depended on
 * still holds (as for the whole result); otherwise loaded, with those facts recorded, and stored. A
 * registry that fails to load is left to the scan, which fails as an uncached one does.
 */
async function cachedRegistry(
  config: ResolvedConfig,
  location: string,
  factsKey: string,
  allowEmptySources?: boolean,
): Promise<{ registry?: FlagRegistry; dependencies: Dependency[]; files?: { files: string[][]; stamps: Stamp[] | undefined } }> {
  const key = hashContent(JSON.stringify({ facts: factsKey, allowEmptySources: allowEmptySources === true }));
  const file = path.resolve(config.root, location, `registry-${key.slice(0, 24)}.json`);
  let entry: RegistryEntry | undefined;
  try {
    entry = JSON.parse(readFileSync(file, "utf8")) as RegistryEntry;
  } catch {
    entry = undefined;
  }
  const cached = entry;
  const reused =
    cached?.format === FORMAT && cached.key === key
      ? await usable(async () =>
          cached.dependencies.every((fact) => stillHolds(fact, config.root)) && (await registryFilesHold(config, cached.registryFiles, cached.registryStamps))
            ? {
                registry: restoreRegistry(cached.registry, config),
                dependencies: [...cached.dependencies],
                ...(cached.registryStamps && { files: { files: cached.registryFiles, stamps: cached.registryStamps } }),
              }
            : undefined,
        )
      : undefined;
  if (reused) return reused;
  const started = Date.now();
  startRecording(config.root);
  let registry: FlagRegistry;
  let dependencies: Dependency[];
  try {
    registry = await loadProjectRegistry(config, undefined, { allowEmptySources });
  } catch {
    return { dependencies: [] };
  } finally {
    dependencies = stopRecording();
  }
  for (const registryFile of registry.files) {
    dependencies.push({ kind: "read", path: toPosix(path.relative(config.root, registryFile)), hash: hashOf(registryFile), raw: true });
  }
  dependencies = coverByDirectories(withStats(dependencies, config.root, started), config.root, started);
  const files = await registryFilesOf(config);
  const { files: registryFiles, stamps: registryStamps } = files;
  const written: RegistryEntry = { format: FORMAT, key, dependencies, registryFiles, ...(registryStamps && { registryStamps }), registry: serializeRegistry(registry, config) };
  // Not written: the next run loads the registries again.
  writeCacheFile(file, written);
  return { registry, dependencies, files };
}

function restore(entry: CacheEntry, config: ResolvedConfig): ProjectScan {
  const registry = restoreRegistry(entry.registry, config);
  const readAbsolute = createCachedReader();
  return {
    config,
    registry,
    ...entry.scan,
    readFile: (file: string) => readAbsolute(path.resolve(config.root, file)),
  };
}

function restoreRegistry(serialized: SerializedRegistry, config: ResolvedConfig): FlagRegistry {
  const bySlug = new Map<string, FlagDefinition[]>();
  for (const { sourceIndex, ...definition } of serialized.definitions) {
    const source = config.registry[sourceIndex];
    if (!source) continue;
    const restored: FlagDefinition = { ...definition, source };
    const existing = bySlug.get(definition.flag);
    if (existing) existing.push(restored);
    else bySlug.set(definition.flag, [restored]);
  }
  return {
    sources: config.registry,
    bySlug,
    constants: new Map(serialized.constants),
    files: serialized.files.map((f) => path.join(config.root, f)),
    ...(serialized.problems && { problems: serialized.problems }),
  };
}
