import { loadOptional } from "../../optional-dependency.js";
import { registryLoader } from "../../registry/loader.js";
import type { Language } from "../language.js";
import { TYPESCRIPT_EXTENSIONS } from "./extensions.js";
import type { AccessorConfig } from "../../config/schema.js";
import { compileTypeScriptAccessors, type CompiledAccessors } from "./scan/accessors.js";
import { mayTeach } from "./scan/may-teach.js";

/** A scan asks for the needles and their qualifiers of the same list: compiled (key patterns and all) once. */
const compiled = new WeakMap<readonly AccessorConfig[], CompiledAccessors>();
function compiledOnce(accessors: readonly AccessorConfig[]): CompiledAccessors {
  let known = compiled.get(accessors);
  if (!known) compiled.set(accessors, (known = compileTypeScriptAccessors(accessors)));
  return known;
}

/**
 * TypeScript and JavaScript, with JSX. This module stays light: TypeScript itself loads with the scan
 * session (in a worker thread when the CLI runs), the registry loader and the rewrite only when used.
 */
export const typescriptLanguage: Language = {
  name: "typescript",
  extensions: TYPESCRIPT_EXTENSIONS,
  needles: (accessors) => compiledOnce(accessors).needles,
  qualifiers: (accessors) => compiledOnce(accessors).qualifiers,
  mayTeach,
  async openScanSession({ worker = "auto", recordFacts, onLearning, retainTrees }) {
    const { isWorkerAvailable, createWorkerSession } = await import("./scan/worker-session.js");
    if (worker === true || (worker === "auto" && isWorkerAvailable())) {
      // One worker parses, or on request two, or the worker and the main thread (parallel-session.ts).
      const { createParallelSession, parseThreads } = await import("./scan/parallel-session.js");
      const threads = parseThreads();
      if (threads.inCaller && !recordFacts) {
        const { createCallerLane, mayScanInCaller } = await import("./scan/caller-lane.js");
        return createParallelSession({ lanes: 2, openWhenFlushed: true, mayOpen: mayScanInCaller, onLearning, openLane: (index, options) => (index === 0 ? createWorkerSession(options) : createCallerLane(options)) });
      }
      return createParallelSession({ ...threads, recordFacts, onLearning, openLane: (index, options) => createWorkerSession({ ...options, fresh: index > 0 }) });
    }
    // Loaded lazily so that the main thread of a worker scan never pays for TypeScript.
    const { createInProcessSession } = await import("./scan/in-process-session.js");
    return createInProcessSession({ recordFacts, onLearning, retainTrees, deferParser: recordFacts });
  },
  async resolveReferences(references, config) {
    if (config.typeInformation === false) return;
    const { resolveKeysWithTypes } = await loadOptional("ts-morph", () => import("./scan/type-resolver.js"));
    resolveKeysWithTypes(references, config);
  },
  registryLoaders: {
    typescript: registryLoader(
      "the string values of exported enums, const objects and string constants, exported string-literal unions, interface and object-type keys (object keys with `keys: true`), the keys a `keyof typeof` type names, flag definition objects (`new Feature(\"k\", …)`); a declaration that is not exported is read only when `export` names it",
      async (source, context) =>
        // In the CLI's scan worker when there is one: it loads TypeScript anyway, the main thread then never does.
        (await (await import("./scan/worker-session.js")).loadRegistryInScanWorker(source, context)) ??
        (await import("./registry.js")).loadTypeScriptRegistry(source, context),
      { readsExports: true },
    ),
  },
  async loadCleanup(config) {
    const [{ typescriptCleanup }, { deepClean }] = await Promise.all([import("./cleanup/cleanup-file.js"), import("./cleanup/deep/deep-clean.js")]);
    return {
      ...typescriptCleanup(config.accessors),
      deepClean,
      // The checker loads only for --verify.
      verify: async (root, changed) => (await import("./cleanup/verify.js")).verifyTypes(root, changed),
    };
  },
};
