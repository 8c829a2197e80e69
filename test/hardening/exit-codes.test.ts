import { describe, expect, it } from "vitest";
import { cleanup, InternalError, scan } from "../../src/index.js";
import { writeTempProject } from "../helpers/temp-project.js";
import { expectCleanFailure, spawnCli } from "./helpers.js";

// FLAG_SCAN_TEST_CRASH=1 is the documented test-only hook that makes config loading throw a TypeError.
const CRASH = { FLAG_SCAN_TEST_CRASH: "1" };
const CRASHED = /^InternalError: flag-scan crashed: TypeError: forced internal crash .*\(at src\/internal-error\.(js|ts):\d+:\d+\)$/m;

function project(config: object = {}): string {
  return writeTempProject({ "flag-scan.config.json": JSON.stringify(config), "src/a.ts": `if (isFeatureEnabled("ff_a")) run();\n` });
}

describe("exit codes: 0 clean, 1 findings, 2 errors and crashes", () => {
  it("scan: 0 when clean, 1 on findings", () => {
    expect(spawnCli([], project()).code).toBe(0);
    expect(spawnCli([], project({ rules: { "flag-naming": "error" }, naming: { pattern: "^zz$" } })).code).toBe(1);
  });

  it("scan: an internal crash exits 2 with one line and a hint, the stack only with --debug", () => {
    const dir = project();
    const run = spawnCli([], dir, CRASH);
    expectCleanFailure(run, 2, CRASHED);
    expect(run.stderr).toMatch(/^Hint: this is a bug in flag-scan: run again with --debug/m);
    const debug = spawnCli(["--debug"], dir, CRASH);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^\s+at crashIfAsked /m);
  });

  it("cleanup: an internal crash exits 2", () => {
    expectCleanFailure(spawnCli(["cleanup", "ff_a", "--value", "on", "--dry-run"], project(), CRASH), 2, CRASHED);
  });

  it("a malformed database URL is a config error (2), not an uncaught TypeError", () => {
    const dir = project({ registry: [{ type: "waffle-db", path: "postgres://u:p@:notaport/db" }] });
    const run = spawnCli([], dir);
    expectCleanFailure(run, 2, /^ConfigError: registry\[0\]\.path "postgres:\/\/u@:notaport\/db" is not a valid PostgreSQL URL/m);
    expect(run.stderr).not.toContain("u:p@");
  });

  it("library API: scan() and cleanup() reject with an InternalError (a FlagScanError the CLI exits 2 for)", async () => {
    const dir = project();
    process.env.FLAG_SCAN_TEST_CRASH = "1";
    try {
      await expect(scan({ cwd: dir })).rejects.toThrow(InternalError);
      await expect(scan({ cwd: dir })).rejects.toMatchObject({ name: "InternalError", cause: expect.any(TypeError) });
      await expect(cleanup({ cwd: dir, flag: "ff_a", value: "on", dryRun: true })).rejects.toThrow(InternalError);
    } finally {
      delete process.env.FLAG_SCAN_TEST_CRASH;
    }
    await expect(scan({ cwd: dir })).resolves.toMatchObject({ errors: [] });
  });
});
