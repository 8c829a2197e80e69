// Runs in a worker thread: loads a config and its registries (async work: WASM parsers, databases) for
// `loadProjectSync`, which blocks the ESLint thread on `signal` until the answer is posted on `port`.
import { workerData, type MessagePort } from "node:worker_threads";
import { loadConfig, type LoadConfigOptions } from "../config/load-config.js";
import { FlagScanError } from "../errors.js";
import { loadRegistry } from "../registry/load-registry.js";
import { scanProject } from "../scan/scan-project.js";

const { port, signal, request } = workerData as { port: MessagePort; signal: Int32Array; request: LoadConfigOptions };

async function run(): Promise<void> {
  try {
    const config = await loadConfig(request);
    const registry = await loadRegistry(config);
    // ESLint sees one file at a time: learn the project's wrapper accessors once, as the CLI does.
    const { learnedAccessors } = await scanProject(config, { registry, worker: false });
    port.postMessage({ ok: true, config: { ...config, accessors: [...config.accessors, ...learnedAccessors] }, registry });
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
