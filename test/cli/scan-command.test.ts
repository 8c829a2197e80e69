import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { writeTempProject } from "../helpers/temp-project.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const registry = `export enum FeatureFlags { A = "ff_a", B = "ff_b" }\n`;

function project(code: string, config: object = {}) {
  return writeTempProject({
    "flag-scan.config.json": JSON.stringify({ registry: [{ type: "typescript", path: "src/flags.ts" }], ...config }),
    "src/flags.ts": registry,
    "src/app.ts": code,
  });
}

describe("flag-scan (scan command)", () => {
  it("exits 0 when nothing of error severity is found", async () => {
    const dir = project(`isFeatureEnabled("ff_a");\n`);
    const { code, stdout } = await runCli([], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("unused-flag");
    expect(stdout).toContain("`ff_b` is defined in src/flags.ts but checked nowhere");
  });

  it("exits 1 on an error-severity finding", async () => {
    const dir = project(`isFeatureEnabled("ff_a");\nisFeatureEnabled("ff_b");\nisFeatureEnabled("ff_gone");\n`);
    const { code, stdout } = await runCli([], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/3:18\s+error\s+`ff_gone` is not defined in any registry/);
  });

  it("finds the project from a path argument and prints JSON with 1-based positions and relative paths", async () => {
    const dir = project(`\n  isFeatureEnabled("ff_a");\n`);
    const { code, stdout } = await runCli([dir, "--format", "json"], repo);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.references).toEqual([
      expect.objectContaining({ flag: "ff_a", file: "src/app.ts", line: 2, column: 20, kind: "call" }),
    ]);
    expect(result.flags.map((f: { flag: string; references: number; status: string }) => [f.flag, f.references, f.status])).toEqual([
      ["ff_a", 1, "active"],
      ["ff_b", 0, "unused"],
    ]);
  });

  it("limits the scan to the given paths", async () => {
    const dir = writeTempProject({
      "flag-scan.config.json": "{}",
      "a/one.ts": `isFeatureEnabled("ff_one");\n`,
      "b/two.ts": `isFeatureEnabled("ff_two");\n`,
    });
    const { stdout } = await runCli([path.join(dir, "b"), "--format", "json"], dir);
    expect(JSON.parse(stdout).references.map((r: { flag: string }) => r.flag)).toEqual(["ff_two"]);
  });

  it("exits 2 on a path that does not exist, instead of reporting a clean scan of nothing", async () => {
    const dir = project(`isFeatureEnabled("ff_a");\n`);
    const { code, stdout, stderr } = await runCli(["does-not-exist"], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('UsageError: the path "does-not-exist" does not exist');
  });

  it("exits 2 on a single directory that does not exist and has no config above it", async () => {
    // No config is found from there, so the path would be the project's root itself: scanned, it held nothing.
    const nowhere = path.join(mkdtempSync(path.join(tmpdir(), "flag-scan-gone-")), "no", "such", "dir");
    const { code, stdout, stderr } = await runCli([nowhere], tmpdir());
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe(`UsageError: the path "${nowhere}" does not exist`);
  });

  it("exits 2 on a registry source that yields no flags, naming the source and the shapes it reads", async () => {
    // Not exported: a `typescript` source reads only exported declarations, so it would give 0 flags and
    // then report every check as always off.
    const dir = writeTempProject({
      "flag-scan.config.json": JSON.stringify({ registry: [{ type: "typescript", path: "src/flags.ts" }] }),
      "src/flags.ts": `const featureFlags = { newCheckout: "new-checkout" };\n`,
      "src/app.ts": `isFeatureEnabled("new-checkout");\n`,
    });
    const { code, stdout, stderr } = await runCli([], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toBe('RegistryError: registry[0] "src/flags.ts" yields no flags (flag-scan.config.json)');
    expect(stderr).toContain("a declaration that is not exported is read only when `export` names it");
  });

  it("names `export` in the hint only for the source types that take it", async () => {
    const dir = writeTempProject({
      "flag-scan.config.json": JSON.stringify({ registry: [{ type: "json", path: "flags.json" }] }),
      "flags.json": "[]\n",
      "src/app.ts": `isFeatureEnabled("ff_a");\n`,
    });
    const { code, stderr } = await runCli([], dir);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe('RegistryError: registry[0] "flags.json" yields no flags (flag-scan.config.json)');
    expect(stderr).toMatch(/^Hint: a `json` source reads .*; point `path` at such a file$/m);
    expect(stderr).not.toContain("`export`");
  });

  it("prints configuration warnings on the first lines of the text report", async () => {
    const dir = writeTempProject({ "flag-scan.config.json": '{ "presets": ["flag-scan"] }', "src/app.ts": `isFeatureEnabled("ff_a");\n` });
    const { code, stdout } = await runCli([], dir);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toMatch(/^warning: no registry configured: `unknown-flag`, `unused-flag`/);
  });

  it("writes several formats in one run, pairing --output with --format by position", async () => {
    const dir = project(`isFeatureEnabled("ff_a");\n`);
    const { code, stdout } = await runCli(["--format", "json", "--output", "out/report.json", "--format", "text"], dir);
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, "out/report.json"), "utf8")).version).toBe(1);
    expect(stdout).toContain("unused-flag");
  });

  it("uses the in-house preset when no accessors are configured", async () => {
    const dir = project(`const check = useCheckFeatureFlag();\ncheck("ff_a");\nisFeatureEnabled("ff_b");\n`);
    const { stdout } = await runCli(["--format", "json"], dir);
    expect(JSON.parse(stdout).references.map((r: { flag: string; kind: string }) => [r.flag, r.kind])).toEqual([
      ["ff_a", "checker-call"],
      ["ff_b", "call"],
    ]);
  });

  it("reads the config from package.json and from flag-scan.config.mjs", async () => {
    const fromPackage = writeTempProject({
      "package.json": JSON.stringify({ name: "x", "flag-scan": { accessors: [{ call: "useFlag" }] } }),
      "src/a.ts": `useFlag("ff_pkg");\nisFeatureEnabled("ff_not_an_accessor_here");\n`,
    });
    expect(JSON.parse((await runCli(["--format", "json"], fromPackage)).stdout).references.map((r: { flag: string }) => r.flag)).toEqual([
      "ff_pkg",
    ]);
    const fromModule = writeTempProject({
      "flag-scan.config.mjs": `export default { accessors: [{ call: "checkFlag" }] };\n`,
      "src/a.ts": `checkFlag("ff_mjs");\n`,
    });
    expect(JSON.parse((await runCli(["--format", "json"], fromModule)).stdout).references.map((r: { flag: string }) => r.flag)).toEqual([
      "ff_mjs",
    ]);
  });

  it("reads a TypeScript config file", async () => {
    const dir = writeTempProject({
      "flag-scan.config.ts": `const config: { accessors: Array<{ call: string }> } = { accessors: [{ call: "tsFlag" }] };\nexport default config;\n`,
      "src/a.ts": `tsFlag("ff_ts");\n`,
    });
    const { stdout } = await runCli(["--format", "json"], dir);
    expect(JSON.parse(stdout).references.map((r: { flag: string }) => r.flag)).toEqual(["ff_ts"]);
  });

  describe("exits 2 with one clear line", () => {
    it("for an unknown format", async () => {
      const dir = project("");
      const { code, stderr } = await runCli(["--format", "xml"], dir);
      expect(code).toBe(2);
      expect(stderr).toBe(
        "UsageError: unknown --format \"xml\"; use one of text, json, sarif, github, markdown, gitlab, html\n",
      );
    });

    it("for a config key of the wrong type, naming the key and the file", async () => {
      const dir = writeTempProject({ "flag-scan.config.json": JSON.stringify({ registry: [{ type: "toml", path: "x" }] }) });
      const { code, stderr } = await runCli([], dir);
      expect(code).toBe(2);
      expect(stderr.split("\n")[0]).toBe(
        'ConfigError: registry[0].type "toml" is not allowed; did you mean "yaml"? (flag-scan.config.json)',
      );
    });

    it("for an unknown key", async () => {
      const dir = writeTempProject({ "flag-scan.config.json": JSON.stringify({ naming: { patern: "x" } }) });
      const { code, stderr } = await runCli([], dir);
      expect(code).toBe(2);
      expect(stderr.split("\n")[0]).toBe('ConfigError: naming.patern is not a known key; did you mean "pattern"? (flag-scan.config.json)');
    });

    it("for invalid JSON, with its position", async () => {
      const dir = writeTempProject({ "flag-scan.config.json": '{\n  "include": [,]\n}\n' });
      const { code, stderr } = await runCli([], dir);
      expect(code).toBe(2);
      expect(stderr.split("\n")[0]).toBe(`ConfigError: ${path.join(dir, "flag-scan.config.json")}:2:15: invalid JSON: ValueExpected`);
    });

    it("for an invalid regular expression", async () => {
      const dir = writeTempProject({ "flag-scan.config.json": JSON.stringify({ naming: { pattern: "([a-z" } }) });
      const { code, stderr } = await runCli([], dir);
      expect(code).toBe(2);
      expect(stderr.split("\n")[0]).toMatch(/^ConfigError: naming\.pattern is not a valid regular expression: .* \(flag-scan\.config\.json\)$/);
    });

    it("for a missing --config file", async () => {
      const dir = writeTempProject({});
      const { code, stderr } = await runCli(["--config", "nope.json"], dir);
      expect(code).toBe(2);
      expect(stderr.split("\n")[0]).toBe(`ConfigError: config file ${path.join(dir, "nope.json")} does not exist`);
    });

    it("for a registry path that matches nothing", async () => {
      const dir = writeTempProject({ "flag-scan.config.json": JSON.stringify({ registry: [{ type: "json", path: "flags/*.json" }] }) });
      const { code, stderr } = await runCli([], dir);
      expect(code).toBe(2);
      expect(stderr.split("\n")[0]).toContain('registry[0].path "flags/*.json"');
    });

    it("for an unknown option", async () => {
      const { code, stderr } = await runCli(["--frmat", "json"], repo);
      expect(code).toBe(2);
      expect(stderr).toContain("Unknown option `--frmat`. Did you mean `--format`?");
    });
  });
});
