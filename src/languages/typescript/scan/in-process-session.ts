import { loadRegistry } from "../../../registry/load-registry.js";
import type { FlagRegistry } from "../../../registry/definition.js";
import type { ProjectContext, SourceFileInput } from "../../../scan/language.js";
import { createCachedReader } from "../../../scan/read-text.js";
import { TypeScriptScanner } from "./scanner.js";
import type { FlushResult, ScannedFile, SessionOptions, TypeScriptScanSession } from "./session.js";

/** Scans in the calling thread: what tests, the ESLint plugin and small projects use. */
export function createInProcessSession(options: SessionOptions): TypeScriptScanSession {
  const { config } = options;
  const scanner = new TypeScriptScanner();
  const readFile = createCachedReader();
  const registry: Promise<FlagRegistry> = options.registry ? Promise.resolve(options.registry) : loadRegistry(config);
  let project: ProjectContext | undefined;
  const ready = registry.then(async (loaded) => {
    project = { root: config.root, config, registry: loaded, readFile };
    await scanner.prepare(project);
  });
  // A failed registry is reported by whoever awaits `registry`; keep the rejection from going unhandled here.
  ready.catch(() => undefined);
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
    registry,
    scan(file) {
      queue.push(file);
      if (project) drain();
    },
    async flush(): Promise<FlushResult> {
      await ready;
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
