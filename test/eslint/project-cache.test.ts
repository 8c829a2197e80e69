import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import { afterEach, describe, expect, it, vi } from "vitest";
import plugin from "../../src/eslint/index.js";
import * as loadSync from "../../src/eslint/load-sync.js";
import { clearProjectCache, startLoadingEarly } from "../../src/eslint/project-cache.js";
import { TypeScriptScanner } from "../../src/languages/typescript/scan/scanner.js";
import { writeTempProject } from "../helpers/temp-project.js";

const CONFIG = {
  accessors: [{ call: "isFeatureEnabled", arg: 0 }],
  registry: [{ type: "json", path: "flags.json" }],
};

function project(files: Record<string, string> = {}): string {
  return writeTempProject({
    "flag-scan.config.json": JSON.stringify(CONFIG),
    "flags.json": JSON.stringify(["ff_live"]),
    ...files,
  });
}

/** Lints one file of `dir` with the recommended config, the way an editor's long-lived ESLint would. */
function lint(dir: string, file: string, code: string, extra: Linter.Config = {}) {
  const linter = new Linter({ cwd: dir });
  return linter
    .verify(code, [plugin.configs.recommended, extra], { filename: path.join(dir, file) })
    .map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message }));
}

/** Rewrites a file and moves its mtime forward, as an editor save a second later would. */
function rewrite(file: string, text: string): void {
  writeFileSync(file, text);
  const later = new Date(Date.now() + 5000);
  utimesSync(file, later, later);
}

/** The cache compares files with the disk at most once a second. */
const aSecondLater = () => new Promise((resolve) => setTimeout(resolve, 1050));

const unknownAt = (line: number, column: number, flag: string) => ({
  ruleId: "flag-scan/unknown-flag",
  line,
  column,
  message: `\`${flag}\` is not defined in any registry, so this check is always off; define the flag or remove the check with \`flag-scan cleanup ${flag} --value off\`.`,
});

afterEach(() => {
  clearProjectCache();
  vi.restoreAllMocks();
});

describe("the plugin's project cache", () => {
  it("knows the wrapper accessors other files define, as the CLI does", () => {
    const dir = project({
      "src/flags/useFlag.ts": "import { isFeatureEnabled } from './sdk';\nexport const useFlag = (name: string) => isFeatureEnabled(name);\n",
    });
    const code = 'import { useFlag } from "./flags/useFlag";\nexport const on = useFlag("ff_gone");\n';
    expect(lint(dir, "src/a.ts", code)).toEqual([unknownAt(2, 27, "ff_gone")]);
  });

  it("finds the config from the linted file upwards, and reloads when a registry or the config changes on disk", async () => {
    const dir = project();
    const code = 'if (isFeatureEnabled("ff_new")) render();\n';
    expect(lint(dir, "src/deep/a.ts", code)).toEqual([unknownAt(1, 22, "ff_new")]);

    rewrite(path.join(dir, "flags.json"), JSON.stringify(["ff_live", "ff_new"]));
    await aSecondLater();
    expect(lint(dir, "src/deep/a.ts", code)).toEqual([]);

    rewrite(path.join(dir, "flag-scan.config.json"), JSON.stringify({ ...CONFIG, naming: { pattern: "^ff_[a-z]+_v\\d$" } }));
    await aSecondLater();
    expect(lint(dir, "src/deep/a.ts", code).map((message) => message.ruleId)).toEqual(["flag-scan/flag-naming"]);
  });

  it("reloads a registry rewritten with the same size and its old mtime put back", async () => {
    const dir = project();
    const registry = path.join(dir, "flags.json");
    // A whole second, so that putting it back below restores it exactly (utimes has no nanoseconds).
    const mtime = Math.floor(Date.now() / 1000) - 100;
    utimesSync(registry, mtime, mtime);
    const code = 'if (isFeatureEnabled("ff_new_")) render();\n';
    expect(lint(dir, "src/a.ts", code)).toEqual([unknownAt(1, 22, "ff_new_")]);
    // The same length as before, and the old mtime: only the ctime (which nothing can set back) moves.
    expect(readFileSync(registry, "utf8")).toBe('["ff_live"]');
    const before = statSync(registry);
    writeFileSync(registry, '["ff_new_"]');
    utimesSync(registry, mtime, mtime);
    expect(statSync(registry).size).toBe(before.size);
    expect(statSync(registry).mtimeMs).toBe(before.mtimeMs);
    await aSecondLater();
    expect(lint(dir, "src/a.ts", code)).toEqual([]);
  });

  it("sees edits to the files imported keys come from", async () => {
    const dir = project({ "src/keys.ts": 'export const KEY = "ff_new";\n' });
    const code = 'import { KEY } from "./keys";\nif (isFeatureEnabled(KEY)) render();\n';
    expect(lint(dir, "src/a.ts", code)).toEqual([unknownAt(2, 22, "ff_new")]);
    rewrite(path.join(dir, "src/keys.ts"), 'export const KEY = "ff_live";\n');
    await aSecondLater();
    expect(lint(dir, "src/a.ts", code)).toEqual([]);
  });

  it("scans a file once for all six rules, and not at all when its text mentions no accessor", () => {
    const dir = project();
    const scanFile = vi.spyOn(TypeScriptScanner.prototype, "scanFile");
    lint(dir, "src/a.ts", 'if (isFeatureEnabled("ff_live")) render();\n');
    expect(scanFile).toHaveBeenCalledTimes(1);
    lint(dir, "src/b.ts", "export const answer = 42;\n");
    expect(scanFile).toHaveBeenCalledTimes(1);
    // A new lint of the same file (an editor re-lint) scans again: the registry may have changed meanwhile.
    lint(dir, "src/a.ts", 'if (isFeatureEnabled("ff_live")) render();\n');
    expect(scanFile).toHaveBeenCalledTimes(2);
  });

  it("reads the syntax tree @typescript-eslint/parser built instead of parsing the file again, and parses it with any other parser", async () => {
    const dir = project();
    const scanFile = vi.spyOn(TypeScriptScanner.prototype, "scanFile");
    const code = 'if (isFeatureEnabled("ff_gone")) render();\n';
    expect(lint(dir, "src/a.ts", code)).toEqual([unknownAt(1, 22, "ff_gone")]);
    expect(scanFile.mock.calls[0]?.[0].syntaxTree?.statements).toHaveLength(1);
    const espree = await import("espree");
    expect(lint(dir, "src/b.js", code, { languageOptions: { parser: espree } })).toEqual([unknownAt(1, 22, "ff_gone")]);
    expect(scanFile.mock.calls[1]?.[0].syntaxTree).toBeUndefined();
  });

  it("uses the load started early for the working directory instead of loading again", () => {
    const dir = project();
    const starts = vi.spyOn(loadSync, "startProjectLoad");
    startLoadingEarly(dir);
    expect(lint(dir, "src/a.ts", 'isFeatureEnabled("ff_live");\nisFeatureEnabled("ff_gone");\n')).toEqual([unknownAt(2, 18, "ff_gone")]);
    expect(starts).toHaveBeenCalledTimes(1);
  });

  it("loads again when a registry is saved while the early load runs", () => {
    const dir = project();
    const starts = vi.spyOn(loadSync, "startProjectLoad");
    startLoadingEarly(dir);
    rewrite(path.join(dir, "flags.json"), JSON.stringify(["ff_live", "ff_new"]));
    expect(lint(dir, "src/a.ts", 'isFeatureEnabled("ff_new");\nisFeatureEnabled("ff_gone");\n')).toEqual([unknownAt(2, 18, "ff_gone")]);
    expect(starts).toHaveBeenCalledTimes(2);
  });

  it("drops an early load of another project and loads the one the linted file needs", () => {
    const other = project({ "flags.json": JSON.stringify(["ff_gone"]) });
    const dir = project();
    const starts = vi.spyOn(loadSync, "startProjectLoad");
    const cancels = vi.spyOn(loadSync, "cancelProjectLoad");
    startLoadingEarly(other);
    expect(lint(dir, "src/a.ts", 'isFeatureEnabled("ff_gone");\n')).toEqual([unknownAt(1, 18, "ff_gone")]);
    expect(starts.mock.calls.map(([request]) => request.configFile)).toEqual([path.join(other, "flag-scan.config.json"), path.join(dir, "flag-scan.config.json")]);
    expect(cancels.mock.calls[0]?.[0].request.configFile).toBe(path.join(other, "flag-scan.config.json"));
  });

  it("reads settings['flag-scan'].config relative to ESLint's working directory", () => {
    const dir = project({
      "config/flags.json": JSON.stringify({ ff_other: {} }),
      "config/scan.json": JSON.stringify({ accessors: [{ call: "useFlag", arg: 0 }], registry: [{ type: "json", path: "flags.json" }] }),
    });
    const code = 'useFlag("ff_other");\nuseFlag("ff_live");\nisFeatureEnabled("ff_missing");\n';
    expect(lint(dir, "src/a.ts", code, { settings: { "flag-scan": { config: "config/scan.json" } } })).toEqual([unknownAt(2, 9, "ff_live")]);
  });

  it("honours rule severities 'off' and flag-scan-ignore-next-line comments of the flag-scan config, as the CLI does", () => {
    const dir = project({
      "flag-scan.config.json": JSON.stringify({ ...CONFIG, rules: { "flag-naming": "off" } }),
    });
    const code = [
      'isFeatureEnabled("BadName");',
      "// flag-scan-ignore-next-line unknown-flag -- being added to the registry in #123",
      'isFeatureEnabled("ff_soon");',
      'isFeatureEnabled("ff_later");',
    ].join("\n");
    expect(lint(dir, "src/a.ts", code)).toEqual([unknownAt(1, 18, "BadName"), unknownAt(4, 18, "ff_later")]);
  });

  it("reports the config error the CLI would print as one lint message instead of failing the lint", () => {
    const dir = project({ "flag-scan.config.json": JSON.stringify({ ...CONFIG, stale: { maxAgeDay: 3 } }) });
    expect(lint(dir, "src/a.ts", 'isFeatureEnabled("ff_live");')).toEqual([
      {
        ruleId: expect.stringMatching(/^flag-scan\//),
        line: 1,
        column: 1,
        message: expect.stringMatching(/^flag-scan could not check this file: ConfigError: stale\.maxAgeDay is not a known key; did you mean "maxAgeDays"\? \(flag-scan\.config\.json\)/),
      },
    ]);
    // Once: the next file of the same project does not repeat it.
    expect(lint(dir, "src/b.ts", 'isFeatureEnabled("ff_live");')).toEqual([]);
  });
});
