import { chmodSync, realpathSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "../../src/cleanup/cleanup.js";
import { languages } from "../../src/languages/index.js";
import type { Language, LanguageCleanup } from "../../src/languages/language.js";
import { typescriptLanguage } from "../../src/languages/typescript/index.js";

/** A TypeScript look-alike that owns the files `accepts` takes, scans them as TypeScript and rewrites them with `cleanup`. */
function withCleanup(cleanup: LanguageCleanup, accepts?: (file: string) => boolean): Language[] {
  return [{ ...typescriptLanguage, name: "typescript", ...(accepts ? { accepts } : {}), loadCleanup: async () => cleanup }, ...languages];
}
import { resolveConfig } from "../../src/config/load-config.js";

const CHECK = 'import { isFeatureEnabled } from "./flags";\n\nexport const limit = () => (isFeatureEnabled("ff_x") ? 50 : 10);\n';
const CLEANED = "export const limit = () => 50;\n";

let base: string;
afterEach(() => rmSync(base, { recursive: true, force: true }));

function setup(files: Record<string, string>): string {
  base = mkdtempSync(path.join(tmpdir(), "flag-scan-safety-"));
  const root = path.join(base, "project");
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
    writeFileSync(path.join(base, file), text);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

const config = (root: string) => resolveConfig({ accessors: [{ call: "isFeatureEnabled" }] }, root);

describe("cleanup safety", () => {
  it("never writes through a symlink that leaves the project root", async () => {
    const registry = '{\n  "ff_x": {},\n  "ff_y": {}\n}\n';
    const root = setup({ "outside/flags.json": registry, "project/src/a.ts": CHECK });
    mkdirSync(path.join(root, "config"));
    symlinkSync(path.join(base, "outside/flags.json"), path.join(root, "config/flags.json"));
    // Without an opt-in the registry is not even read (a symlink out of the root); with one, it is read but never written.
    const refused = resolveConfig({ accessors: [{ call: "isFeatureEnabled" }], registry: [{ type: "json", path: "config/flags.json" }] }, root);
    await expect(cleanup({ flag: "ff_x", value: "on", config: refused })).rejects.toThrow(/registry\[0\]\.path "config\/flags\.json" is a symlink to a file outside the project root/);
    const withRegistry = resolveConfig({ accessors: [{ call: "isFeatureEnabled" }], registry: [{ type: "json", path: "config/flags.json", allowOutsideRoot: true }] }, root);
    const result = await cleanup({ flag: "ff_x", value: "on", config: withRegistry });
    expect(readFileSync(path.join(base, "outside/flags.json"), "utf8")).toBe(registry);
    expect(readFileSync(path.join(root, "src/a.ts"), "utf8")).toBe(CLEANED);
    expect(result.problems).toEqual([
      { file: "config/flags.json", line: 1, column: 1, message: `left untouched: it resolves to ${realpathSync(path.join(base, "outside/flags.json"))}, outside the project root` },
    ]);
    expect(result.changes.map((c) => c.file)).toEqual(["src/a.ts"]);
  });

  it("leaves a file untouched and reports it when the rewrite would not parse", async () => {
    const root = setup({ "project/src/a.ts": CHECK, "project/src/b.ts": CHECK });
    const broken: LanguageCleanup = {
      cleanupFile: (input) => ({ text: "export const = ;\n", removedReferences: input.references.length, problems: [] }),
      parseError: (text) => (text.startsWith("export const = ;") ? "1:14 Variable declaration expected." : undefined),
    };
    const result = await cleanup({ flag: "ff_x", value: "on", config: config(root), languages: withCleanup(broken, (file) => file === "src/b.ts") });
    expect(readFileSync(path.join(root, "src/b.ts"), "utf8")).toBe(CHECK);
    expect(readFileSync(path.join(root, "src/a.ts"), "utf8")).toBe(CLEANED);
    expect(result.problems).toEqual([
      { file: "src/b.ts", line: 3, column: 46, message: "left untouched: the rewritten file would not parse (1:14 Variable declaration expected.); please report this" },
    ]);
    expect(result.referencesLeft).toBe(1);
  });

  it("leaves a file that already does not parse untouched, and says so", async () => {
    const broken = 'import { isFeatureEnabled } from "./flags";\n\nexport const limit = () => (isFeatureEnabled("ff_x") ? 50 : 10;\n';
    const root = setup({ "project/src/a.ts": broken });
    const result = await cleanup({ flag: "ff_x", value: "on", config: config(root) });
    expect(readFileSync(path.join(root, "src/a.ts"), "utf8")).toBe(broken);
    expect(result.problems).toEqual([
      { file: "src/a.ts", line: 3, column: 46, message: "left untouched: the file does not parse (3:63 ')' expected.); fix it and run the cleanup again" },
    ]);
  });

  it("re-scans after writing and explains any check still there", async () => {
    const root = setup({ "project/src/a.ts": CHECK });
    const forgetful: LanguageCleanup = {
      cleanupFile: (input) => ({ text: `${input.text}// touched\n`, removedReferences: input.references.length, problems: [] }),
      parseError: () => undefined,
    };
    const result = await cleanup({ flag: "ff_x", value: "on", config: config(root), languages: withCleanup(forgetful) });
    expect(result.referencesLeft).toBe(1);
    // Found by the search for the slug before anything is written, not only by the re-scan after.
    expect(result.problems).toEqual([{ file: "src/a.ts", line: 3, column: 47, message: "still mentions `ff_x` in code the cleanup did not rewrite (not a check it knows); remove it by hand" }]);
  });

  it("writes atomically: no temporary file is left and the file mode is kept", async () => {
    const root = setup({ "project/src/a.ts": CHECK });
    chmodSync(path.join(root, "src/a.ts"), 0o640);
    await cleanup({ flag: "ff_x", value: "on", config: config(root) });
    expect(readdirSync(path.join(root, "src"))).toEqual(["a.ts"]);
    expect(statSync(path.join(root, "src/a.ts")).mode & 0o777).toBe(0o640);
  });

  it("writes nothing on a dry run but returns the same changes", async () => {
    const root = setup({ "project/src/a.ts": CHECK });
    const result = await cleanup({ flag: "ff_x", value: "on", config: config(root), dryRun: true });
    expect(readFileSync(path.join(root, "src/a.ts"), "utf8")).toBe(CHECK);
    expect(result.changes.map((c) => [c.file, c.after])).toEqual([["src/a.ts", CLEANED]]);
  });
});
