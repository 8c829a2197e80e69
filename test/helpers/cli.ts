import yargs from "yargs";
import { cleanupCommand } from "../../src/cli/commands/cleanup.js";
import { run } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, as a user would from `cwd`. */
export async function runCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    cwd,
    env,
    isTTY: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/**
 * Runs only the `cleanup` command module, the way the CLI's main does but with its errors thrown (a test
 * can then assert a `UsageError`); the exit code arrives through the callback.
 */
export async function runCleanupCommand(argv: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  let code = 0;
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: () => {}, cwd, env: {}, isTTY: false };
  await yargs(argv)
    .command(cleanupCommand(io, (c) => void (code = c)))
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
  return { code, stdout };
}
