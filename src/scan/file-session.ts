import { FlagScanError } from "../errors.js";
import type { FileScanner, FlushResult, ProjectContext, ScannedFile, ScanSession, ScanSessionOptions, SourceFileInput } from "../languages/language.js";

/**
 * A scan session for a language whose files are scanned one by one, independently, in this thread: files
 * wait in a queue until `flush`, after `prepare` (which may load a grammar) has finished. Such languages
 * learn no accessors.
 */
export function createFileScanSession(scanner: FileScanner, options: Pick<ScanSessionOptions, "recordFacts"> = {}): ScanSession {
  // Only a scanner whose files do not depend on each other can have its results reused by text alone.
  const recordFacts = options.recordFacts === true && scanner.independent === true;
  let project: ProjectContext | undefined;
  let prepared: Promise<void> | undefined;
  const queue: SourceFileInput[] = [];
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
      for (const file of queue.splice(0)) {
        const reused = recordFacts ? file.cached?.[0] : undefined;
        if (reused) {
          files.push({ path: file.path, references: reused.references, errors: reused.errors, facts: reused });
          continue;
        }
        try {
          const result = await scanner.scanFile(file, project);
          files.push({ path: file.path, ...result, ...(recordFacts && { facts: { context: "", dependencies: [], ...result } }) });
        } catch (error) {
          // A missing optional package or a bad config stops the scan with its one line (exit 2).
          if (error instanceof FlagScanError) throw error;
          // A bug on one strange file must not cost the whole scan; it is reported like a syntax error.
          files.push({ path: file.path, references: [], errors: [{ file: file.relativePath, message: `could not be scanned: ${firstLine(error)}` }] });
        }
      }
      return { files, learnedNeedles: [], learnedAccessors: [] };
    },
    async close() {},
  };
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
