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
});
