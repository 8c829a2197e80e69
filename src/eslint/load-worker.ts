// Runs in a worker thread: loads a config and its registries (async work: WASM parsers, databases) for
// `startProjectLoad`; `finishProjectLoad` blocks the ESLint thread on `signal` until the answer is posted on `port`.
import { workerData, type MessagePort } from "node:worker_threads";
import type { LoadConfigOptions } from "../config/load-config.js";
import { FlagScanError } from "../errors.js";
import { loadProject } from "./load-project.js";

const { port, signal, request } = workerData as { port: MessagePort; signal: Int32Array; request: LoadConfigOptions };

async function run(): Promise<void> {
  try {
    port.postMessage({ ok: true, ...(await loadProject(request)) });
  } catch (error) {
    const known = error instanceof FlagScanError;
    port.postMessage({
      ok: false,
      name: known ? error.name : "Error",
      message: error instanceof Error ? error.message : String(error),
      hint: known ? error.hint : undefined,
      stack: known || !(error instanceof Error) ? undefined : error.stack,
    });
  } finally {
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  }
}

// No top-level await: jiti (the path used when running from sources) compiles this file to CommonJS.
void run();
