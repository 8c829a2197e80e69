import type { CallAccessorConfig, ResolvedConfig } from "../../../config/schema.js";
import type { FlagRegistry } from "../../../registry/definition.js";
import type { SourceFileInput } from "../../../scan/language.js";
import type { FlagReference, ScanError } from "../../../scan/reference.js";

/** What scanning one file produced. */
export interface ScannedFile {
  path: string;
  references: FlagReference[];
  errors: ScanError[];
}

export interface FlushResult {
  /** Files scanned since the previous flush; a file scanned again replaces its earlier result. */
  files: ScannedFile[];
  /** Accessor names learned since the previous flush (wrappers, renamed re-exports). */
  learnedNeedles: string[];
  /** Every accessor learned so far. */
  learnedAccessors: CallAccessorConfig[];
}

/**
 * The TypeScript half of a project scan, fed one file at a time. Two implementations: in this thread, or
 * in a worker thread that loads TypeScript and the registries while the main thread walks the tree.
 */
export interface TypeScriptScanSession {
  /** The registries, loaded next to the parser because TypeScript registries need it. */
  readonly registry: Promise<FlagRegistry>;
  /** Queues a file that mentions an accessor; it may be scanned right away. */
  scan(file: SourceFileInput): void;
  /** Waits until every queued file is scanned. */
  flush(): Promise<FlushResult>;
  close(): Promise<void>;
}

export interface SessionOptions {
  config: ResolvedConfig;
  /** A registry already loaded; otherwise the session loads it. */
  registry?: FlagRegistry;
}
