import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../../src/config/load-config.js";
import { loadAndScan as scanFromSource } from "../../../../src/engine.js";

const fixtures = fileURLToPath(new URL("../../../../fixtures/", import.meta.url));
const builtScanProject = new URL("../../../../dist/src/engine.js", import.meta.url).href;

/** The CLI parses in a worker thread; everything else in-process. Both must find exactly the same. */
describe("worker-thread scan", () => {
  for (const project of ["demo", "scan/accessors/learned-wrapper", "scan/resolution/across-files", "scan/bad-input/syntax-error-scan-goes-on"]) {
    it(`matches the in-process scan on ${project}`, async () => {
      const { loadAndScan: scanBuilt } = (await import(builtScanProject)) as { loadAndScan: typeof scanFromSource };
      const config = await loadConfig({ cwd: `${fixtures}${project}` });
      const inProcess = await scanFromSource(config, { worker: false });
      const inWorker = await scanBuilt(config, { worker: true });
      expect(inWorker.references).toEqual(inProcess.references);
      expect(inWorker.errors).toEqual(inProcess.errors);
      expect(inWorker.stats).toEqual(inProcess.stats);
      expect([...inWorker.registry.bySlug.keys()]).toEqual([...inProcess.registry.bySlug.keys()]);
      expect(inProcess.references.length + inProcess.errors.length).toBeGreaterThan(0);
    });
  }

  it("uses a worker started before the config was known (the CLI starts it first thing) and matches the in-process scan", async () => {
    const { loadAndScan: scanBuilt } = (await import(builtScanProject)) as { loadAndScan: typeof scanFromSource };
    const { prewarmScanWorker } = (await import(new URL("../../../../dist/src/languages/typescript/scan/worker-session.js", import.meta.url).href)) as { prewarmScanWorker(): void };
    prewarmScanWorker();
    const config = await loadConfig({ cwd: `${fixtures}demo` });
    const inWorker = await scanBuilt(config, { worker: true });
    expect(inWorker.references).toEqual((await scanFromSource(config, { worker: false })).references);
  });

  it("reports a registry error from the worker as the same ConfigError", async () => {
    const { loadAndScan: scanBuilt } = (await import(builtScanProject)) as { loadAndScan: typeof scanFromSource };
    const config = await loadConfig({ cwd: `${fixtures}demo` });
    const broken = { ...config, registry: [{ ...config.registry[0]!, path: "does/not/exist.ts" }] };
    await expect(scanBuilt(broken, { worker: true })).rejects.toMatchObject({ name: "ConfigError" });
    await expect(scanFromSource(broken, { worker: false })).rejects.toMatchObject({ name: "ConfigError" });
  });

  it("loads a `typescript` registry in the prewarmed worker, with the same registry and the same errors", async () => {
    const { loadAndScan: scanBuilt } = (await import(builtScanProject)) as { loadAndScan: typeof scanFromSource };
    const workerSession = (await import(new URL("../../../../dist/src/languages/typescript/scan/worker-session.js", import.meta.url).href)) as typeof import("../../../../src/languages/typescript/scan/worker-session.js");
    const config = await loadConfig({ cwd: `${fixtures}demo` });
    expect(config.registry.some((source) => source.type === "typescript")).toBe(true);
    const inProcess = await scanFromSource(config, { worker: false });
    workerSession.prewarmScanWorker();
    const loaded = workerSession.loadRegistryInScanWorker(config.registry.find((source) => source.type === "typescript")!, { root: config.root, configFile: config.configFile });
    expect(loaded).toBeDefined();
    expect((await loaded!).definitions.length).toBeGreaterThan(0);
    const inWorker = await scanBuilt(config, { worker: true });
    expect(inWorker.registry.bySlug).toEqual(inProcess.registry.bySlug);
    expect(inWorker.registry.constants).toEqual(inProcess.registry.constants);
    expect(inWorker.references).toEqual(inProcess.references);
    // The session closed the worker: nothing is left to load a registry in.
    expect(workerSession.loadRegistryInScanWorker(config.registry[0]!, { root: config.root, configFile: config.configFile })).toBeUndefined();

    workerSession.prewarmScanWorker();
    const broken = { ...config, registry: [{ ...config.registry.find((source) => source.type === "typescript")!, path: "does/not/exist.ts" }] };
    const error = await scanBuilt(broken, { worker: true }).catch((e: unknown) => e);
    const expected = await scanFromSource(broken, { worker: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ConfigError", message: (expected as Error).message, hint: (expected as { hint?: string }).hint });
  });

  it("parses in two workers from the first file, linked, exactly as one does", async () => {
    const built = (path: string) => import(new URL(`../../../../dist/src/${path}`, import.meta.url).href);
    const { loadAndScan: scanBuilt } = (await built("engine.js")) as typeof import("../../../../src/engine.js");
    const { languages } = (await built("languages/index.js")) as typeof import("../../../../src/languages/index.js");
    const { typescriptLanguage } = (await built("languages/typescript/index.js")) as typeof import("../../../../src/languages/typescript/index.js");
    const { createParallelSession } = (await built("languages/typescript/scan/parallel-session.js")) as typeof import("../../../../src/languages/typescript/scan/parallel-session.js");
    const { createWorkerSession } = (await built("languages/typescript/scan/worker-session.js")) as typeof import("../../../../src/languages/typescript/scan/worker-session.js");
    let opened = 0;
    const parallel = {
      ...typescriptLanguage,
      openScanSession: ({ recordFacts }: { recordFacts?: boolean }) =>
        createParallelSession({ lanes: 2, from: 0, recordFacts, openLane: (index, options) => (opened++, createWorkerSession({ ...options, fresh: index > 0 })) }),
    };
    for (const project of ["demo", "scan/accessors/learned-wrapper", "scan/resolution/across-files"]) {
      const config = await loadConfig({ cwd: `${fixtures}${project}` });
      const inProcess = await scanFromSource(config, { worker: false });
      const before = opened;
      const inWorkers = await scanBuilt(config, { languages: languages.map((l) => (l === typescriptLanguage ? parallel : l)) });
      expect(opened - before, project).toBe(2);
      expect(inWorkers.references, project).toEqual(inProcess.references);
      expect(inWorkers.errors, project).toEqual(inProcess.errors);
      expect(inWorkers.stats, project).toEqual(inProcess.stats);
      expect(inWorkers.learnedAccessors, project).toEqual(inProcess.learnedAccessors);
    }
  });
});
