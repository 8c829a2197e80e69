import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ConfigError, FlagScanError, RegistryError, UsageError } from "../../../errors.js";
import type { FlushResult, ProjectContext, ScanSession, ScanSessionOptions, SourceFileInput } from "../../language.js";
import type { SerializedError, WorkerRequest, WorkerResponse } from "./scan-worker.js";
import { addRecorded, isRecording, type Dependency } from "../../../scan/tracked-fs.js";

const WORKER_URL = new URL("./scan-worker.js", import.meta.url);
/** Files are posted in batches: one message per file costs more than the copy of its text. */
const BATCH_SIZE = 32;

/** Whether the worker can run here: only from the built JavaScript (a .ts entry cannot start a worker on Node 20). */
export function isWorkerAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

let prewarmed: Worker | undefined;

/**
 * Starts the scan worker before the caller has parsed its arguments or loaded a config (the CLI calls it
 * first thing): loading TypeScript in it (0.2 to 0.5 s) then overlaps the CLI's own start-up. The worker
 * waits for the session's options; a process that never scans exits without waiting for it.
 */
export function prewarmScanWorker(): void {
  if (prewarmed || !isWorkerAvailable()) return;
  prewarmed = new Worker(WORKER_URL);
  prewarmed.unref();
}

/**
 * Runs the TypeScript side of a scan in a worker thread (the prewarmed one, if any). The worker loads
 * TypeScript while the main thread discovers, reads and prefilters files: on two cores the two overlap
 * instead of adding up, and parsing starts as soon as the registry and the first candidates arrive.
 */
export function createWorkerSession(options: Pick<ScanSessionOptions, "recordFacts"> = {}): ScanSession {
  const worker = prewarmed ?? new Worker(WORKER_URL);
  prewarmed = undefined;
  worker.ref();
  let batch: SourceFileInput[] = [];
  let failure: Error | undefined;
  let pendingFlush: { resolve(result: FlushResult): void; reject(error: Error): void } | undefined;

  const fail = (error: Error) => {
    failure ??= error;
    pendingFlush?.reject(error);
    pendingFlush = undefined;
  };
  worker.on("message", (message: WorkerResponse) => {
    if (message.type === "flushed") {
      addRecorded((message.result as { dependencies?: Dependency[] }).dependencies ?? []);
      pendingFlush?.resolve(message.result as FlushResult);
      pendingFlush = undefined;
    } else fail(deserializeError(message.error));
  });
  worker.on("error", (error) => fail(error));
  worker.on("exit", (code) => {
    if (code !== 0) fail(new Error(`the scan worker exited with code ${code}`));
  });

  const send = (request: WorkerRequest) => worker.postMessage(request);
  const sendBatch = () => {
    if (batch.length === 0) return;
    send({ type: "scan", files: batch });
    batch = [];
  };

  return {
    prepare(project: ProjectContext) {
      // The worker reads the files it needs for imports itself: the reader does not cross threads.
      send({ type: "prepare", config: project.config, registry: project.registry, recordDependencies: isRecording(), recordFacts: options.recordFacts });
    },
    scan(file) {
      batch.push(file);
      if (batch.length >= BATCH_SIZE) sendBatch();
    },
    flush() {
      if (failure) return Promise.reject(failure);
      sendBatch();
      return new Promise<FlushResult>((resolve, reject) => {
        pendingFlush = { resolve, reject };
        send({ type: "flush" });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** Rebuilds the error classes the CLI maps to exit code 2. */
function deserializeError(error: SerializedError): Error {
  const classes: Record<string, new (message: string, hint?: string) => FlagScanError> = {
    ConfigError,
    RegistryError,
    UsageError,
    FlagScanError,
  };
  const ErrorClass = classes[error.name];
  if (ErrorClass) return new ErrorClass(error.message, error.hint);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
