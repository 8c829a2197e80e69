import type { FileFacts, FlushResult, ProjectContext, ScannedFile, ScanSession, ScanSessionOptions, SourceFileInput } from "../../language.js";
import { hashContent } from "../../../scan/tracked-fs.js";
import { TypeScriptScanner } from "./scanner.js";

/**
 * Scans in the calling thread: what tests, the ESLint plugin and small projects use, and what the worker
 * runs inside. Files queued before `prepare` wait for the project. With `recordFacts`, a file whose
 * cached facts were recorded under the same learned accessors, and whose every other module read is
 * unchanged, is answered from them instead of parsed.
 */
export function createInProcessSession(options: Pick<ScanSessionOptions, "recordFacts"> = {}): ScanSession {
  const scanner = new TypeScriptScanner();
  const recordFacts = options.recordFacts === true;
  let prepared: Promise<void> | undefined;
  let project: ProjectContext | undefined;
  let ready = false;
  const queue: SourceFileInput[] = [];
  let done: ScannedFile[] = [];
  // Files do not change during a scan: each dependency is hashed once.
  const hashes = new Map<string, string | null>();
  const hashOf = (file: string): string | null => {
    if (!hashes.has(file)) {
      const text = project!.readFile(file);
      hashes.set(file, text === undefined ? null : hashContent(text));
    }
    return hashes.get(file)!;
  };
  const reusable = (file: SourceFileInput): FileFacts | undefined => {
    if (!recordFacts || !file.cached) return undefined;
    const context = scanner.contextKey();
    return file.cached.find((facts) => facts.context === context && facts.dependencies.every((d) => hashOf(d.path) === d.hash));
  };

  const drain = () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const reused = reusable(file);
      if (reused) {
        scanner.replay(reused);
        done.push({ path: file.path, references: reused.references, errors: reused.errors, facts: reused });
        continue;
      }
      try {
        const { references, errors, facts } = scanner.scanFileWithFacts(file, recordFacts);
        done.push({ path: file.path, references, errors, ...(facts && { facts }) });
      } catch (error) {
        // A bug on one strange file must not cost the whole scan; it is reported like a syntax error.
        done.push({ path: file.path, references: [], errors: [{ file: file.relativePath, message: `could not be scanned: ${firstLine(error)}` }] });
      }
    }
  };

  return {
    prepare(context: ProjectContext) {
      project = context;
      prepared = scanner.prepare(context).then(() => {
        ready = true;
      });
      // Reported by flush(); keep the rejection from going unhandled here.
      prepared.catch(() => undefined);
    },
    scan(file) {
      queue.push(file);
      if (ready) drain();
    },
    async flush(): Promise<FlushResult> {
      if (!prepared) throw new Error("the TypeScript scan session was flushed before prepare()");
      await prepared;
      drain();
      const files = done;
      done = [];
      return { files, learnedNeedles: scanner.takeLearnedNeedles(), learnedAccessors: scanner.getLearnedAccessors() };
    },
    async close() {},
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0] ?? message;
}
