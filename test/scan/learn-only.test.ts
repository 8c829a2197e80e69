import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateMonorepo } from "../../bench/generate-monorepo.js";
import { loadConfig } from "../../src/config/load-config.js";
import { loadAndScan } from "../../src/engine.js";

let benchDir: string;
let root: string;

beforeAll(() => {
  benchDir = mkdtempSync(path.join(tmpdir(), "flag-scan-learn-only-"));
  root = generateMonorepo(benchDir, { files: 240, seed: 5, linesPerFile: 60, flagFileRatio: 0.08, cleanupRefs: 5, settingsFileRatio: 0.13, git: false }).manifest.root;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  // A wrapper, a wrapper of it (learned in the second round), a renamed re-export, and their callers.
  write("packages/gates/src/gate.ts", `export function useGate(name: string) {\n  return isFeatureEnabled(name);\n}\n`);
  write("packages/gates/src/gate2.ts", `import { useGate } from "./gate";\nexport const useGate2 = (n: string) => useGate(n);\n`);
  write("packages/gates/src/index.ts", `export { isFeatureEnabled as isOn } from "@bench/flags";\n`);
  for (let i = 0; i < 4; i++) write(`packages/gates/src/caller${i}.ts`, `import { useGate2 } from "./gate2";\nexport const a = useGate2("ff_g${i}") && isOn("ff_o${i}");\n`);
}, 120_000);

afterAll(() => rmSync(benchDir, { recursive: true, force: true }));

describe("a learn-only project scan (the ESLint plugin's project load)", () => {
  it("learns exactly what a full scan learns, from fewer files", async () => {
    const config = await loadConfig({ cwd: root });
    const full = await loadAndScan(config, { worker: false });
    const learnOnly = await loadAndScan(config, { worker: false, learnOnly: true });
    expect(full.learnedAccessors.map((a) => ("call" in a ? a.call : "jsx" in a ? a.jsx : a.flagsObject))).toEqual(expect.arrayContaining(["useGate", "useGate2", "isOn"]));
    expect(learnOnly.learnedAccessors).toEqual(full.learnedAccessors);
    expect([...learnOnly.registry.bySlug]).toEqual([...full.registry.bySlug]);
    // Files that only call accessors with literal keys are not scanned.
    expect(learnOnly.stats.filesParsed).toBeLessThan(full.stats.filesParsed);
  }, 120_000);
});

describe("a learn-only scan of the flags-object shapes that are learned", () => {
  // Flags objects handed on (props, arguments, in-house HOCs and hooks) and app stores filled from flags are
  // learned from files whose accessor mentions can be bare calls (`useFlags()`): those must be scanned.
  it.each(["flags-passed-on", "learned-store"])("%s: learns exactly what a full scan learns", async (name) => {
    const fixture = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "..", "fixtures", "scan", "accessors", name);
    const config = await loadConfig({ cwd: fixture });
    const full = await loadAndScan(config, { worker: false });
    const learnOnly = await loadAndScan(config, { worker: false, learnOnly: true });
    expect(full.learnedAccessors.length).toBeGreaterThan(0);
    expect(learnOnly.learnedAccessors).toEqual(full.learnedAccessors);
  });
});
