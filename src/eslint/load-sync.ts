import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { LoadConfigOptions } from "../config/load-config.js";
import { ConfigError, FlagScanError, RegistryError } from "../errors.js";
import type { LoadedProject } from "./load-project.js";


type WorkerAnswer =
  | ({ ok: true } & LoadedProject)
  | { ok: false; name: string; message: string; hint?: string; stack?: string };

/** A registry behind a slow network is a broken setup, not a reason to hang the editor. */
const TIMEOUT_MS = 120_000;

/** A load running in its worker thread, not yet waited for. */
export interface PendingLoad {
  request: LoadConfigOptions;
  /** `Date.now()` when the worker started: a file modified after it may have been read before the change. */
  startedAt: number;
  signal: Int32Array;
  port: MessagePort;
  worker: Worker;
}

/**
 * Starts loading a config and its registries in a worker thread and returns at once. The worker does not
 * keep the process alive: a host that never lints (`eslint --print-config`) exits as if it had not started.
 */
export function startProjectLoad(request: LoadConfigOptions): PendingLoad {
  const startedAt = Date.now();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = startWorker({ port: port2, signal, request }, [port2]);
  worker.unref();
  return { request, startedAt, signal, port: port1, worker };
}

/**
 * Waits for a load started by `startProjectLoad`. ESLint rules cannot await, while config and registry
 * loading is async (JS/TS configs, WASM parsers, databases): this thread sleeps on `Atomics.wait` until the
 * worker answers. It happens once per config per session, and again only when the config or a registry
 * file changes.
 * @throws the loader's ConfigError/RegistryError, rebuilt with its message and hint.
 */
export function finishProjectLoad(load: PendingLoad): LoadedProject {
  const { request, signal, port } = load;
  try {
    if (Atomics.wait(signal, 0, 0, TIMEOUT_MS) === "timed-out") {
      throw new ConfigError(`loading the flag-scan config and registries for ${request.cwd} took more than ${TIMEOUT_MS / 1000} s`, "check that every registry source (database, file) is reachable");
    }
    const answer = receiveMessageOnPort(port)?.message as WorkerAnswer | undefined;
    if (!answer) throw new Error(`the flag-scan loader thread exited without an answer (${request.cwd})`);
    if (answer.ok) return { config: answer.config, registry: answer.registry };
    throw rebuildError(answer);
  } finally {
    cancelProjectLoad(load);
  }
}

/** Stops a load nobody will wait for. */
export function cancelProjectLoad(load: PendingLoad): void {
  load.port.close();
  void load.worker.terminate();
}

function rebuildError(answer: Extract<WorkerAnswer, { ok: false }>): Error {
  const ErrorClass = { ConfigError, RegistryError }[answer.name] ?? (answer.name === "Error" ? undefined : FlagScanError);
  if (ErrorClass) return new ErrorClass(answer.message, answer.hint);
  const error = new Error(answer.message);
  if (answer.stack) error.stack = answer.stack;
  // The worker sends plain errors as "Error": the stack's first line still says which (TypeError, RangeError).
  error.name = /^(\w+):/.exec(answer.stack ?? "")?.[1] ?? "Error";
  return error;
}

function startWorker(workerData: unknown, transferList: MessagePort[]): Worker {
  const self = fileURLToPath(import.meta.url);
  if (self.endsWith(".js")) return new Worker(new URL("./load-worker.js", import.meta.url), { workerData, transferList });
  // Running from the TypeScript sources (tests): Node 20 cannot run .ts, so the worker goes through jiti,
  // which flag-scan already uses for flag-scan.config.ts.
  const jiti = createRequire(import.meta.url).resolve("jiti");
  const entry = new URL("./load-worker.ts", import.meta.url).href;
  const code = `require(${JSON.stringify(jiti)}).createJiti(${JSON.stringify(entry)}).import(${JSON.stringify(entry)})`;
  return new Worker(code, { eval: true, workerData, transferList });
}
