import type { AccessorConfig, LearnedAccessorConfig, ResolvedConfig } from "../config/schema.js";
import type { FlagDefinition, FlagRegistry } from "../registry/definition.js";
import type { RegistryLoader } from "../registry/loader.js";
import type { FlagReference, ScanError } from "../scan/reference.js";

/**
 * Everything flag-scan knows about one language (TypeScript/JavaScript, Python, Django templates): which
 * files are its own, how to find flag references in them, which registry types it reads, and how to rewrite
 * its files in a cleanup. The scan, the cleanup and the registry loading only ever talk to this interface;
 * the list of languages is `src/languages/index.ts`, and a new language is a folder plus one line there.
 */
export interface Language {
  /** Short name for messages and `reference.language` (`python`). */
  readonly name: string;
  /** Lower-case extensions with the dot (`.py`). */
  readonly extensions: readonly string[];
  /**
   * Decides, for extensions several languages share (`.html`), whether this language takes the file;
   * `root` is the project's, for a language whose files a project setting names (django-jinja's folders).
   */
  accepts?(relativePath: string, root?: string): boolean;
  /**
   * The globs that find this language's files when `include` is not configured.
   * @default `**\/*.{extensions}`; a language with `accepts` names its own (`**\/templates/**\/*.html`)
   */
  readonly include?: readonly string[];
  /**
   * Words whose presence in a file's text makes it worth parsing for these accessors. Returns [] when no
   * accessor applies to this language: its files are then not even read.
   */
  needles(accessors: readonly AccessorConfig[]): string[];
  /**
   * Per needle, the words that must accompany it for a text to hold a reference: one list per accessor
   * the needle stands for, any one of them whole (`getValue` of `SettingsStore.getValue` needs
   * `SettingsStore`). A needle some accessor takes alone is not in the map; a file whose needles all lack
   * their words is not parsed. Necessary conditions only, as the needles are.
   * @default none: a needle alone makes a file worth parsing
   */
  qualifiers?(accessors: readonly AccessorConfig[]): ReadonlyMap<string, readonly (readonly string[])[]>;
  /**
   * Whether scanning a file that mentions `needles` can teach the session an accessor (a wrapper), judged
   * by its text; a superset test. A learn-only scan (`ScanProjectOptions.learnOnly`) skips the files it
   * rules out. `accessors` are the config's and those learned so far, when the test can use their shapes.
   * @default every file can
   */
  mayTeach?(text: string, needles: readonly string[], accessors?: readonly AccessorConfig[]): boolean;
  /** Starts the scanning of this language's files for one project scan. */
  openScanSession(options: ScanSessionOptions): ScanSession | Promise<ScanSession>;
  /**
   * Runs once over this language's references after every file is scanned (the opt-in type-information
   * tier resolves keys there); updates them in place.
   */
  resolveReferences?(references: FlagReference[], config: ResolvedConfig): void | Promise<void>;
  /** Registry `type`s whose sources are files of this language, and how to read each. */
  readonly registryLoaders?: Readonly<Record<string, RegistryLoader>>;
  /** The rewrite behind `flag-scan cleanup`; loaded only when a cleanup runs (it brings parsers). */
  loadCleanup(config: ResolvedConfig): Promise<LanguageCleanup>;
}

/** A file handed to a scanner: already read, BOM stripped, known to mention an accessor. */
export interface SourceFileInput {
  /** Absolute path. */
  path: string;
  /** Relative to the project root, with `/`: what references and errors carry. */
  relativePath: string;
  text: string;
  /**
   * What earlier scans of this same text recorded (`ScannedFile.facts`), when the scan reuses per-file
   * facts (`--cache`, `merge`): a session may answer from one whose context and dependencies still hold
   * instead of scanning. Sessions that cannot tell ignore it.
   */
  cached?: readonly FileFacts[];
}

/**
 * What one file's scan produced and what it depended on beyond its own text, so that a later scan of the
 * same text can reuse it (src/scan/fact-cache.ts keys it by path and content hash). Plain JSON.
 */
export interface FileFacts {
  /** The session's state the file was scanned under (for TypeScript: the accessors learned so far). */
  context: string;
  /** Other files whose text the result depends on (absolute paths), each by content hash (null: unreadable). */
  dependencies: Array<{ path: string; hash: string | null }>;
  references: FlagReference[];
  errors: ScanError[];
  /** What scanning the file taught the session (learned accessors), replayed on reuse; language-defined JSON. */
  learned?: unknown;
}

/** What the scanner knows about the project, shared by every file of one scan. */
export interface ProjectContext {
  root: string;
  config: ResolvedConfig;
  registry: FlagRegistry;
  /** Reads another project file (absolute path) for cross-file resolution; cached; undefined if unreadable. */
  readFile(path: string): string | undefined;
  /**
   * The hash per-file facts record for a project file (absolute path): of the bytes `readFile` decoded
   * its text from (`hashContent`), or null when it has no text. A file the prefilter memo knows unchanged
   * is answered without a read. Without it, sessions hash the text `readFile` gives (facts then are not
   * kept across scans).
   */
  contentHash?(path: string): string | null;
}

export interface FileScanResult {
  references: FlagReference[];
  errors: ScanError[];
  /**
   * Accessors this file taught the scanner (a wrapper function), new in this scan; the session re-scans the
   * files that mention them.
   */
  learnedAccessors?: LearnedAccessorConfig[];
}

export interface ScanSessionOptions {
  config: ResolvedConfig;
  /**
   * May the language scan in a worker thread? `auto`: when running from the built package (the CLI).
   * @default "auto"
   */
  worker?: boolean | "auto";
  /**
   * Return `facts` with every scanned file, and reuse `SourceFileInput.cached`. A session that cannot
   * (its files depend on each other in ways it does not track) returns none: its files are then always scanned.
   */
  recordFacts?: boolean;
  /**
   * Told the names the session learns as it learns them, before the flush that returns them as
   * `learnedNeedles` (a hint: the project scan looks for the files that mention them while it waits).
   */
  onLearning?: (needles: string[]) => void;
  /**
   * Keep the syntax tree of every scanned file for the session's life, so a file another one imports, or
   * one scanned again in a later learning round, is not parsed again. For scans of few files (a learn-only
   * scan); a whole project's trees take far more memory than its texts. @default false
   */
  retainTrees?: boolean;
}

/** What scanning one file produced. */
export interface ScannedFile {
  path: string;
  references: FlagReference[];
  errors: ScanError[];
  /** With `recordFacts`: what a later scan of the same text needs to reuse this one. */
  facts?: FileFacts;
}

export interface FlushResult {
  /** Files scanned since the previous flush; a file scanned again replaces its earlier result. */
  files: ScannedFile[];
  /** Accessor names learned since the previous flush (wrappers, renamed re-exports). */
  learnedNeedles: string[];
  /** Every accessor learned so far. */
  learnedAccessors: LearnedAccessorConfig[];
}

/**
 * One language's part of a project scan, fed one file at a time while the project scan still discovers
 * files. Files may be queued before `prepare`; they are scanned once the project (with its registry) is known.
 */
export interface ScanSession {
  /** The project the files belong to, with its loaded registry. Called once, before the first `flush`. */
  prepare(project: ProjectContext): void;
  /** Queues a file that mentions an accessor; it may be scanned right away. */
  scan(file: SourceFileInput): void;
  /** Waits until every queued file is scanned; rejects with what made the session fail. */
  flush(): Promise<FlushResult>;
  close(): Promise<void>;
}

/**
 * A scanner whose files can be scanned one by one, independently; `createFileScanSession` turns it into a
 * session.
 */
export interface FileScanner {
  /**
   * Each file's result depends on its text and the config only (no other file, no registry): its results
   * can be reused while the text is unchanged (`--cache`). @default false
   */
  readonly independent?: boolean;
  /** Called once before the first `scanFile` of a scan (load a WASM grammar, build indexes). */
  prepare?(project: ProjectContext): Promise<void>;
  scanFile(file: SourceFileInput, project: ProjectContext): FileScanResult | Promise<FileScanResult>;
}

/** One file to rewrite: its text and the references to the flag being removed. */
export interface FileCleanupInput {
  /** Absolute path. */
  path: string;
  /** Relative to the project root, with `/`. */
  relativePath: string;
  /** The file's text as read (BOM and line endings as on disk). */
  text: string;
  /** The flag being removed. */
  flag: string;
  /** The value the flag is frozen at: true keeps the flag-on path. */
  value: boolean;
  /** For a value flag (`--value '"blue"'`): the kept value its value reads (`returns: "value"`) become. */
  keptValue?: { value: unknown };
  /** This file's references to `flag`, from the project scan. */
  references: FlagReference[];
}

/** Something the cleanup could not do safely, with where and why. */
export interface CleanupProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface FileCleanupOutput {
  /** The new text; identical (===) to the input text when nothing changed. */
  text: string;
  /** How many of the input references are gone from `text`. */
  removedReferences: number;
  problems: CleanupProblem[];
}

/** A file the cleanup adds or rewrites beyond the flag's own sites (a Django deletion migration). */
export interface PlannedFile {
  /** Relative to the project root, with `/`. */
  file: string;
  /** Undefined for a new file. */
  before: string | undefined;
  after: string;
}

/** A test file's text to clean of the flag's overrides and mocks (`@override_flag`, `mockReturnValue({ x: true })`). */
export interface TestCleanupInput {
  /** Absolute path. */
  path: string;
  /** Relative to the project root, with `/`. */
  relativePath: string;
  /** The file's text (after its checks were rewritten, when it had any). */
  text: string;
  /** The flag being removed. */
  flag: string;
  /** The value the flag is frozen at: true keeps the flag-on code. */
  value: boolean;
  /** The words that name the flag in code: its slug and the constants its checks use (`FeatureFlags.X`). */
  needles: readonly string[];
  /** The other flags the project knows: a mock that names none of them but this one serves only this one. */
  otherFlags: ReadonlySet<string>;
}

/** A test the cleanup deleted (or a block of one) because it only exercised the removed value. */
export interface DeletedTest {
  file: string;
  /** Where it started, 1-based, in the text before the cleanup. */
  line: number;
  /** `TestAccount.test_delete`, `Checkout > shows the old page`. */
  name: string;
  /** `test` when the whole test went, `block` when only the part under the override did. */
  part: "test" | "block";
  /** Why, in words. */
  reason: string;
}

export interface TestCleanupOutput {
  /** The new text; identical (===) to the input text when nothing changed. */
  text: string;
  /** Overrides and mocks of the flag that went because they forced the kept value. */
  overridesRemoved: number;
  testsDeleted: DeletedTest[];
  /** Overrides left because the cleanup cannot tell what they do (`active=some_variable`). */
  problems: CleanupProblem[];
  /** Lines of the new text that name the flag without checking it (a kept test's title): listed, not failures. */
  mentions?: CleanupProblem[];
}

/**
 * The rewrite of one language. The cleanup hands each file with references to the language that owns it,
 * checks the result with `parseError`, and writes all files in one go.
 */
export interface LanguageCleanup {
  cleanupFile(input: FileCleanupInput): FileCleanupOutput | Promise<FileCleanupOutput>;
  /**
   * For `cleanup --verify`: the errors the language's own checker reports after the changes (absolute
   * path -> new text, undefined when deleted) and not before, checked in memory, plus what was checked.
   */
  verify?(root: string, changed: ReadonlyMap<string, string | undefined>): Promise<{ problems: CleanupProblem[]; note: string }>;
  /** A one-line description (`line:column message`) of the first syntax error in `text`, or undefined. */
  parseError(text: string, path: string): string | undefined | Promise<string | undefined>;
  /**
   * The text of a registry file of one of this language's registry types without `definition`, or
   * undefined when the entry cannot be found in it.
   */
  removeRegistryEntry?(text: string, definition: FlagDefinition): string | undefined;
  /**
   * Files that take the flag out of a database the language's framework manages (a Django data migration
   * with a reverse), for `cleanup --migration`. Planned before anything is rewritten.
   */
  planDeletionMigration?(config: ResolvedConfig, flag: string): Promise<{ files: PlannedFile[] }>;
  /**
   * Files the rewrite of the flag's own sites obliges to change although they do not check the flag (the
   * `urls.py` routes of a Django view it deleted). Runs once every file is rewritten, before the completion
   * check; `changed` maps each rewritten file (relative, with `/`) to its text before and after.
   */
  companionChanges?(root: string, changed: ReadonlyMap<string, { before: string; after: string | undefined }>): Promise<{ files: PlannedFile[]; problems: CleanupProblem[] }>;
  /**
   * Files that keep working once the flag's constant leaves its registry module, with the literal inlined
   * where they import it (old Django migrations). Planned before anything is rewritten, written with or
   * without `--migration` whenever the registry entry goes.
   */
  planConstantInlining?(config: ResolvedConfig, flag: string): Promise<PlannedFile[]>;
  /**
   * Cleans a file's test set-up of the flag: an override or mock that forces the kept value goes, a test
   * that forces only the removed value is deleted, and what cannot be told is left and listed. Called for
   * every file of the language that names the flag, after its checks were rewritten.
   */
  cleanupTests?(input: TestCleanupInput): TestCleanupOutput | Promise<TestCleanupOutput>;
  /**
   * The deep cleanup: after every file is rewritten, what the rewrite left unreferenced elsewhere (exports,
   * files and their companions, catalog keys), repeated until nothing more becomes dead.
   */
  deepClean?(input: DeepCleanInput): DeepCleanOutput | Promise<DeepCleanOutput>;
}

/** The project before and after the per-file rewrite, for `deepClean`. */
export interface DeepCleanInput {
  config: ResolvedConfig;
  /** The flag being removed: a file that names its key declares flags, and is never deleted. */
  flag: string;
  /** Absolute paths of this language's project files (as discovered for a scan). */
  files: readonly string[];
  /** The text of a project file (absolute path) before the cleanup, or undefined when unreadable. */
  readBefore(path: string): string | undefined;
  /** Files the rewrite changed, relative to the root with `/`: the new text, or undefined when deleted. */
  changed: ReadonlyMap<string, string | undefined>;
}

/** One file the deep cleanup rewrites or deletes, and why. */
export interface DeepChange {
  /** Relative to the root, with `/`. */
  file: string;
  /** Undefined when the file is deleted. */
  after: string | undefined;
  /** Why, in words (`only imported by the removed branch of src/home/index.tsx`). */
  reasons: string[];
}

export interface DeepCleanOutput {
  changes: DeepChange[];
  problems: CleanupProblem[];
}

/**
 * The default `include`: one glob for every extension of the languages that take all their files, then the
 * globs of those that name their own.
 */
export function defaultIncludeOf(list: readonly Language[]): string[] {
  const extensions = [...new Set(list.filter((language) => !language.include).flatMap((language) => language.extensions))].map((e) => e.slice(1));
  const all = extensions.length === 0 ? [] : [extensions.length === 1 ? `**/*.${extensions[0]}` : `**/*.{${extensions.join(",")}}`];
  return [...all, ...list.flatMap((language) => language.include ?? [])];
}

/**
 * The language that owns a file (path relative to the project root, with `/`), or undefined: the first of
 * `list` whose extensions and `accepts` take it.
 */
export function languageOf(relativePath: string, list: readonly Language[], root?: string): Language | undefined {
  const dot = relativePath.lastIndexOf(".");
  const extension = dot <= relativePath.lastIndexOf("/") ? "" : relativePath.slice(dot).toLowerCase();
  return list.find((language) => language.extensions.includes(extension) && (language.accepts?.(relativePath, root) ?? true));
}
