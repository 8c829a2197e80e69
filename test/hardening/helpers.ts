import { execFile, spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { writeFileSync } from "node:fs";
import { expect } from "vitest";

export const repo = fileURLToPath(new URL("../../", import.meta.url));
const bin = path.join(repo, "bin/flag-scan.js");
const eslintBin = path.join(repo, "node_modules/.bin/eslint");
const builtPlugin = path.join(repo, "dist/src/eslint/index.js");

/**
 * A case still running after this hangs: the child is killed and the test fails. It is a bound on hangs
 * (the cases the issue names ran for minutes), not a speed assertion: these machines are shared, and a
 * timed test would fail on load alone. Measured times are in the closing note of issue 15.
 */
export const HANG_LIMIT_MS = 60_000;

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function spawn(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Spawned {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", ...env },
    timeout: HANG_LIMIT_MS,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: performance.now() - started };
}

/** The built CLI (`bin/flag-scan.js`), as a user runs it. */
export function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Spawned {
  return spawn(process.execPath, [bin, ...args], cwd, env);
}

/**
 * The real `eslint` binary on `dir` with the built plugin's recommended config plus `extra` config objects
 * (a JS expression for each, after `flagScan.configs.recommended`), JSON output.
 */
export function spawnEslint(dir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}, files: string[] = ["."]): Spawned {
  writeEslintConfig(dir, extra);
  return spawn(eslintBin, ["--config", path.join(dir, "eslint.config.mjs"), "--format", "json", ...files], dir, env);
}

function writeEslintConfig(dir: string, extra: string[]): void {
  writeFileSync(
    path.join(dir, "eslint.config.mjs"),
    `import flagScan from ${JSON.stringify(pathToFileURL(builtPlugin).href)};\nexport default [flagScan.configs.recommended, ${extra.join(", ")}];\n`,
  );
}

export interface EslintMessage {
  ruleId: string | null;
  severity: number;
  line: number;
  message: string;
  fatal?: boolean;
}

export function eslintMessages(run: Spawned): Array<{ filePath: string; messages: EslintMessage[] }> {
  expect(run.stdout, run.stderr).toMatch(/^\[/);
  return JSON.parse(run.stdout) as Array<{ filePath: string; messages: EslintMessage[] }>;
}

/** A refusal: the exit code, one line (plus an optional `Hint:` line), no stack trace. */
export function expectCleanFailure(run: Spawned, code: number, message: RegExp): void {
  expect(run.code, run.stdout + run.stderr).toBe(code);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  const lines = run.stderr.trimEnd().split("\n").filter((line) => !line.startsWith("Hint: "));
  expect(lines, run.stderr).toHaveLength(1);
}

/** {@link spawnCli} without blocking this process's event loop (a test server must answer the CLI). */
export function spawnCliAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return spawnAsync(process.execPath, [bin, ...args], cwd, env);
}

/** {@link spawnEslint} without blocking this process's event loop. */
export function spawnEslintAsync(dir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  writeEslintConfig(dir, extra);
  return spawnAsync(eslintBin, ["--config", path.join(dir, "eslint.config.mjs"), "--format", "json", "."], dir, env);
}

function spawnAsync(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Spawned> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0", ...env }, timeout: HANG_LIMIT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}
