import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanup } from "../../src/cleanup/cleanup.js";
import { run } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { UsageError } from "../../src/errors.js";

const CONFIG = { accessors: [{ call: "isFeatureEnabled" }, { call: "useVariant", returns: "value" }] };
let project: string;
afterEach(() => rmSync(project, { recursive: true, force: true }));

function makeProject(source: string): string {
  project = mkdtempSync(path.join(tmpdir(), "flag-scan-value-"));
  writeFileSync(path.join(project, "flag-scan.config.json"), JSON.stringify(CONFIG));
  writeFileSync(path.join(project, "a.ts"), source);
  return project;
}

const VARIANT = 'import { useVariant } from "./flags";\n\nexport const color = useVariant("ff_x") === "blue" ? "#00f" : "#999";\n';
const BOOLEAN = 'import { isFeatureEnabled } from "./flags";\n\nexport const on = isFeatureEnabled("ff_x");\n';

describe("cleanup --value for value flags", () => {
  it("folds a value flag kept at a JSON value", async () => {
    const result = await cleanup({ flag: "ff_x", value: '"blue"', cwd: makeProject(VARIANT) });
    expect(readFileSync(path.join(project, "a.ts"), "utf8")).toBe('export const color = "#00f";\n');
    expect(result.value).toBe('"blue"');
    expect(result.problems).toEqual([]);
  });

  it("refuses on/off for a value flag, writing nothing", async () => {
    await expect(cleanup({ flag: "ff_x", value: "on", cwd: makeProject(VARIANT) })).rejects.toThrow(UsageError);
    expect(readFileSync(path.join(project, "a.ts"), "utf8")).toBe(VARIANT);
  });

  it("refuses a non-boolean JSON value for a boolean flag", async () => {
    await expect(cleanup({ flag: "ff_x", value: '"blue"', cwd: makeProject(BOOLEAN) })).rejects.toThrow(/checked as on\/off/);
    expect(readFileSync(path.join(project, "a.ts"), "utf8")).toBe(BOOLEAN);
  });

  it("exits 2 with one line for on/off on a value flag and for a value that is not JSON", async () => {
    makeProject(VARIANT);
    for (const value of ["on", "blu"]) {
      let stderr = "";
      const io: CliIo = { stdout: () => {}, stderr: (text) => void (stderr += text), cwd: project, env: {}, isTTY: false };
      expect(await run(["cleanup", "ff_x", "--value", value], io)).toBe(2);
      expect(stderr).toMatch(value === "on" ? /is read as a value \(`useVariant` at a\.ts:3\)/ : /--value must be `on`, `off` or JSON, not `blu`/);
    }
    expect(readFileSync(path.join(project, "a.ts"), "utf8")).toBe(VARIANT);
  });
});
