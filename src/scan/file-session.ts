import { FlagScanError } from "../errors.js";
import type { LearnedAccessorConfig } from "../config/schema.js";
import type { FileScanner, FlushResult, ProjectContext, ScannedFile, ScanSession, ScanSessionOptions, SourceFileInput } from "../languages/language.js";

/**
 * A scan session for a language whose files are scanned one by one, independently, in this thread: files
 * wait in a queue until `flush`, after `prepare` (which may load a grammar) has finished. Accessors a file
 * teaches the scanner (a wrapper function) are reported with the flush, so the files that call them are
 * scanned again.
 */
export function createFileScanSession(scanner: FileScanner, options: Pick<ScanSessionOptions, "recordFacts"> = {}): ScanSession {
  // Only a scanner whose files do not depend on each other can have its results reused by text alone.
  const recordFacts = options.recordFacts === true && scanner.independent === true;
  let project: ProjectContext | undefined;
  let prepared: Promise<void> | undefined;
  const queue: SourceFileInput[] = [];
  const learned: LearnedAccessorConfig[] = [];
  return {
    prepare(context) {
      project = context;
      prepared = Promise.resolve(scanner.prepare?.(context));
      prepared.catch(() => undefined);
    },
    scan(file) {
      queue.push(file);
    },
    async flush(): Promise<FlushResult> {
      if (!project || !prepared) throw new Error("a scan session was flushed before prepare()");
      await prepared;
      const files: ScannedFile[] = [];
      const learnedNeedles = new Set<string>();
      for (const file of queue.splice(0)) {
        const reused = recordFacts ? file.cached?.[0] : undefined;
        if (reused) {
          files.push({ path: file.path, references: reused.references, errors: reused.errors, facts: reused });
          continue;
        }
        try {
          // A scanner that learns accessors is not `independent`, so its results are never recorded as facts.
          const { learnedAccessors, ...result } = await scanner.scanFile(file, project);
          files.push({ path: file.path, ...result, ...(recordFacts && { facts: { context: "", dependencies: [], ...result } }) });
          for (const accessor of learnedAccessors ?? []) {
            learned.push(accessor);
            // The last segment of a dotted name is what callers' files contain (`self.is_on` -> `is_on`).
            const name = "call" in accessor ? accessor.call : "jsx" in accessor ? accessor.jsx : accessor.flagsObject;
            learnedNeedles.add(name.slice(name.lastIndexOf(".") + 1));
          }
        } catch (error) {
          // A missing optional package or a bad config stops the scan with its one line (exit 2).
          if (error instanceof FlagScanError) throw error;
          // A bug on one strange file must not cost the whole scan; it is reported like a syntax error.
          files.push({ path: file.path, references: [], errors: [{ file: file.relativePath, message: `could not be scanned: ${firstLine(error)}` }] });
        }
      }
      return { files, learnedNeedles: [...learnedNeedles], learnedAccessors: [...learned] };
    },
    async close() {},
  };
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
