import type { LearnedAccessorConfig } from "../../../config/schema.js";
import type { FileFacts, FlushResult, ProjectContext, ScannedFile, ScanSession, ScanSessionOptions, SourceFileInput } from "../../language.js";
import { hashContent, isRecording } from "../../../scan/tracked-fs.js";
import { ScannerLearning, type LearnedFacts } from "./learning.js";
import type { TypeScriptScanner } from "./scanner.js";

/** A scanned file with what its scan taught the scanner (wrappers learned), for linking split scans. */
export type TaughtFile = ScannedFile & { taught: LearnedFacts };

/**
 * A TypeScript scan session that can also be one lane of a parallel scan (parallel-session.ts): it says
 * when it has scanned files, reports what each file taught, and relearns what a whole round taught.
 */
export interface LaneSession extends ScanSession {
  flush(): Promise<FlushResult & { files: TaughtFile[] }>;
  /** Queues several files at once (one message for a worker). */
  scanMany(files: readonly SourceFileInput[]): void;
  /**
   * Does now, once prepared, what the first files would wait for, if no file is queued by then (a worker
   * waiting for the main thread's discovery). Not while file-system reads are recorded: the work might not
   * be needed, and would be recorded as read.
   */
  warmUp?(): void;
  /** `TypeScriptScanner.relearn`, after a flush; resolves to every accessor learned then. */
  relearn(taught: readonly LearnedFacts[]): Promise<LearnedAccessorConfig[]>;
}

export interface LaneOptions extends Pick<ScanSessionOptions, "recordFacts" | "onLearning" | "retainTrees"> {
  /** Called with how many queued files were just scanned (a parallel scan hands out files as lanes finish). */
  onScanned?: (count: number) => void;
  /** Called when a lane in another thread failed (its next flush rejects with the error). */
  onFailure?: (error: Error) => void;
  /**
   * Load the parser (TypeScript, 60 to 100 ms) only when a file is not answered from its cached facts: a
   * cached scan after an edit of a file no other file's facts depend on then never loads it.
   */
  deferParser?: boolean;
}

/**
 * Scans in the calling thread: what tests, the ESLint plugin and small projects use, and what the worker
 * runs inside. Files queued before `prepare` wait for the project. With `recordFacts`, a file whose
 * cached facts were recorded under the same learned accessors, and whose every other module read is
 * unchanged, is answered from them instead of parsed.
 */
export function createInProcessSession(options: LaneOptions = {}): LaneSession {
  // What the scan learned; the scanner, once loaded, learns into the same.
  const learning = new ScannerLearning();
  let scanner: TypeScriptScanner | undefined;
  let scannerReady: Promise<void> | undefined;
  const recordFacts = options.recordFacts === true;
  let prepared: Promise<void> | undefined;
  let project: ProjectContext | undefined;
  let ready = false;
  const queue: SourceFileInput[] = [];
  let done: TaughtFile[] = [];
  // Files do not change during a scan: each dependency is hashed once.
  const hashes = new Map<string, string | null>();
  const hashOf = (file: string): string | null => {
    if (!hashes.has(file)) {
      // As the scanner records them (scanner.ts): the project's content hash (by bytes; the prefilter memo
      // answers for unchanged files without a read), else the text's.
      if (project!.contentHash) hashes.set(file, project!.contentHash(file));
      else {
        const text = project!.readFile(file);
        hashes.set(file, text === undefined ? null : hashContent(text));
      }
    }
    return hashes.get(file)!;
  };
  const reusable = (file: SourceFileInput): FileFacts | undefined => {
    if (!recordFacts || !file.cached) return undefined;
    const context = learning.contextKey();
    return file.cached.find((facts) => facts.context === context && facts.dependencies.every((d) => hashOf(d.path) === d.hash));
  };

  // Names already told to `onLearning` (a store whose key map changes is learned again under its name).
  const announced = new Set<string>();
  /**
   * Tells `onLearning` what was learned since it was last told, file by file: the project scan then looks
   * for the files that mention it while this lane parses on. Told at the end of a drain instead, the names
   * a worker learned in a queue of 216 files (all that arrived while TypeScript loaded) came when the parse
   * was nearly over, and the main thread's search for them (70 ms on the real corpus) held up the flush.
   */
  const announce = () => {
    const pending = learning.peekLearnedNeedles();
    if (!options.onLearning || pending.length === 0) return;
    const fresh = pending.filter((needle) => !announced.has(needle));
    for (const needle of fresh) announced.add(needle);
    if (fresh.length > 0) options.onLearning(fresh);
  };

  const drain = () => {
    let count = 0;
    while (queue.length > 0) {
      const file = queue[0]!;
      const reused = reusable(file);
      if (reused) {
        queue.shift();
        count++;
        const taught = learning.replay(reused);
        done.push({ path: file.path, references: reused.references, errors: reused.errors, facts: reused, taught });
        announce();
        continue;
      }
      // Files are taken in order (what each teaches decides the next one's context): the rest wait for the parser.
      if (!scanner) {
        // Its failure is flush()'s to report.
        loadScanner().catch(() => undefined);
        break;
      }
      queue.shift();
      count++;
      try {
        const { references, errors, facts, taught } = scanner.scanFileWithFacts(file, recordFacts);
        done.push({ path: file.path, references, errors, ...(facts && { facts }), taught });
      } catch (error) {
        // A bug on one strange file must not cost the whole scan; it is reported like a syntax error.
        done.push({ path: file.path, references: [], errors: [{ file: file.relativePath, message: `could not be scanned: ${firstLine(error)}` }], taught: { accessors: [], needles: [] } });
      }
      announce();
    }
    if (count > 0) options.onScanned?.(count);
  };
  const loadScanner = (): Promise<void> =>
    (scannerReady ??= import("./scanner.js").then(async ({ TypeScriptScanner }) => {
      const loaded = new TypeScriptScanner({ retainScannedFiles: options.retainTrees === true }, learning);
      await loaded.prepare(project!);
      scanner = loaded;
    }));

  return {
    prepare(context: ProjectContext) {
      project = context;
      learning.prepare(context);
      prepared = (options.deferParser ? Promise.resolve() : loadScanner()).then(() => {
        ready = true;
        // Files queued before the project was known are scanned now, not at the next scan or flush.
        drain();
      });
      // Reported by flush(); keep the rejection from going unhandled here.
      prepared.catch(() => undefined);
    },
    scan(file) {
      queue.push(file);
      if (ready) drain();
    },
    scanMany(files) {
      queue.push(...files);
      if (ready) drain();
    },
    async flush() {
      if (!prepared) throw new Error("the TypeScript scan session was flushed before prepare()");
      await prepared;
      drain();
      while (queue.length > 0) {
        await loadScanner();
        drain();
      }
      const files = done;
      done = [];
      return { files, learnedNeedles: learning.takeLearnedNeedles(), learnedAccessors: learning.getLearnedAccessors() };
    },
    warmUp() {
      prepared?.then(() => {
        if (queue.length === 0 && done.length === 0 && !isRecording()) scanner?.warmUp();
      }, () => undefined);
    },
    async relearn(taught) {
      learning.relearn(taught);
      return learning.getLearnedAccessors();
    },
    async close() {},
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
