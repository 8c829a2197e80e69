import type { AccessorConfig, ResolvedConfig } from "../config/schema.js";
import type { FlagRegistry } from "../registry/definition.js";
import type { FlagReference, ScanError } from "./reference.js";

/** A file handed to a language scanner: already read, BOM stripped, known to mention an accessor. */
export interface SourceFileInput {
  /** Absolute path. */
  path: string;
  /** Relative to the project root, with `/`: what references and errors carry. */
  relativePath: string;
  text: string;
}

/** What the scanner knows about the project, shared by every file of one scan. */
export interface ProjectContext {
  root: string;
  config: ResolvedConfig;
  registry: FlagRegistry;
  /** Reads another project file (absolute path) for cross-file resolution; cached; undefined if unreadable. */
  readFile(path: string): string | undefined;
}

export interface FileScanResult {
  references: FlagReference[];
  errors: ScanError[];
}

/**
 * One language the scanner understands (TypeScript/JavaScript, Python, Django templates).
 * The project scan discovers files, prefilters their text on `needles`, and hands survivors to `scanFile`.
 */
export interface LanguageScanner {
  /** Short name for messages (`python`). */
  name: string;
  /** Lower-case extensions with the dot (`.py`). */
  extensions: readonly string[];
  /** Decides, for files with an extension of several languages (`.html`), whether this scanner takes it. */
  accepts?(relativePath: string): boolean;
  /**
   * Words whose presence in a file's text makes it worth parsing for these accessors.
   * Return [] when no accessor applies to this language: the language is then skipped entirely.
   */
  needles(accessors: readonly AccessorConfig[]): string[];
  /** Called once before the first `scanFile` of a scan (load a WASM grammar, build indexes). */
  prepare?(project: ProjectContext): Promise<void>;
  scanFile(file: SourceFileInput, project: ProjectContext): FileScanResult | Promise<FileScanResult>;
}
