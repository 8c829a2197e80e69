import { closeSync, existsSync, openSync, readFileSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
import { createTwoFilesPatch, diffLines } from "diff";
import { loadConfig } from "../config/load-config.js";
import type { ResolvedConfig } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { loadAndScan } from "../engine.js";
import { languages as defaultLanguages } from "../languages/index.js";
import { languageOf, type CleanupProblem, type DeletedTest, type Language, type LanguageCleanup, type PlannedFile } from "../languages/language.js";
import type { FlagDefinition } from "../registry/definition.js";
import type { FlagReference } from "../scan/reference.js";
import { removeRegistryEntry } from "./registry-entry.js";
import { checkKeptValue, parseKeptValue } from "./value.js";
import { decodeFaithfully, type FaithfulText } from "./bytes.js";
import { acquireLock, checkCleanTree, removeLeftoverTemporaries, writeTransaction } from "./transaction.js";
import { applyDeepCleanup, removeEmptiedDirectories } from "./deep-apply.js";
import { cleanupTestFiles } from "./tests.js";
import { closestNames, findLeftovers, flagNeedles, isUtf16, searchText } from "./leftovers.js";

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, "latin1");
  } catch {
    return undefined;
  }
}

export interface CleanupOptions {
  /** The flag's slug (`ff_new_checkout`). */
  flag: string;
  /**
   * `on`: the feature shipped, keep the flag-on code; `off`: it was dropped, keep the old code. For a
   * value flag (accessors with `returns: "value"`), the kept value as JSON text: `"\"blue\""`, `"3"`.
   */
  value: "on" | "off" | boolean | string;
  /** Where config discovery starts. @default process.cwd() */
  cwd?: string;
  /** An explicit config file, relative to `cwd`. */
  configFile?: string;
  /** A config already resolved (skips discovery). */
  config?: ResolvedConfig;
  /** Compute everything and return the diff, but write nothing. @default false */
  dryRun?: boolean;
  /**
   * Also write a Django data migration that deletes the flag from the database (its reverse recreates
   * it), for flags created by migrations. @default false
   */
  migration?: boolean;
  /**
   * Type-check the project with its own tsconfig and TypeScript before and after (in memory) and write
   * nothing when the cleanup adds errors; they are listed as problems. @default false
   */
  verify?: boolean;
  /** Run on a git work tree with uncommitted changes (refused otherwise, so the cleanup's diff stands alone). @default false */
  allowDirty?: boolean;
  /** The languages to read and rewrite. @default every language flag-scan ships (src/languages/index.ts) */
  languages?: readonly Language[];
  /**
   * Stop at the flag's own sites. By default the cleanup goes on to what the removed code alone used:
   * exports, files (with their styles, tests, stories, snapshots), catalog keys. @default false
   */
  shallow?: boolean;
}

/** One file the cleanup rewrites or deletes. */
export interface FileChange {
  /** Relative to the project root, with `/`. */
  file: string;
  /** `deleted` when the registry kept one file per flag; `added` for a new migration. */
  status: "modified" | "deleted" | "added";
  /** Checks of the flag removed from this file. */
  referencesRemoved: number;
  /** Registry entries of the flag removed from this file. */
  definitionsRemoved: number;
  /** Lines of `before` not in `after`, as a line diff counts them. */
  linesDeleted: number;
  linesAdded: number;
  /** Empty when added. */
  before: string;
  /** Undefined when deleted. */
  after: string | undefined;
  /** Why the deep cleanup changed it beyond the flag's own sites; absent for the flag's own sites. */
  reasons?: string[];
}

/** What `cleanup()` did (or, with `dryRun`, would do). */
export interface CleanupResult {
  flag: string;
  /** The value the flag was frozen at: `on`, `off`, or a value flag's JSON. */
  value: string;
  /** True when nothing was written. */
  dryRun: boolean;
  /** Absolute project root; file paths are relative to it. */
  root: string;
  /** Every file written (or to write), sorted by path. */
  changes: FileChange[];
  filesChanged: number;
  /** Checks of the flag removed, over all files. */
  referencesRemoved: number;
  /** References still in the code afterwards (each is explained in `problems`). */
  referencesLeft: number;
  /** Registry entries removed (a deleted one-flag file counts once). */
  definitionsRemoved: number;
  /** Lines deleted over all files. */
  linesDeleted: number;
  /** Test overrides and mocks of the flag that forced the kept value and went (`@override_flag("x", active=True)`). */
  overridesRemoved: number;
  /** Tests (or blocks of tests) deleted because they only exercised the removed value, sorted by file and line. */
  testsDeleted: DeletedTest[];
  /** What could not be removed, and why: any entry means code may still check the flag (exit 1). */
  problems: CleanupProblem[];
  /** Comments, docs and old migrations that still name the flag: listed for review, not failures. */
  mentions: CleanupProblem[];
  /** Set when there was nothing to do. */
  notice?: string;
  /** What was checked on the way (`--verify`: which tsconfig and TypeScript), one line each. */
  notes?: string[];
  /** Unified diff of every change. */
  diff: string;
}

/**
 * Removes a retired flag from a project: rewrites every file that checks it to the kept path, deletes
 * the code that became dead or unused, removes the flag's registry entries, and writes each file
 * atomically (unless `dryRun`). Files that would not parse afterwards are left untouched and reported.
 */
export async function cleanup(options: CleanupOptions): Promise<CleanupResult> {
  if (options.flag.trim() === "") throw new UsageError("cleanup needs the flag's slug", "run `flag-scan cleanup ff_x --value on`");
  parseKeptValue(options.value);
  const languages = options.languages ?? defaultLanguages;
  const config = options.config ?? (await loadConfig({ cwd: options.cwd ?? process.cwd(), configFile: options.configFile, languages }));
  if (options.dryRun === true) return runCleanup(options, config);
  // One cleanup per tree at a time, on a tree whose other changes are committed, after any killed run's debris is gone.
  const release = acquireLock(path.resolve(config.root));
  try {
    checkCleanTree(path.resolve(config.root), options.allowDirty ?? false);
    await removeLeftoverTemporaries(path.resolve(config.root));
    return await runCleanup(options, config);
  } finally {
    release();
  }
}

async function runCleanup(options: CleanupOptions, config: ResolvedConfig): Promise<CleanupResult> {
  const flag = options.flag.trim();
  const kept = parseKeptValue(options.value);
  const value = kept.kind === "boolean" ? (kept.value ? "on" : "off") : kept.json;
  const dryRun = options.dryRun ?? false;
  const languages = options.languages ?? defaultLanguages;
  const root = path.resolve(config.root);
  const realRoot = realpathSync(root);
  // The rewrites (parsers, grammars) load while the project scan parses, in its worker when there is one.
  const [scan, cleanups] = await Promise.all([
    loadAndScan(config, { languages, allowEmptyRegistrySources: true }),
    Promise.all(languages.map(async (language) => [language, await language.loadCleanup(config)] as const)),
  ]);
  const cleanupOf = new Map<Language, LanguageCleanup>(cleanups);
  // Gate components learned from the code (`<FeatureFlagLayout flag then else>`) tell the rewrite which props render.
  if (scan.learnedAccessors.some((accessor) => "jsx" in accessor)) {
    const learnedConfig = { ...config, accessors: [...config.accessors, ...scan.learnedAccessors] };
    for (const [language] of cleanups) cleanupOf.set(language, await language.loadCleanup(learnedConfig));
  }
  // Planned before anything changes: the plan reads the flag's constant, which the cleanup deletes.
  const migration = options.migration ? await planMigration(cleanupOf, config, flag) : undefined;
  // Without --migration too: old migrations that import the flag's constant get its literal once it leaves its module.
  const inlined = migration === undefined ? await planInlining(cleanupOf, config, flag) : [];
  const references = scan.references.filter((reference) => reference.flag === flag);
  checkKeptValue(flag, kept, references, config.accessors);
  // A value flag's on/off reads (`isFeatureEnabled("x")` beside `getVariant("x")`) keep the branch its value's truthiness picks.
  const keptBoolean = kept.kind === "boolean" ? kept.value : Boolean(kept.value);
  const definitions = scan.registry.bySlug.get(flag) ?? [];
  const problems: CleanupProblem[] = [];
  const texts = new Map<string, ChangedText>();
  // How each file read goes back to bytes: bytes that are not UTF-8 stay as they were.
  const encodings = new Map<string, FaithfulText>();

  const readProjectFile = (file: string): string | undefined => {
    const absolute = path.resolve(root, file);
    const problem = unsafePath(absolute, realRoot);
    if (problem !== undefined) {
      problems.push({ file, line: 1, column: 1, message: problem });
      return undefined;
    }
    const known = texts.get(file);
    if (known !== undefined) return known.after;
    try {
      const faithful = decodeFaithfully(readFileSync(absolute));
      encodings.set(file, faithful);
      return faithful.text;
    } catch (error) {
      problems.push({ file, line: 1, column: 1, message: `could not be read (${(error as NodeJS.ErrnoException).code ?? "error"}); its checks are left` });
      return undefined;
    }
  };

  let referencesLeft = 0;
  for (const [file, fileReferences] of groupBy(references, (reference) => reference.file)) {
    const owner = languageOf(file, languages, root);
    const language = owner && cleanupOf.get(owner);
    const first = fileReferences[0]!;
    if (language === undefined) {
      problems.push({ file, line: first.line, column: first.column, message: `no cleanup for ${path.extname(file)} files; remove the check by hand` });
      referencesLeft += fileReferences.length;
      continue;
    }
    // UTF-16 is scanned but not rewritten: the final search lists each of its checks as left.
    if (startsWithUtf16Bom(path.resolve(root, file))) {
      referencesLeft += fileReferences.length;
      continue;
    }
    const text = readProjectFile(file);
    if (text === undefined) {
      referencesLeft += fileReferences.length;
      continue;
    }
    // A file that is already broken is not the cleanup's to judge, nor to blame on the rewrite.
    const before = await language.parseError(text, path.resolve(root, file));
    if (before !== undefined) {
      problems.push({ file, line: first.line, column: first.column, message: `left untouched: the file does not parse (${before}); fix it and run the cleanup again` });
      referencesLeft += fileReferences.length;
      continue;
    }
    const output = await language.cleanupFile({ path: path.resolve(root, file), relativePath: file, text, flag, value: keptBoolean, references: fileReferences, ...(kept.kind === "value" ? { keptValue: { value: kept.value } } : {}) });
    problems.push(...output.problems);
    if (output.text !== text) {
      const error = await language.parseError(output.text, path.resolve(root, file));
      if (error !== undefined) {
        problems.push({ file, line: first.line, column: first.column, message: `left untouched: the rewritten file would not parse (${error}); please report this` });
        referencesLeft += fileReferences.length;
        continue;
      }
      if (encodings.get(file)?.encode(output.text) === undefined) {
        problems.push({ file, line: first.line, column: first.column, message: "left untouched: the rewrite would remove bytes that are not UTF-8, which could not be kept exactly; clean it by hand" });
        referencesLeft += fileReferences.length;
        continue;
      }
      texts.set(file, { before: text, after: output.text, referencesRemoved: output.removedReferences, definitionsRemoved: 0 });
    }
    referencesLeft += fileReferences.length - output.removedReferences;
  }

  // What the rewrite obliges other files to follow (the routes of a deleted view).
  for (const languageCleanup of cleanupOf.values()) {
    if (languageCleanup.companionChanges === undefined || texts.size === 0) continue;
    const companion = await languageCleanup.companionChanges(root, new Map([...texts].map(([file, change]) => [file, { before: change.before, after: change.after }] as const)));
    problems.push(...companion.problems);
    for (const planned of companion.files) {
      const unsafe = unsafePath(path.resolve(root, planned.file), realRoot);
      if (unsafe !== undefined) problems.push({ file: planned.file, line: 1, column: 1, message: unsafe });
      else texts.set(planned.file, { before: texts.get(planned.file)?.before ?? planned.before ?? "", after: planned.after, referencesRemoved: texts.get(planned.file)?.referencesRemoved ?? 0, definitionsRemoved: 0 });
    }
  }

  // Tests are cleaned too: the overrides and mocks that force the flag, in every file that names it.
  const otherFlags = new Set([...scan.registry.bySlug.keys(), ...scan.references.flatMap((reference) => (reference.flag === undefined ? [] : [reference.flag]))]);
  otherFlags.delete(flag);
  const tests = await cleanupTestFiles({
    config, languages, cleanupOf, flag, value: keptBoolean, needles: flagNeedles(flag, references), otherFlags,
    current: (file) => texts.get(file)?.after, read: readProjectFile,
  });
  problems.push(...tests.problems);
  // An override left in a test is a site that still names the flag.
  referencesLeft += tests.problems.length;
  const testsDeleted = [...tests.testsDeleted];
  let overridesRemoved = 0;
  for (const change of tests.changes) {
    if (encodings.get(change.file)?.encode(change.after) === undefined) {
      problems.push({ file: change.file, line: 1, column: 1, message: "left untouched: removing the flag's overrides would remove bytes that are not UTF-8, which could not be kept exactly; clean it by hand" });
      continue;
    }
    overridesRemoved += change.overridesRemoved;
    const previous = texts.get(change.file);
    texts.set(change.file, { before: previous?.before ?? change.before, after: change.after, referencesRemoved: previous?.referencesRemoved ?? 0, definitionsRemoved: 0 });
  }

  const notes: string[] = [];
  let refused = false;
  // Honest completion: everything that still names the flag after the rewrite, in any file, is found
  // before anything is written. Code the cleanup could not rewrite keeps the registry entry alive.
  const explained = new Set<string>();
  for (const problem of problems) {
    const original = texts.get(problem.file)?.before ?? safeRead(path.resolve(root, problem.file));
    const line = original?.split("\n")[problem.line - 1]?.trim();
    if (line !== undefined) explained.add(`${problem.file}\u0000${line}`);
  }
  // What the test cleanup found naming the flag without checking it (a kept test's title) is a mention.
  for (const mention of tests.mentions) {
    const line = (texts.get(mention.file)?.after ?? safeRead(path.resolve(root, mention.file)))?.split("\n")[mention.line - 1]?.trim();
    if (line !== undefined) explained.add(`${mention.file}\u0000${line}`);
  }
  const scanErrors = new Map(scan.errors.map((error) => [error.file, error.message] as const));
  const leftovers = await findLeftovers(config, flagNeedles(flag, references), new Map([...texts].map(([file, change]) => [file, change.after])), new Set(definitions.map((d) => d.file)), explained, scanErrors);
  leftovers.mentions.push(...tests.mentions);
  problems.push(...leftovers.failures);
  referencesLeft += leftovers.failures.length;
  if (references.length === 0 && definitions.length === 0 && tests.changes.length === 0 && leftovers.failures.length === 0 && leftovers.mentions.length === 0) {
    const known = [...scan.registry.bySlug.keys(), ...scan.references.flatMap((reference) => (reference.flag === undefined ? [] : [reference.flag]))];
    const closest = closestNames(flag, known);
    throw new UsageError(
      `\`${flag}\` is not defined in any registry and nothing mentions it`,
      closest.length > 0 ? `did you mean ${closest.map((name) => `\`${name}\``).join(", ")}?` : "check the slug (flag-scan list shows the known flags)",
    );
  }
  const keepRegistry = referencesLeft > 0 || problems.length > 0;
  if (keepRegistry) {
    for (const definition of definitions)
      problems.push({ file: definition.file, line: definition.line ?? 1, column: definition.column ?? 1, message: "registry entry kept: code still checks the flag (listed here); run the cleanup again once those checks are gone" });
  } else await removeDefinitions(cleanupOf, scan.registry.bySlug, flag, definitions, readProjectFile, texts, problems);
  if (!keepRegistry)
    for (const planned of inlined) {
      if (texts.has(planned.file)) continue;
      const problem = unsafePath(path.resolve(root, planned.file), realRoot);
      if (problem !== undefined) {
        problems.push({ file: planned.file, line: 1, column: 1, message: problem });
        continue;
      }
      texts.set(planned.file, { before: planned.before ?? "", after: planned.after, referencesRemoved: 0, definitionsRemoved: 0, reasons: ["imported the removed constant: its literal is inlined, so the migration keeps running"] });
      // What the file mentions is now what the inlined text says.
      const kept = leftovers.mentions.filter((mention) => mention.file !== planned.file);
      leftovers.mentions.length = 0;
      leftovers.mentions.push(...kept, ...searchText(planned.file, planned.after, flagNeedles(flag, references), explained).mentions);
    }
  if (migration !== undefined && !keepRegistry) {
    const databaseFiles = new Set(definitions.filter((d) => d.source.type === "django-migrations" || d.source.type === "waffle-db").map((d) => d.file));
    const kept = problems.filter((p) => !databaseFiles.has(p.file));
    problems.length = 0;
    for (const problem of kept) problems.push(problem);
    for (const planned of migration.files) {
      const problem = unsafePath(path.resolve(root, planned.file), realRoot, planned.before === undefined);
      if (problem !== undefined) problems.push({ file: planned.file, line: 1, column: 1, message: problem });
      else {
        const added = planned.before === undefined;
        // The new migration removes the database's definition of the flag.
        texts.set(planned.file, { before: texts.get(planned.file)?.before ?? planned.before ?? "", after: planned.after, referencesRemoved: 0, definitionsRemoved: added ? 1 : 0, added });
      }
    }
  }

  if (options.shallow !== true && texts.size > 0) await applyDeepCleanup(config, cleanupOf, texts, flag, (file) => unsafePath(path.resolve(root, file), realRoot) === undefined, problems);

  if (references.length === 0 && definitions.length === 0 && tests.changes.length === 0 && problems.length === 0) {
    return summarize({ flag, value, dryRun, root, texts, problems, mentions: leftovers.mentions, referencesLeft, overridesRemoved, testsDeleted, notice: `no code checks \`${flag}\` and no registry defines it; only the mentions below are left` });
  }
  if (options.verify === true) {
    const changed = new Map([...texts].map(([file, change]) => [path.resolve(root, file), change.after] as const));
    for (const language of cleanupOf.values()) {
      if (language.verify === undefined) continue;
      const verdict = await language.verify(root, changed);
      notes.push(verdict.note);
      if (verdict.problems.length > 0) {
        problems.push(...verdict.problems);
        refused = true;
      }
    }
    if (refused) notes.push("--verify: nothing was written, since the cleanup would add the type errors listed");
  }
  if (!dryRun && !refused) {
    const registryFiles = new Set(definitions.map((definition) => definition.file));
    writeTransaction(
      [...texts].map(([file, change]) => ({
        file: path.resolve(root, file),
        text: change.after === undefined ? undefined : (encodings.get(file)?.encode(change.after) ?? change.after),
        isNew: change.added === true, isRegistry: registryFiles.has(file) || change.definitionsRemoved > 0 })),
    );
    removeEmptiedDirectories(root, [...texts].filter(([, change]) => change.after === undefined).map(([file]) => file));
    try {
      referencesLeft = await countLeft(config, languages, flag, references, referencesLeft, problems);
    } catch (error) {
      // The search before writing already found what is left; a registry the cleanup emptied (the last
      // file of a one-file-per-flag folder) must not turn a finished cleanup into an error.
      notes.push(`the re-scan after writing could not load the registries (${(error as Error).message.split("\n")[0]})); the search before writing listed what is left`);
    }
  }
  return summarize({ flag, value, dryRun: dryRun || refused, root, texts, problems, mentions: leftovers.mentions, referencesLeft, overridesRemoved, testsDeleted, ...(notes.length > 0 ? { notes } : {}) });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list === undefined) groups.set(key(item), [item]);
    else list.push(item);
  }
  return groups;
}

interface ChangedText {
  before: string;
  after: string | undefined;
  referencesRemoved: number;
  definitionsRemoved: number;
  /** A file the cleanup creates (a migration). */
  added?: boolean;
  /** Why the deep cleanup changed it. */
  reasons?: string[];
}

/** Why the cleanup must not write `absolute` (or create it, when `isNew`), or undefined when it may. */
function unsafePath(absolute: string, realRoot: string, isNew = false): string | undefined {
  let real: string;
  try {
    if (!isNew) real = realpathSync(absolute);
    else {
      let existing = path.dirname(absolute);
      while (!existsSync(existing)) existing = path.dirname(existing);
      real = path.join(realpathSync(existing), path.relative(existing, absolute));
    }
  } catch {
    return "could not be read";
  }
  const relative = path.relative(realRoot, real);
  if (relative.startsWith("..") || path.isAbsolute(relative)) return `left untouched: it resolves to ${real}, outside the project root`;
  return undefined;
}

/** The deletion migration of the first language that writes one (Python: a Django data migration). */
async function planMigration(cleanupOf: ReadonlyMap<Language, LanguageCleanup>, config: ResolvedConfig, flag: string) {
  for (const cleanup of cleanupOf.values()) if (cleanup.planDeletionMigration) return cleanup.planDeletionMigration(config, flag);
  throw new UsageError("--migration needs a language that writes migrations (Python with Django), and none is configured");
}

/** What every language rewrites so that files importing the flag's constant keep working once it is gone. */
async function planInlining(cleanupOf: ReadonlyMap<Language, LanguageCleanup>, config: ResolvedConfig, flag: string): Promise<PlannedFile[]> {
  const planned: PlannedFile[] = [];
  for (const cleanup of cleanupOf.values()) if (cleanup.planConstantInlining) planned.push(...(await cleanup.planConstantInlining(config, flag)));
  return planned;
}

async function removeDefinitions(
  cleanupOf: ReadonlyMap<Language, LanguageCleanup>,
  bySlug: ReadonlyMap<string, FlagDefinition[]>,
  flag: string,
  definitions: readonly FlagDefinition[],
  read: (file: string) => string | undefined,
  texts: Map<string, ChangedText>,
  problems: CleanupProblem[],
): Promise<void> {
  // Registries written in a language's code are edited by that language's cleanup.
  const codeRegistries = new Map<string, LanguageCleanup>();
  for (const [language, cleanup] of cleanupOf) for (const type of Object.keys(language.registryLoaders ?? {})) codeRegistries.set(type, cleanup);
  const seen = new Set<string>();
  // Files that define some other flag, collected once rather than by scanning the registry per definition.
  let otherFlagsFiles: Set<string> | undefined;
  for (const definition of definitions) {
    const key = `${definition.file}:${definition.line ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = read(definition.file);
    if (text === undefined) continue;
    otherFlagsFiles ??= filesDefiningOtherFlags(bySlug, flag);
    const onlyFlagOfFile = !otherFlagsFiles.has(definition.file);
    const result = removeRegistryEntry(text, definition, onlyFlagOfFile, codeRegistries);
    if ("problem" in result) {
      problems.push({ file: definition.file, line: definition.line ?? 1, column: definition.column ?? 1, message: result.problem });
      continue;
    }
    if (result.text !== null && !(await parses(cleanupOf, result.text, definition.file))) {
      problems.push({ file: definition.file, line: definition.line ?? 1, column: definition.column ?? 1, message: "left untouched: the registry would not parse without the entry; remove it by hand" });
      continue;
    }
    const previous = texts.get(definition.file);
    texts.set(definition.file, {
      before: previous?.before ?? text,
      after: result.text ?? undefined,
      referencesRemoved: previous?.referencesRemoved ?? 0,
      definitionsRemoved: (previous?.definitionsRemoved ?? 0) + 1,
    });
  }
}

function filesDefiningOtherFlags(bySlug: ReadonlyMap<string, FlagDefinition[]>, flag: string): Set<string> {
  const files = new Set<string>();
  for (const [slug, list] of bySlug) if (slug !== flag) for (const definition of list) files.add(definition.file);
  return files;
}

/** Whether a rewritten registry file still parses: JSON as JSON, code files as their language. */
async function parses(cleanupOf: ReadonlyMap<Language, LanguageCleanup>, text: string, file: string): Promise<boolean> {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  if (file.endsWith(".json")) {
    try {
      JSON.parse(body);
      return true;
    } catch {
      return false;
    }
  }
  const owner = languageOf(file, [...cleanupOf.keys()]);
  return owner === undefined || (await cleanupOf.get(owner)!.parseError(body, file)) === undefined;
}

/**
 * Re-scans the files that referenced the flag: whatever the rewrite missed is still there, and a
 * check left without an explanation gets one.
 */
async function countLeft(
  config: ResolvedConfig,
  languages: readonly Language[],
  flag: string,
  references: readonly FlagReference[],
  expected: number,
  problems: CleanupProblem[],
): Promise<number> {
  if (references.length === 0) return expected;
  const files = [...new Set(references.map((reference) => path.resolve(config.root, reference.file)))];
  // In this thread: TypeScript is loaded here already, and a worker would load it again.
  const rescan = await loadAndScan(config, { languages, files, worker: false, allowEmptyRegistrySources: true });
  const left = rescan.references.filter((reference) => reference.flag === flag);
  const explained = new Set(problems.map((problem) => problem.file));
  for (const reference of left)
    if (!explained.has(reference.file))
      problems.push({ file: reference.file, line: reference.line, column: reference.column, message: "still checks the flag after the cleanup; remove this check by hand" });
  return Math.max(expected, left.length);
}

function countLines(before: string, after: string): { deleted: number; added: number } {
  let deleted = 0;
  let added = 0;
  for (const part of diffLines(before, after)) {
    if (part.removed) deleted += part.count ?? 0;
    if (part.added) added += part.count ?? 0;
  }
  return { deleted, added };
}

function summarize(input: {
  flag: string;
  value: string;
  dryRun: boolean;
  root: string;
  texts: Map<string, ChangedText>;
  problems: CleanupProblem[];
  mentions: CleanupProblem[];
  referencesLeft: number;
  overridesRemoved: number;
  testsDeleted: DeletedTest[];
  notice?: string;
  notes?: string[];
}): CleanupResult {
  const changes: FileChange[] = [...input.texts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, change]) => {
      const lines = countLines(change.before, change.after ?? "");
      return {
        file,
        status: change.after === undefined ? "deleted" : change.added === true ? "added" : "modified",
        referencesRemoved: change.referencesRemoved,
        definitionsRemoved: change.definitionsRemoved,
        linesDeleted: lines.deleted,
        linesAdded: lines.added,
        before: change.before,
        after: change.after,
        ...(change.reasons !== undefined && change.reasons.length > 0 ? { reasons: change.reasons } : {}),
      };
    });
  const diff = changes
    .map((change) =>
      createTwoFilesPatch(
        change.status === "added" ? "/dev/null" : `a/${change.file}`,
        change.status === "deleted" ? "/dev/null" : `b/${change.file}`,
        change.before,
        change.after ?? "",
        undefined,
        undefined,
        { context: 3 },
      ),
    )
    .map((patch) => patch.replace(/^=+\r?\n/, ""))
    .join("");
  const problems = [...input.problems].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  return {
    flag: input.flag,
    value: input.value,
    dryRun: input.dryRun,
    root: input.root,
    changes,
    filesChanged: changes.length,
    referencesRemoved: changes.reduce((sum, change) => sum + change.referencesRemoved, 0),
    referencesLeft: input.referencesLeft,
    definitionsRemoved: changes.reduce((sum, change) => sum + change.definitionsRemoved, 0),
    linesDeleted: changes.reduce((sum, change) => sum + change.linesDeleted, 0),
    overridesRemoved: input.overridesRemoved,
    testsDeleted: [...input.testsDeleted].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
    problems,
    mentions: input.mentions,
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    ...(input.notice !== undefined ? { notice: input.notice } : {}),
    diff,
  };
}

function startsWithUtf16Bom(file: string): boolean {
  const head = Buffer.alloc(2);
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    return readSync(fd, head, 0, 2, 0) === 2 && isUtf16(head);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
