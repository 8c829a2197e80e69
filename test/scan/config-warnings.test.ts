import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.js";
import { UsageError } from "../../src/errors.js";
import { writeTempProject } from "../helpers/temp-project.js";

const app = {
  "src/app.ts": 'export const a = isFeatureEnabled("ff_a");\n',
  "src/sub/b.ts": 'export const b = isFeatureEnabled("ff_b");\n',
  "flags.json": '{ "flags": ["ff_a", "ff_b", "ff_unused"] }\n',
};

describe("configuration warnings", () => {
  it("says which rules cannot run without a registry", async () => {
    const dir = writeTempProject({ ...app, "flag-scan.config.json": '{ "presets": ["flag-scan"] }' });
    const result = await scan({ cwd: dir });
    expect(result.warnings).toEqual([
      'no registry configured: `unknown-flag`, `unused-flag`, `stale-flag`, `environment-drift`, `registry-mismatch` cannot run; add `"registry": [{ "type": "json", "path": "flags.json" }]` (or the file your flags are declared in) to the config',
    ]);
  });

  it("warns about an accessor that matched nothing, and about a preset none of whose entry points is used", async () => {
    const dir = writeTempProject({
      ...app,
      "flag-scan.config.json": JSON.stringify({
        presets: ["growthbook"],
        accessors: [{ call: "isFeatureEnabled" }, { call: "isFeatureOn" }],
        registry: [{ type: "json", path: "flags.json" }],
      }),
    });
    const result = await scan({ cwd: dir });
    expect(result.warnings).toEqual([
      "no flag check was found through an entry point of the `growthbook` preset; check `presets` names the SDK the code uses, or add the project's own wrapper of it to `accessors`",
      "the accessor `isFeatureOn` matched nothing in the project; check its name, or remove it from `accessors`",
    ]);
  });

  it("counts an accessor used only through a learned wrapper as used", async () => {
    const dir = writeTempProject({
      "src/flags.ts": "export function useFlag(name: string) { return isFeatureEnabled(name); }\n",
      "src/app.ts": 'import { useFlag } from "./flags";\nexport const a = useFlag("ff_a");\n',
      "flags.json": '{ "flags": ["ff_a"] }\n',
      "flag-scan.config.json": JSON.stringify({ accessors: [{ call: "isFeatureEnabled" }], registry: [{ type: "json", path: "flags.json" }] }),
    });
    const result = await scan({ cwd: dir });
    expect(result.references.map((r) => r.flag)).toEqual(["ff_a"]);
    expect(result.warnings).toEqual([]);
  });

  it("says an accessor called only inside an uncalled wrapper did match, and where", async () => {
    const dir = writeTempProject({
      "src/flags.ts": "export function getBooleanFlag(name: string) { return client.getBooleanValue(name, false); }\n",
      "src/app.ts": 'export const a = isFeatureEnabled("ff_a");\n',
      "flags.json": '{ "flags": ["ff_a"] }\n',
      "flag-scan.config.json": JSON.stringify({
        accessors: [{ call: "isFeatureEnabled" }, { call: "client.getBooleanValue", defaultArg: 1 }],
        registry: [{ type: "json", path: "flags.json" }],
      }),
    });
    const result = await scan({ cwd: dir });
    expect(result.references.map((r) => r.flag)).toEqual(["ff_a"]);
    expect(result.warnings).toEqual(["the accessor `client.getBooleanValue` is called only inside `getBooleanFlag`, which nothing in the project calls with a flag"]);
  });

  it("reports no flag as unused from a scan of part of the project", async () => {
    const dir = writeTempProject({ ...app, "flag-scan.config.json": '{ "presets": ["flag-scan"], "registry": [{ "type": "json", "path": "flags.json" }] }' });
    const whole = await scan({ cwd: dir });
    expect(whole.findings.filter((f) => f.rule === "unused-flag").map((f) => f.flag)).toEqual(["ff_unused"]);
    const part = await scan({ cwd: dir, paths: ["src/sub"] });
    expect(part.references.map((r) => r.flag)).toEqual(["ff_b"]);
    expect(part.findings.filter((f) => f.rule === "unused-flag")).toEqual([]);
    // Nor does its inventory: it lists what that part checks.
    expect(whole.flags.find((f) => f.flag === "ff_unused")?.status).toBe("unused");
    expect(part.flags.map((f) => [f.flag, f.status])).toEqual([["ff_b", "active"]]);
    expect(part.warnings).toEqual(["only part of the project was scanned (src/sub): `unused-flag` needs every file and did not run"]);
  });

  it("stops on a scan path that does not exist", async () => {
    const dir = writeTempProject({ ...app, "flag-scan.config.json": '{ "registry": [{ "type": "json", "path": "flags.json" }] }' });
    await expect(scan({ cwd: dir, paths: ["does-not-exist"] })).rejects.toThrow(UsageError);
    await expect(scan({ cwd: dir, paths: ["does-not-exist"] })).rejects.toThrow('the path "does-not-exist" does not exist');
  });

  describe("a typescript registry without `export` that reads declarations holding no flag", () => {
    // As on linode/manager: `interface Flags` beside the app's other exported types, read key by key.
    const registryFile = [
      "export interface Flags {\n  ff_a: boolean;\n  ff_b: boolean;\n}\n",
      "export interface LinkItem {\n  href: string;\n  icon: string;\n}\n",
      "export interface TaxDetail {\n  tax_id: string;\n  qi_registration: string;\n  country: string;\n}\n",
      'export const featureSearch = "ff_search";\n',
    ].join("");
    const project = (source: Record<string, unknown>) =>
      writeTempProject({
        "src/app.ts": 'export const a = isFeatureEnabled("ff_a");\n',
        "src/flags.ts": registryFile,
        "flag-scan.config.json": JSON.stringify({ presets: ["flag-scan"], registry: [{ type: "typescript", path: "src/flags.ts", ...source }] }),
      });

    it("names the declarations none of whose keys is checked, and the export to set", async () => {
      const result = await scan({ cwd: project({}) });
      expect(result.warnings).toEqual([
        'registry source `src/flags.ts` reads every export of its file, and none of the 5 keys of `LinkItem`, `TaxDetail` is checked anywhere: if only `Flags` lists flags, add `"export": "Flags"` to the source',
      ]);
      // The unused-flag findings stay: the warning says why there are so many.
      expect(result.findings.filter((f) => f.rule === "unused-flag").map((f) => f.flag).sort()).toEqual(["country", "ff_b", "ff_search", "href", "icon", "qi_registration", "tax_id"]);
    });

    it("counts a one-member enum whose key is checked as the list of flags (Kong's konnect-app-shell shape)", async () => {
      const dir = writeTempProject({
        "src/app.ts": 'import { FeatureFlags } from "./flags";\nexport const a = isFeatureEnabled(FeatureFlags.MeshManager);\n',
        "src/flags.ts": 'export enum FeatureFlags {\n  MeshManager = "ff_mesh_manager",\n}\nexport interface LaunchDarklyFeatureFlag {\n  key: string;\n  value: boolean;\n  defaultValue: boolean;\n}\n',
        "flag-scan.config.json": JSON.stringify({ presets: ["flag-scan"], registry: [{ type: "typescript", path: "src/flags.ts" }] }),
      });
      expect((await scan({ cwd: dir })).warnings).toEqual([
        'registry source `src/flags.ts` reads every export of its file, and none of the 3 keys of `LaunchDarklyFeatureFlag` is checked anywhere: if only `FeatureFlags` lists flags, add `"export": "FeatureFlags"` to the source',
      ]);
    });

    it("says nothing once the source names its export, or when no listed key is checked at all", async () => {
      expect((await scan({ cwd: project({ export: "Flags" }) })).warnings).toEqual([]);
      const unchecked = writeTempProject({
        "src/app.ts": 'export const a = isFeatureEnabled("ff_zzz");\n',
        "src/flags.ts": registryFile,
        "flag-scan.config.json": JSON.stringify({ presets: ["flag-scan"], registry: [{ type: "typescript", path: "src/flags.ts" }] }),
      });
      expect((await scan({ cwd: unchecked })).warnings).toEqual([]);
    });
  });
});
