import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import type { Worker } from "node:worker_threads";
import type { LearnedAccessorConfig, ResolvedRegistrySource } from "../../../config/schema.js";
import { ConfigError, FlagScanError, RegistryError, UsageError } from "../../../errors.js";
import type { RegistryLoadResult } from "../../../registry/definition.js";
import type { RegistryLoadContext } from "../../../registry/loader.js";
import type { FlushResult, ProjectContext, SourceFileInput } from "../../language.js";
import type { SerializedError, WorkerRequest, WorkerResponse } from "./scan-worker.js";
import { addRecorded, isRecording, type Dependency } from "../../../scan/tracked-fs.js";
import type { LaneOptions, LaneSession, TaughtFile } from "./in-process-session.js";

const WORKER_URL = new URL("./scan-worker.js", import.meta.url);
/** Files are posted in batches: one message per file costs more than the copy of its text. */
const BATCH_SIZE = 32;

/** Whether the worker can run here: only from the built JavaScript (a .ts entry cannot start a worker on Node 20). */
export function isWorkerAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/**
 * A scan worker thread. `node:worker_threads` (and the streams it loads) is required only here: the bin
 * loads this module with the CLI, and a cached scan, which starts no worker, spent about 4 ms loading it.
 */
function startWorker(): Worker {
  const { Worker: WorkerThread } = createRequire(import.meta.url)("node:worker_threads") as typeof import("node:worker_threads");
  return new WorkerThread(WORKER_URL);
}

let prewarmed: Worker | undefined;
/** The prewarmed worker until its session closes: `typescript` registry sources load in it. */
let registryWorker: Worker | undefined;
/** Whether a session holds `registryWorker` (it is then referenced, and must stay so after a registry load). */
let registryWorkerInSession = false;

/**
 * Starts the scan worker before the caller has parsed its arguments or loaded a config (the CLI calls it
 * first thing): loading TypeScript in it (0.2 to 0.5 s) then overlaps the CLI's own start-up. The worker
 * waits for the session's options; a process that never scans exits without waiting for it.
 */
export function prewarmScanWorker(): void {
  if (prewarmed || !isWorkerAvailable()) return;
  prewarmed = startWorker();
  prewarmed.unref();
  registryWorker = prewarmed;
  registryWorkerInSession = false;
}

let registryRequests = 0;

/**
 * Loads a `typescript` registry source in the prewarmed scan worker, which loads TypeScript anyway: the
 * main thread then never loads it (0.1 to 0.25 s), and the worker, which needs the registry before it can
 * scan, has it as soon as it could have started. Undefined when there is no such worker (tests, the ESLint
 * plugin, the API): the caller loads the source itself.
 */
export function loadRegistryInScanWorker(source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> | undefined {
  const worker = registryWorker;
  if (!worker) return undefined;
  const id = ++registryRequests;
  worker.ref();
  return new Promise<RegistryLoadResult>((resolve, reject) => {
    const done = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (!(worker === registryWorker && registryWorkerInSession)) worker.unref();
    };
    const onMessage = (message: WorkerResponse) => {
      if (message.type !== "registry" || message.id !== id) return;
      done();
      addRecorded(message.dependencies);
      if (message.error) reject(deserializeError(message.error));
      else resolve(message.result!);
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`the scan worker exited with code ${code} while loading a registry`));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage({ type: "registry", id, source, context, recordDependencies: isRecording() } satisfies WorkerRequest);
  });
}

/**
 * Runs the TypeScript side of a scan in a worker thread (the prewarmed one, if any, unless `fresh`). The
 * worker loads TypeScript while the main thread discovers, reads and prefilters files: on two cores the two
 * overlap instead of adding up, and parsing starts as soon as the registry and the first candidates arrive.
 */
export function createWorkerSession(options: LaneOptions & { fresh?: boolean } = {}): LaneSession {
  const adopted = options.fresh ? undefined : prewarmed;
  const worker = adopted ?? startWorker();
  if (adopted) {
    prewarmed = undefined;
    registryWorkerInSession = true;
  }
  worker.ref();
  let batch: SourceFileInput[] = [];
  let failure: Error | undefined;
  let pending: { type: "flushed" | "relearned"; resolve(result: unknown): void; reject(error: Error): void } | undefined;

  const fail = (error: Error) => {
    failure ??= error;
    options.onFailure?.(error);
    pending?.reject(error);
    pending = undefined;
  };
  worker.on("message", (message: WorkerResponse) => {
    if (message.type === "scanned") options.onScanned?.(message.count);
    else if (message.type === "learning") options.onLearning?.(message.needles);
    else if (message.type === "flushed") {
      addRecorded((message.result as { dependencies?: Dependency[] }).dependencies ?? []);
      pending?.resolve(message.result);
      pending = undefined;
    } else if (message.type === "relearned") {
      pending?.resolve(message.learnedAccessors);
      pending = undefined;
    } else if (message.type === "error") fail(deserializeError(message.error));
  });
  worker.on("error", (error) => fail(error));
  let closing = false;
  worker.on("exit", (code) => {
    // `terminate()` ends it with code 1.
    if (code !== 0 && !closing) fail(new Error(`the scan worker exited with code ${code}`));
  });

  const send = (request: WorkerRequest) => worker.postMessage(request);
  const sendBatch = () => {
    if (batch.length === 0) return;
    send({ type: "scan", files: batch });
    batch = [];
  };
  const request = <T>(type: "flushed" | "relearned", message: WorkerRequest): Promise<T> => {
    if (failure) return Promise.reject(failure);
    sendBatch();
    return new Promise<T>((resolve, reject) => {
      pending = { type, resolve: resolve as (result: unknown) => void, reject };
      send(message);
    });
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
    scanMany(files) {
      sendBatch();
      send({ type: "scan", files: [...files] });
    },
    flush() {
      return request<FlushResult & { files: TaughtFile[] }>("flushed", { type: "flush" });
    },
    relearn(taught) {
      return request<LearnedAccessorConfig[]>("relearned", { type: "relearn", taught: [...taught] });
    },
    async close() {
      closing = true;
      if (worker === registryWorker) registryWorker = undefined;
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
