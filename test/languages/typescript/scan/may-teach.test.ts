import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ResolvedConfig } from "../../../../src/config/schema.js";
import { compileTypeScriptAccessors } from "../../../../src/languages/typescript/scan/accessors.js";
import { mayTeach } from "../../../../src/languages/typescript/scan/may-teach.js";
import { TypeScriptScanner } from "../../../../src/languages/typescript/scan/scanner.js";
import type { FlagRegistry } from "../../../../src/registry/definition.js";

const root = mkdtempSync(path.join(tmpdir(), "flag-scan-may-teach-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const accessors = [{ call: "isFeatureEnabled" }, { call: "SettingsStore.getValue", keyPattern: "^feature_" }, { jsx: "Feature", prop: "name" }];
const needles = compileTypeScriptAccessors(accessors as never).needles;

/** What a real scan of `text` teaches the scanner: the claim `mayTeach` makes is that a "no" file teaches nothing. */
async function taught(text: string): Promise<unknown[]> {
  const scanner = new TypeScriptScanner();
  const registry: FlagRegistry = { sources: [], bySlug: new Map(), constants: new Map(), files: [] };
  await scanner.prepare({ root, config: { root, accessors } as unknown as ResolvedConfig, registry, readFile: () => undefined });
  const result = scanner.scanFileWithFacts({ path: path.join(root, "file.tsx"), relativePath: "file.tsx", text });
  return [...result.taught.accessors, ...result.taught.needles];
}

describe("mayTeach (the text test of a learn-only scan)", () => {
  const cannot = [
    `if (isFeatureEnabled("new-checkout")) go();`,
    `const on = isFeatureEnabled( 'a' , 1, true, null, undefined, ) && isFeatureEnabled(\`b\`);`,
    `import { isFeatureEnabled } from "@acme/flags";\nexport const on = isFeatureEnabled("x");`,
    `import SettingsStore, { type isFeatureEnabled } from "./settings";\nSettingsStore.getValue("feature_x", null, false);`,
    `const isFeatureEnabledLater = 1; const getValues = () => 2; featureFlags();`,
  ];
  const can = [
    `export function useFlag(name: string) { return isFeatureEnabled(name); }`,
    `export const useGate = (key) => isFeatureEnabled(\`\${key}-v2\`);`,
    `export { isFeatureEnabled as isOn } from "./flags";`,
    `import { isFeatureEnabled as isOn } from "@acme/flags";\nexport { isOn };`,
    `export const check = isFeatureEnabled;`,
    `export const Gate = ({ flag }) => <Feature name={flag}>x</Feature>;`,
    `export function useSetting(name) { return SettingsStore.getValue(name); }`,
    `SettingsStore.getValue(UIFeature.Voip);`,
    `isFeatureEnabled?.(key);`,
  ];
  it.each(cannot)("rules out a file that only calls accessors with literal keys: %s", async (text) => {
    expect(mayTeach(text, needles)).toBe(false);
    expect(await taught(text)).toEqual([]);
  });
  it.each(can)("keeps a file that may teach: %s", (text) => {
    expect(mayTeach(text, needles)).toBe(true);
  });
  it("keeps the files that do teach (the scanner learns from them)", async () => {
    for (const text of [can[0]!, ...can.slice(2, 7)]) expect(await taught(text), text).not.toEqual([]);
  });
});
