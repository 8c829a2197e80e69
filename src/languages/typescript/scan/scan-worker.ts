import { parentPort } from "node:worker_threads";
import { FlagScanError } from "../../../errors.js";
import type { ResolvedConfig } from "../../../config/schema.js";
import type { FlagRegistry } from "../../../registry/definition.js";
import { createCachedReader } from "../../../scan/read-text.js";
import { recordedSoFar, startRecording } from "../../../scan/tracked-fs.js";
import type { ScanSession, SourceFileInput } from "../../language.js";
import { createInProcessSession } from "./in-process-session.js";

/**
 * Messages the main thread sends. Files may come before `prepare` (the worker starts before the registry is
 * loaded); they are scanned once it arrives.
 */
export type WorkerRequest =
  | { type: "prepare"; config: ResolvedConfig; registry: FlagRegistry; recordDependencies?: boolean; recordFacts?: boolean }
  | { type: "scan"; files: SourceFileInput[] }
  | { type: "flush" };

/** Messages this worker sends back. */
export type WorkerResponse = { type: "flushed"; result: unknown } | { type: "error"; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  hint?: string;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof FlagScanError) return { name: error.name, message: error.message, hint: error.hint };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: "Error", message: String(error) };
}

const port = parentPort;
if (port) {
  const post = (message: WorkerResponse) => port.postMessage(message);
  // The session's options come with `prepare`; files that arrive before it wait here.
  let session: ScanSession | undefined;
  const early: SourceFileInput[] = [];
  port.on("message", (request: WorkerRequest) => {
    if (request.type === "prepare") {
      const { config, registry } = request;
      if (request.recordDependencies) startRecording(config.root);
      session = createInProcessSession({ recordFacts: request.recordFacts });
      session.prepare({ root: config.root, config, registry, readFile: createCachedReader() });
      for (const file of early.splice(0)) session.scan(file);
    } else if (request.type === "scan") {
      for (const file of request.files) (session ? session.scan(file) : early.push(file));
    } else if (!session) {
      post({ type: "error", error: serializeError(new Error("the scan worker was flushed before prepare")) });
    } else {
      session.flush().then(
        (result) => post({ type: "flushed", result: { ...result, dependencies: recordedSoFar() } }),
        (error: unknown) => post({ type: "error", error: serializeError(error) }),
      );
    }
  });
}
