import { writeCacheFile } from "./cache-file.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { readPackageVersion } from "../version.js";
import { toPosix } from "./discover-files.js";
import { FactStore, type FactEntry } from "./fact-store.js";
import { coverByDirectories } from "./covered-facts.js";
import { factKey, hashContent, restampGlob, stillHolds, type Dependency } from "./tracked-fs.js";

/**
 * Bumped when what a file's facts hold changes (2: content hashes of bytes, `ProjectContext.contentHash`).
 * The package version is part of the key as well.
 */
const FACTS_FORMAT = 2;

/**
 * A file of per-file facts: the cache's (`facts-<key>.json` under the cache location) or one shard's
 * (`flag-scan --shard i/n`).
 */
export interface FactFile {
  format: number;
  /** flag-scan's version and the config: facts of another version or config are never used. */
  key: string;
  /**
   * The file-system facts the scans' cross-file resolution read that are not files' texts (tsconfig and
   * package.json files, existence checks of import targets, workspace globs): when one no longer holds,
   * no file's facts are used.
   */
  global: Dependency[];
  entries: FactEntry[];
  /** Set on a shard's file: which one of how many (1-based, as given to `--shard`). */
  shard?: { index: number; count: number };
}

/** The version and the config with its paths relative to its root: what facts depend on besides files. */
export function factsKey(config: ResolvedConfig): string {
  const relative = (p: string | undefined) => (p === undefined ? null : toPosix(path.relative(config.root, p)));
  return hashContent(JSON.stringify({ format: FACTS_FORMAT, version: readPackageVersion(), config: { ...config, root: ".", configFile: relative(config.configFile) } }));
}

export function readFactFile(file: string): FactFile | undefined {
  try {
    return parseFactFile(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** A fact file's text, or undefined when it is not one of this format (truncated, edited, older). */
export function parseFactFile(text: string): FactFile | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isFactFile(parsed) ? parsed : undefined;
}

function isFactFile(value: unknown): value is FactFile {
  const file = value as Partial<FactFile> | null;
  if (typeof file !== "object" || file === null || file.format !== FACTS_FORMAT || typeof file.key !== "string") return false;
  if (!Array.isArray(file.global) || !Array.isArray(file.entries)) return false;
  const isString = (v: unknown) => typeof v === "string";
  return file.entries.every(
    (entry) =>
      typeof entry === "object" &&
      entry !== null &&
      isString(entry.file) &&
      isString(entry.hash) &&
      isString(entry.language) &&
      isString(entry.context) &&
      Array.isArray(entry.references) &&
      Array.isArray(entry.errors) &&
      Array.isArray(entry.dependencies) &&
      entry.dependencies.every((d) => typeof d === "object" && d !== null && isString(d.path) && (d.hash === null || isString(d.hash))),
  );
}

/** Written to a temporary name, then renamed (cache-file.ts); false when it could not be written. */
export function writeFactFile(file: string, facts: FactFile): boolean {
  return writeCacheFile(file, facts);
}

/**
 * The store a scan of `config` may reuse: the entries of the given fact files whose key matches and whose
 * global facts all still hold under the root (otherwise none), and those global facts.
 */
export function openFactStore(config: ResolvedConfig, files: readonly (FactFile | undefined)[]): { store: FactStore; global: Dependency[] } {
  const key = factsKey(config);
  const usable = files.filter((file): file is FactFile => file !== undefined && file.key === key);
  const global = new Map<string, Dependency>();
  for (const file of usable) for (const fact of file.global) global.set(JSON.stringify(fact), fact);
  const holding: Dependency[] = [];
  for (const fact of global.values()) {
    // A glob not stamped yet is walked anyway: walked with stamps, the scan's own glob and the next check need not walk.
    const now = fact.kind === "glob" && !fact.stamps ? restampGlob(fact, config.root) : stillHolds(fact, config.root) ? fact : undefined;
    if (!now) return { store: new FactStore(config.root), global: [] };
    holding.push(now);
  }
  return { store: new FactStore(config.root, usable.flatMap((file) => file.entries)), global: holding };
}

/**
 * What a scan that used `store` leaves for the next: the entries it produced or reused, and its global
 * facts. Of what the scan recorded (`recorded`, tracked-fs.ts), the texts it read as files of the project
 * (`discovered`) or as dependencies of an entry are checked per entry instead; everything else is global.
 * `previous` (the global facts the store was opened with, all still holding) is kept: files answered from
 * the store resolved nothing this time.
 */
export function factFileOf(
  config: ResolvedConfig,
  store: FactStore,
  recorded: readonly Dependency[],
  previous: readonly Dependency[],
  discovered: ReadonlySet<string>,
  /**
   * When the scan started (ms since the epoch): its existence facts are then grouped under their
   * directories' stamps (covered-facts.ts), so the next check stats a directory instead of every probe.
   */
  since?: number,
): FactFile {
  const perEntry = store.dependencyFiles();
  // A directory with probes not in its group (this scan's): the group is opened, merged with them and
  // stamped anew, so each directory has one group.
  const probed = new Set<string>();
  if (since !== undefined) for (const fact of [...previous, ...recorded]) if (fact.kind === "stat" || fact.kind === "exists") probed.add(path.posix.dirname(fact.path));
  const global = new Map<string, Dependency>();
  // One fact per question: this scan's answer to a glob replaces the last one's (both hold; only the newer
  // may carry stamps), else every miss would add a copy and walk for each unstamped one.
  const add = (fact: Dependency) => {
    if (fact.kind === "read" && !fact.raw && (discovered.has(fact.path) || perEntry.has(fact.path))) return;
    if (fact.kind === "covered" && (since === undefined || probed.has(fact.path))) for (const covered of fact.facts) add(covered);
    else global.set(factKey(fact), fact);
  };
  for (const fact of [...previous, ...recorded]) add(fact);
  const facts = [...global.values()];
  return { format: FACTS_FORMAT, key: factsKey(config), global: since === undefined ? facts : coverByDirectories(facts, config.root, since), entries: store.recorded() };
}
