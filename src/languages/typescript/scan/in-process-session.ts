import type { FlushResult, ProjectContext, ScannedFile, ScanSession, SourceFileInput } from "../../language.js";
import { TypeScriptScanner } from "./scanner.js";

/**
 * Scans in the calling thread: what tests, the ESLint plugin and small projects use, and what the worker
 * runs inside. Files queued before `prepare` wait for the project.
 */
export function createInProcessSession(): ScanSession {
  const scanner = new TypeScriptScanner();
  let prepared: Promise<void> | undefined;
  let ready = false;
  const queue: SourceFileInput[] = [];
  let done: ScannedFile[] = [];

  const drain = () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      try {
        const { references, errors } = scanner.scanFile(file);
        done.push({ path: file.path, references, errors });
      } catch (error) {
        // A bug on one strange file must not cost the whole scan; it is reported like a syntax error.
        done.push({ path: file.path, references: [], errors: [{ file: file.relativePath, message: `could not be scanned: ${firstLine(error)}` }] });
      }
    }
  };

  return {
    prepare(project: ProjectContext) {
      prepared = scanner.prepare(project).then(() => {
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
