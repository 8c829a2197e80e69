import { parentPort, workerData } from "node:worker_threads";
import { FlagScanError } from "../../errors.js";
import type { SourceFileInput } from "../language.js";
import { createInProcessSession } from "./in-process-session.js";
import type { SessionOptions } from "./session.js";

/** Messages the main thread sends. */
export type WorkerRequest = { type: "scan"; files: SourceFileInput[] } | { type: "flush" };

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
  const session = createInProcessSession(workerData as SessionOptions);
  const post = (message: WorkerResponse) => port.postMessage(message);
  session.registry.then(
    (registry) => post({ type: "registry", registry }),
    (error: unknown) => post({ type: "error", error: serializeError(error) }),
  );
  port.on("message", (request: WorkerRequest) => {
    if (request.type === "scan") {
      for (const file of request.files) session.scan(file);
    } else {
      session.flush().then(
        (result) => post({ type: "flushed", result }),
        (error: unknown) => post({ type: "error", error: serializeError(error) }),
      );
    }
  });
}
