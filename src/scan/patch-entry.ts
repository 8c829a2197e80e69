import path from "node:path";
import type { ResolvedConfig } from "../config/schema.js";
import { languageOf, type Language } from "../languages/language.js";
import type { FlagRegistry } from "../registry/definition.js";
import { coverByDirectories } from "./covered-facts.js";
import { FactStore, type FactEntry } from "./fact-store.js";
import { contains, readUndecoded } from "./read-text.js";
import { compareErrors, compareReferences, scanProject, type FileStats, type ProjectScan } from "./scan-project.js";
import { factKey, setPreviousGlobs, startRecording, stopRecording, withStats, type Dependency } from "./tracked-fs.js";

/**
 * Most edits touch one file that no other file's result depends on: a component that checks a flag.
 * For those, the cached result is patched instead of linked again from every file's facts (a miss, 0.6 to
 * 0.8 s on the real corpus): the edited files alone are scanned, and their references, errors and counts
 * replace the old ones. Exact only when nothing else can have changed, so a patch is refused (and the
 * cache misses) when an edited file
 * - is depended on: another file's result read it (an imported constant, a re-export), or the registry
 *   loading did, or it is a registry file;
 * - taught, or now teaches, the scan an accessor (a wrapper): other files' results depend on what it taught;
 * - mentions a name the scan learned: a cold scan would hand it to its language again under that name;
 * - is of a language that records no per-file facts, whose cross-file reads nobody can tell.
 * The result cache hands over at most a few edited files (result-cache.ts `MAX_PATCHED_FILES`): after a
 * checkout or a rebase, linking every file's facts again is as fast.
 */

/** What the result cache keeps beside a result so that it can be patched: the scan's `fileStats` and more. */
export interface PatchIndex {
  /** Per discovered file (in the entry's order), the lines it counted; -1: not a file of a scanned language. */
  lines: number[];
  /** Indices (into the discovered files) of the files handed to their language. */
  parsed: number[];
  /** Files (relative) some file's result or the registry loading read, and the registry files. */
  dependedOn: string[];
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
  const dependedOn = store.dependencyFiles();
  for (const fact of registryDependencies) if (fact.kind === "read") dependedOn.add(fact.path);
  for (const file of registryFiles) dependedOn.add(toPosix(path.relative(config.root, file)));
  return {
    lines,
    parsed,
    dependedOn: [...dependedOn],
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
  const blocked = new Set([...patch.dependedOn, ...patch.teachers]);
  const indexOf = new Map<string, number>();
  for (const file of changed) {
    const index = discovered.indexOf(file);
    const language = languageOf(file, languages, config.root);
    if (index < 0 || blocked.has(file) || !language || patch.untracked.includes(language.name) || (patch.lines[index] ?? -1) < 0) return undefined;
    indexOf.set(file, index);
  }
  const absolute = changed.map((file) => path.join(config.root, file));
  // A learned name in an edited text: a cold scan hands the file on again once the name is learned, under
  // a context this scan of the file alone does not have. (Read again below; the OS keeps it cached.)
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
  const changedSet = new Set(changed);
  const readNow = new Set(recorded.flatMap((fact) => (fact.kind === "read" && changedSet.has(fact.path) ? [fact.path] : [])));
  for (const file of changed) {
    // Every edited file read (its new hash is what the next check compares), and its facts kept when parsed.
    if (!readNow.has(file) || (stats.parsed.has(path.join(config.root, file)) && !withFacts.has(file))) return undefined;
  }

  const old = cached.scan;
  const registryProblems = new Set((cached.registry.problems ?? []).map((problem) => JSON.stringify(problem)));
  const references = [...old.references.filter((reference) => !changedSet.has(reference.file)), ...scan.references].sort(compareReferences);
  const errors = [
    ...old.errors.filter((error) => !changedSet.has(error.file) || registryProblems.has(JSON.stringify(error))),
    ...scan.errors.filter((error) => changedSet.has(error.file) && !registryProblems.has(JSON.stringify(error))),
  ].sort(compareErrors);
  if (scan.errors.some((error) => !changedSet.has(error.file) && !registryProblems.has(JSON.stringify(error)))) return undefined;

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
  const dependedOn = new Set(patch.dependedOn);
  for (const file of store.dependencyFiles()) dependedOn.add(file);
  return {
    scan: { references, errors, stats: { ...old.stats, filesParsed, linesDiscovered } },
    dependencies,
    patch: { ...patch, lines, parsed: [...parsed].sort((a, b) => a - b), dependedOn: [...dependedOn] },
  };
}

/** Whether a file's facts say its scan taught something (language-defined JSON: any non-empty list in it). */
function teaches(learned: FactEntry["learned"]): boolean {
  if (learned === undefined || learned === null) return false;
  if (Array.isArray(learned)) return learned.length > 0;
  if (typeof learned === "object") return Object.values(learned).some(teaches);
  return true;
}

const toPosix = (relative: string) => (path.sep === "/" ? relative : relative.split(path.sep).join("/"));
