import { parentPort } from "node:worker_threads";
import { FlagScanError } from "../../../errors.js";
import type { ResolvedConfig, ResolvedRegistrySource } from "../../../config/schema.js";
import type { FlagRegistry, RegistryLoadResult } from "../../../registry/definition.js";
import type { RegistryLoadContext } from "../../../registry/loader.js";
import { contentHasher, createCachedReader } from "../../../scan/read-text.js";
import { recordedSoFar, startRecording, stopRecording, type Dependency } from "../../../scan/tracked-fs.js";
import type { SourceFileInput } from "../../language.js";
import { createInProcessSession, type LaneSession } from "./in-process-session.js";
import type { LearnedFacts } from "./scanner.js";

/**
 * Messages the main thread sends. Files may come before `prepare` (the worker starts before the registry is
 * loaded); they are scanned once it arrives. A `registry` request (a `typescript` registry source) comes
 * before `prepare`, so the main thread never loads TypeScript for it.
 */
export type WorkerRequest =
  | { type: "prepare"; config: ResolvedConfig; registry: FlagRegistry; recordDependencies?: boolean; recordFacts?: boolean }
  | { type: "scan"; files: SourceFileInput[] }
  | { type: "flush" }
  | { type: "relearn"; taught: LearnedFacts[] }
  | { type: "registry"; id: number; source: ResolvedRegistrySource; context: RegistryLoadContext; recordDependencies: boolean };

/** Messages this worker sends back. */
export type WorkerResponse =
  | { type: "flushed"; result: unknown }
  | { type: "scanned"; count: number }
  | { type: "learning"; needles: string[] }
  | { type: "relearned"; learnedAccessors: unknown }
  | { type: "registry"; id: number; result?: RegistryLoadResult; error?: SerializedError; dependencies: Dependency[] }
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
  // The session's options come with `prepare`; files that arrive before it wait here.
  let session: LaneSession | undefined;
  const early: SourceFileInput[] = [];
  // Registry sources load one after another: each records its own file-system facts.
  let registries: Promise<void> = Promise.resolve();
  port.on("message", (request: WorkerRequest) => {
    if (request.type === "registry") {
      registries = registries.then(() => loadRegistrySource(request).then(post));
    } else if (request.type === "prepare") {
      const { config, registry } = request;
      if (request.recordDependencies) startRecording(config.root);
      session = createInProcessSession({
        recordFacts: request.recordFacts,
        onScanned: (count) => post({ type: "scanned", count }),
        onLearning: (needles) => post({ type: "learning", needles }),
      });
      // Facts record the hash of the bytes each module's text came from, as the main thread's project does.
      const hashes = request.recordFacts ? new Map<string, string | null>() : undefined;
      const readFile = createCachedReader(new Map(), hashes);
      session.prepare({ root: config.root, config, registry, readFile, ...(hashes && { contentHash: contentHasher(readFile, hashes) }) });
      if (early.length > 0) session.scanMany(early.splice(0));
      else session.warmUp?.();
    } else if (request.type === "scan") {
      if (session) session.scanMany(request.files);
      else early.push(...request.files);
    } else if (!session) {
      post({ type: "error", error: serializeError(new Error(`the scan worker got \`${request.type}\` before prepare`)) });
    } else if (request.type === "relearn") {
      session.relearn(request.taught).then(
        (learnedAccessors) => post({ type: "relearned", learnedAccessors }),
        (error: unknown) => post({ type: "error", error: serializeError(error) }),
      );
    } else {
      session.flush().then(
        (result) => post({ type: "flushed", result: { ...result, dependencies: recordedSoFar() } }),
        (error: unknown) => post({ type: "error", error: serializeError(error) }),
      );
    }
  });
}

async function loadRegistrySource(request: Extract<WorkerRequest, { type: "registry" }>): Promise<WorkerResponse> {
  if (request.recordDependencies) startRecording(request.context.root);
  try {
    const { loadTypeScriptRegistry } = await import("../registry.js");
    const result = await loadTypeScriptRegistry(request.source, request.context);
    return { type: "registry", id: request.id, result, dependencies: request.recordDependencies ? stopRecording() : [] };
  } catch (error) {
    return { type: "registry", id: request.id, error: serializeError(error), dependencies: request.recordDependencies ? stopRecording() : [] };
  }
}
