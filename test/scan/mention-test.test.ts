import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { loadAndScan } from "../../src/engine.js";
import { typescriptLanguage } from "../../src/languages/typescript/index.js";
import { loadAndScanCached } from "../../src/scan/result-cache.js";
import { mentionTest } from "../../src/scan/mention-test.js";
import { useCacheTestEnvironment } from "../helpers/cache-test-environment.js";

const { temporaryDirectory } = useCacheTestEnvironment();

describe("the prefilter's mention test (src/scan/mention-test.ts)", () => {
  it("takes a dotted call's, a member path's and a dotted tag's needle only with the rest of its name", () => {
    const test = mentionTest(typescriptLanguage, [{ call: "SettingsStore.getValue" }, { member: "config.featureToggles" }, { jsx: "Flags.Gate" }, { call: "isFeatureEnabled" }], [
      "getValue",
      "featureToggles",
      "Gate",
      "isFeatureEnabled",
    ]);
    const mentions = (text: string) => test.mentions((word) => text.includes(word));
    expect(test.words).toEqual(expect.arrayContaining(["getValue", "SettingsStore", "featureToggles", "config", "Gate", "Flags", "isFeatureEnabled"]));
    expect(mentions(`form.getValue("name")`)).toBe(false);
    expect(mentions(`SettingsStore.getValue("feature_x")`)).toBe(true);
    expect(mentions(`const { featureToggles } = props;`)).toBe(false);
    expect(mentions(`config.featureToggles.ff_x`)).toBe(true);
    expect(mentions(`<Gate />`)).toBe(false);
    expect(mentions(`<Flags.Gate flag="ff_x" />`)).toBe(true);
    expect(mentions(`isFeatureEnabled("ff_x")`)).toBe(true);
  });

  it("takes a needle alone when some accessor calls it without a receiver", () => {
    const test = mentionTest(typescriptLanguage, [{ call: "SettingsStore.getValue" }, { call: "getValue" }], ["getValue"]);
    expect(test.mentions((word) => `form.getValue("x")`.includes(word))).toBe(true);
  });

  it("leaves unparsed the files that name a dotted accessor's method only, and a cached scan agrees with a cold one", async () => {
    const dir = temporaryDirectory("flag-scan-mention-");
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    write("flag-scan.config.json", JSON.stringify({ accessors: [{ call: "SettingsStore.getValue", keyPattern: "^feature_" }], registry: [{ type: "json", path: "flags.json" }] }));
    write("flags.json", JSON.stringify({ flags: ["feature_a", "feature_b", "feature_e"] }));
    write("src/a.ts", `import SettingsStore from "./SettingsStore";\nexport const a = SettingsStore.getValue("feature_a");\n`);
    write("src/form.ts", `export const b = form.getValue("feature_b");\n`);
    write("src/wrap.ts", `import SettingsStore from "./SettingsStore";\nexport function useFeature(name: string) {\n  return SettingsStore.getValue(name);\n}\n`);
    write("src/e.ts", `import { useFeature } from "./wrap";\nexport const e = useFeature("feature_e");\n`);
    const config = await loadConfig({ cwd: dir });
    const cold = await loadAndScan(config, { worker: false });
    expect(cold.references.map((r) => r.flag).sort()).toEqual(["feature_a", "feature_e"]);
    // a.ts and wrap.ts, then e.ts for the wrapper learned in wrap.ts; never form.ts.
    expect(cold.stats.filesParsed).toBe(3);

    // Missed, then patched (patch-entry.ts): both answer the edits below as a cold scan does.
    for (const patch of [false, true]) {
      const location = path.join(dir, "node_modules", ".cache", `flag-scan-${patch}`);
      await sleep(40);
      const scanCached = async () => loadAndScanCached(await loadConfig({ cwd: dir }), { location, worker: false, patch });
      write("src/a.ts", `import SettingsStore from "./SettingsStore";\nexport const a = SettingsStore.getValue("feature_a");\n`);
      write("src/form.ts", `export const b = form.getValue("feature_b");\n`);
      await sleep(40);
      expect((await scanCached()).cache).toBe("miss");
      // Another file edited: form.ts is answered from the prefilter memo (its hits: `getValue` alone).
      write("src/a.ts", `import SettingsStore from "./SettingsStore";\nexport const a = SettingsStore.getValue("feature_a") && 1;\n`);
      await sleep(40);
      const afterEdit = await scanCached();
      expect(afterEdit.cache).toBe(patch ? "patch" : "miss");
      expect(afterEdit.scan.references).toEqual((await loadAndScan(await loadConfig({ cwd: dir }), { worker: false })).references);
      expect(afterEdit.scan.stats.filesParsed).toBe(3);
      // Now it names the receiver: parsed, and its reference found.
      write("src/form.ts", `import SettingsStore from "./SettingsStore";\nexport const b = SettingsStore.getValue("feature_b");\n`);
      await sleep(40);
      const named = await scanCached();
      expect(named.cache).toBe(patch ? "patch" : "miss");
      expect(named.scan.references.map((r) => r.flag).sort()).toEqual(["feature_a", "feature_b", "feature_e"]);
      expect(named.scan.references).toEqual((await loadAndScan(await loadConfig({ cwd: dir }), { worker: false })).references);
    }
  });
});
