import { parentPort } from "node:worker_threads";
import { FlagScanError } from "../../../errors.js";
import type { SourceFileInput } from "../../../scan/language.js";
import { createInProcessSession } from "./in-process-session.js";
import type { SessionOptions, TypeScriptScanSession } from "./session.js";

/** Messages the main thread sends; `init` comes first (the worker may have started before the options were known). */
export type WorkerRequest = { type: "init"; options: SessionOptions } | { type: "scan"; files: SourceFileInput[] } | { type: "flush" };

/** Messages this worker sends back. */
export type WorkerResponse =
  | { type: "registry"; registry: unknown }
  | { type: "flushed"; result: unknown }
  | { type: "error"; error: SerializedError };

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
  let session: TypeScriptScanSession | undefined;
  port.on("message", (request: WorkerRequest) => {
    if (request.type === "init") {
      session = createInProcessSession(request.options);
      session.registry.then(
        (registry) => post({ type: "registry", registry }),
        (error: unknown) => post({ type: "error", error: serializeError(error) }),
      );
    } else if (!session) {
      post({ type: "error", error: serializeError(new Error(`the scan worker got "${request.type}" before "init"`)) });
    } else if (request.type === "scan") {
      for (const file of request.files) session.scan(file);
    } else {
      session.flush().then(
        (result) => post({ type: "flushed", result }),
        (error: unknown) => post({ type: "error", error: serializeError(error) }),
      );
    }
  });
}
