import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { languageOf, type Language } from "../languages/language.js";
import type { FlagRegistry } from "../registry/definition.js";
import { coverByDirectories } from "./covered-facts.js";
import { toPosix } from "./discover-files.js";
import { FactStore, type FactEntry } from "./fact-store.js";
import { contains, readUndecoded } from "./read-text.js";
import { compareErrors, compareReferences, scanProject, type FileStats, type ProjectScan } from "./scan-project.js";
import { factKey, setPreviousGlobs, startRecording, stopRecording, withStats, type Dependency } from "./tracked-fs.js";

/**
 * Most edits touch one file that no other file's result depends on: a component that checks a flag.
 * For those, the cached result is patched instead of linked again from every file's facts (a miss, 0.2 to
 * 0.8 s on the real corpus): the edited files are scanned again, with the files whose results read them (an
 * imported constant, a re-exported name: their facts list what they read), and their references, errors and
 * counts replace the old ones. Exact only when nothing else can have changed, so a patch is refused (and the
 * cache misses) when a file to scan again
 * - was read by the registry loading, or is a registry file;
 * - taught, or now teaches, the scan an accessor (a wrapper): other files' results depend on what it taught;
 * - mentions a name the scan learned: a cold scan would hand it to its language again under that name;
 * - is of a language that records no per-file facts, whose cross-file reads nobody can tell;
 * or when more than `MAX_RESCANNED` files would be scanned again (a module half the project imports). The
 * result cache hands over at most a few edited files (result-cache.ts `MAX_PATCHED_FILES`): after a
 * checkout or a rebase, linking every file's facts again is as fast.
 */

/** At most this many files (edited, and those whose results read them) are scanned again in a patch. */
const MAX_RESCANNED = 16;

/** What the result cache keeps beside a result so that it can be patched: the scan's `fileStats` and more. */
export interface PatchIndex {
  /** Per discovered file (in the entry's order), the lines it counted; -1: not a file of a scanned language. */
  lines: number[];
  /** Indices (into the discovered files) of the files handed to their language. */
  parsed: number[];
  /** Files (relative) the registry loading read, and the registry files: an edit of one always misses. */
  pinned: string[];
  /** Per file (relative) some files' results read: those files. */
  dependents: Record<string, string[]>;
  /** Files (relative) whose scan taught an accessor. */
  teachers: string[];
  /** Every name learned, of every language. */
  learnedNeedles: string[];
  /** Languages whose parsed files are not all in the fact store: their files are never patched. */
  untracked: string[];
}

/** The part of a cached result a patch rewrites. */
export interface PatchedParts {
  scan: Pick<ProjectScan, "references" | "errors" | "stats">;
  dependencies: Dependency[];
  patch: PatchIndex;
  /** The files scanned again: the edited ones and their readers (relative). */
  rescanned: string[];
}

/** The patch index of a scan that recorded its per-file facts in `store`. */
export function patchIndexOf(
  config: ResolvedConfig,
  languages: readonly Language[],
  fileStats: FileStats,
  store: FactStore,
  /** The discovered files, absolute, in the entry's order. */
  discoveredFiles: readonly string[],
  /** What the registry loading read, and the registry files (absolute). */
  registryDependencies: readonly Dependency[],
  registryFiles: readonly string[],
): PatchIndex {
  const recorded = store.recorded();
  const withFacts = new Set(recorded.map((entry) => entry.file));
  const untracked = new Set<string>();
  const parsed: number[] = [];
  const lines = discoveredFiles.map((file, index) => {
    if (fileStats.parsed.has(file)) {
      parsed.push(index);
      const relative = toPosix(path.relative(config.root, file));
      if (!withFacts.has(relative)) untracked.add(languageOf(relative, languages, config.root)?.name ?? "");
    }
    return fileStats.lines.get(file) ?? -1;
  });
  const pinned = new Set<string>();
  for (const fact of registryDependencies) if (fact.kind === "read") pinned.add(fact.path);
  for (const file of registryFiles) pinned.add(toPosix(path.relative(config.root, file)));
  return {
    lines,
    parsed,
    pinned: [...pinned],
    dependents: dependentsOf(recorded, {}),
    teachers: [...new Set(recorded.filter((entry) => teaches(entry.learned)).map((entry) => entry.file))],
    learnedNeedles: [...new Set([...fileStats.learnedNeedles.values()].flat())],
    untracked: [...untracked],
  };
}

/**
 * The cached result with `changed` (relative paths of discovered files whose text is all that changed)
 * scanned afresh, or undefined when a patch cannot be proved to equal a cold scan (see above).
 */
export async function patchEntry(
  config: ResolvedConfig,
  languages: readonly Language[],
  cached: { scan: Pick<ProjectScan, "references" | "errors" | "stats">; dependencies: readonly Dependency[]; patch: PatchIndex; registry: FlagRegistry },
  /** The discovered files (relative, in the entry's order). */
  discovered: readonly string[],
  changed: readonly string[],
): Promise<PatchedParts | undefined> {
  const { patch } = cached;
  if (changed.length === 0) return undefined;
  // The edited files, and the files whose results read one of them: their texts are the same, not their results.
  const rescanned = [...new Set([...changed, ...changed.flatMap((file) => patch.dependents[file] ?? [])])];
  if (rescanned.length > MAX_RESCANNED) return undefined;
  const blocked = new Set([...patch.pinned, ...patch.teachers]);
  const indexOf = new Map<string, number>();
  const position = new Map(discovered.map((file, index) => [file, index]));
  for (const file of rescanned) {
    const index = position.get(file) ?? -1;
    const language = languageOf(file, languages, config.root);
    if (index < 0 || blocked.has(file) || !language || patch.untracked.includes(language.name) || (patch.lines[index] ?? -1) < 0) return undefined;
    indexOf.set(file, index);
  }
  const absolute = rescanned.map((file) => path.join(config.root, file));
  // A learned name in a text to scan again: a cold scan hands the file on again once the name is learned,
  // under a context this scan of the file alone does not have. (Read again below; the OS keeps it cached.)
  for (const file of absolute) {
    const { text, utf8 } = readUndecoded(file, {});
    const content = text ?? utf8;
    if (content !== undefined && patch.learnedNeedles.some((needle) => contains(content, needle))) return undefined;
  }

  const started = Date.now();
  const store = new FactStore(config.root);
  startRecording(config.root);
  // The resolver's globs answer from the entry's stamps while they hold, as a miss's would.
  setPreviousGlobs(cached.dependencies);
  let scan: ProjectScan;
  let recorded: Dependency[];
  try {
    scan = await scanProject(config, { languages, registry: cached.registry, files: absolute, worker: false, facts: store });
  } finally {
    recorded = stopRecording();
    setPreviousGlobs([]);
  }
  const stats = scan.fileStats;
  const entries = store.recorded();
  if (!stats || scan.learnedAccessors.length > 0 || stats.learnedNeedles.size > 0 || entries.some((entry) => teaches(entry.learned))) return undefined;
  const withFacts = new Set(entries.map((entry) => entry.file));
  const rescannedSet = new Set(rescanned);
  const readNow = new Set(recorded.flatMap((fact) => (fact.kind === "read" && rescannedSet.has(fact.path) ? [fact.path] : [])));
  for (const file of rescanned) {
    // Every file read (an edited file's new hash is what the next check compares), and its facts kept when parsed.
    if (!readNow.has(file) || (stats.parsed.has(path.join(config.root, file)) && !withFacts.has(file))) return undefined;
  }

  const old = cached.scan;
  const registryProblems = new Set((cached.registry.problems ?? []).map((problem) => JSON.stringify(problem)));
  const references = [...old.references.filter((reference) => !rescannedSet.has(reference.file)), ...scan.references].sort(compareReferences);
  const errors = [
    ...old.errors.filter((error) => !rescannedSet.has(error.file) || registryProblems.has(JSON.stringify(error))),
    ...scan.errors.filter((error) => rescannedSet.has(error.file) && !registryProblems.has(JSON.stringify(error))),
  ].sort(compareErrors);
  if (scan.errors.some((error) => !rescannedSet.has(error.file) && !registryProblems.has(JSON.stringify(error)))) return undefined;

  const lines = [...patch.lines];
  const parsed = new Set(patch.parsed);
  let { linesDiscovered, filesParsed } = old.stats;
  for (const [file, index] of indexOf) {
    const full = path.join(config.root, file);
    const now = stats.lines.get(full);
    if (now === undefined) return undefined;
    linesDiscovered += now - lines[index]!;
    lines[index] = now;
    filesParsed -= parsed.has(index) ? 1 : 0;
    if (stats.parsed.has(full)) parsed.add(index);
    else parsed.delete(index);
    filesParsed += parsed.has(index) ? 1 : 0;
  }

  // The old facts still hold (checked) but for the edited files' texts, which this scan's reads replace.
  const replaced = new Set(recorded.map((fact) => factKey(fact)));
  const kept = cached.dependencies.filter((fact) => fact.kind === "covered" || !replaced.has(factKey(fact)));
  const dependencies = [...kept, ...coverByDirectories(withStats(recorded, config.root, started), config.root, started)];
  // What the files scanned again read now replaces what they read before.
  const dependents: Record<string, string[]> = {};
  for (const [file, readers] of Object.entries(patch.dependents)) {
    const still = readers.filter((reader) => !rescannedSet.has(reader));
    if (still.length > 0) dependents[file] = still;
  }
  return {
    scan: { references, errors, stats: { ...old.stats, filesParsed, linesDiscovered } },
    dependencies,
    patch: { ...patch, lines, parsed: [...parsed].sort((a, b) => a - b), dependents: dependentsOf(entries, dependents) },
    rescanned,
  };
}

/** `into`, with each file the entries' results read mapped to the entries' files as well. */
function dependentsOf(entries: readonly FactEntry[], into: Record<string, string[]>): Record<string, string[]> {
  for (const entry of entries) {
    for (const { path: read } of entry.dependencies) {
      if (read === entry.file) continue;
      const readers = (into[read] ??= []);
      if (!readers.includes(entry.file)) readers.push(entry.file);
    }
  }
  return into;
}

/** Whether a file's facts say its scan taught something (language-defined JSON: any non-empty list in it). */
function teaches(learned: FactEntry["learned"]): boolean {
  if (learned === undefined || learned === null) return false;
  if (Array.isArray(learned)) return learned.length > 0;
  if (typeof learned === "object") return Object.values(learned).some(teaches);
  return true;
}

