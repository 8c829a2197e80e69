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
async function taught(text: string, using: readonly unknown[] = accessors): Promise<unknown[]> {
  const scanner = new TypeScriptScanner();
  const registry: FlagRegistry = { sources: [], bySlug: new Map(), constants: new Map(), files: [] };
  await scanner.prepare({ root, config: { root, accessors: using } as unknown as ResolvedConfig, registry, readFile: () => undefined });
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
    // Mentions in comments.
    `// export const useSetting = (name) => SettingsStore.getValue(name);\n/**\n * Calls isFeatureEnabled(name) for each setting\n * and <Feature name={flag}> too.\n */\nexport const a = 1;`,
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

describe("mayTeach with the accessors' shapes: a literal first key is enough for a plain call", () => {
  // `useSettingValueAt(level, name)` reads its key at argument 1; `useFlags` is a flags object; `Feature`
  // is both a JSX accessor and a call: only names of plain key-first calls may skip the other arguments.
  const shaped = [
    { call: "SettingsStore.getValue", keyPattern: "^feature_" },
    { call: "SettingsStore.watchSetting" },
    { call: "useSettingValue" },
    { call: "useSettingValueAt", arg: 1 },
    { flagsObject: "useFlags" },
    { call: "Feature" },
    { jsx: "Feature", prop: "name" },
  ];
  const shapedNeedles = compileTypeScriptAccessors(shaped as never).needles;
  const cannot = [
    `SettingsStore.getValue("feature_x", roomId, true);`,
    `const on = useSettingValue<boolean>("feature_y");\nconst layout = useSettingValue<Layout | null>('layout', room.roomId);`,
    `SettingsStore.watchSetting("feature_z", null, (name, roomId, level, value) => setOn(value));`,
    `export function Thing({ room }) { return SettingsStore.getValue(\`feature_t\`, room.roomId) ? 1 : 2; }`,
    // A key read off an imported namespace or enum, mentioned nowhere else but as `UIFeature.` and in the import.
    `import { UIFeature } from "../settings/UIFeature";\nexport function Panel() { return SettingsStore.getValue(UIFeature.Widgets) ? useSettingValue<boolean>(UIFeature.Voip, null) : x.UIFeature; }`,
    // The declaration of a method of the same name.
    `export class Handler {\n  public getValue(settingName: string, roomId: string): unknown {\n    return this.store[settingName];\n  }\n  public static async watchSetting<T>(name: string, cb: (v: T) => void) {}\n}`,
  ];
  const can = [
    `export function useSetting(name, roomId) { return SettingsStore.getValue(name, roomId); }`,
    `export const useAt = (name) => useSettingValueAt("device", name);`,
    `export const f = (name) => Feature("x", name);`,
    `SettingsStore.getValue("feature_" + suffix, roomId);`,
    `SettingsStore.getValue("feature_x", roomId) || SettingsStore.getValue(key, roomId);`,
    `export const g = SettingsStore.getValue<(a: string) => void>(key);`,
    // The root of a dotted key is a parameter (a path wrapper, a gate component) or may be one.
    `export function useSetting(setting) { return SettingsStore.getValue(setting.name); }`,
    `export const Gate = (props) => SettingsStore.getValue(props.flag) && props.children;`,
    `export function f(...UIFeature) { return SettingsStore.getValue(UIFeature.length); }`,
    `export class Flag { render() { return SettingsStore.getValue(this.props.name); } }`,
    `import { UIFeature } from "./ui";\nexport function f({ UIFeature }) { return SettingsStore.getValue(UIFeature.Widgets); }`,
    // Not comments, not declarations: a template literal spanning the line, a `get` ending the line above.
    "export const t = `\n// ${SettingsStore.getValue(name)}`;",
    "export const a = 3\n * SettingsStore.getValue(name);",
    "export function f(name) { const x = y.get\n  getValue(name); }",
  ];
  it.each(cannot)("rules out: %s", async (text) => {
    expect(mayTeach(text, shapedNeedles)).toBe(true);
    expect(mayTeach(text, shapedNeedles, shaped as never)).toBe(false);
    expect(await taught(text, shaped)).toEqual([]);
  });
  it.each(can)("keeps: %s", (text) => {
    expect(mayTeach(text, shapedNeedles, shaped as never)).toBe(true);
  });
  it("keeps the files that do teach", async () => {
    for (const text of [...can.slice(0, 2), ...can.slice(6, 8)]) expect(await taught(text, shaped), text).not.toEqual([]);
  });
  it("keeps a literal-first call of a name another shape of accessor shares, or whose key is not first", () => {
    expect(mayTeach(`useSettingValueAt("device", name);`, shapedNeedles, shaped as never)).toBe(true);
    expect(mayTeach(`Feature("x", name);`, shapedNeedles, shaped as never)).toBe(true);
    expect(mayTeach(`useFlags("x", y);`, shapedNeedles, shaped as never)).toBe(true);
  });
});
