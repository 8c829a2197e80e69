import { isatty } from "node:tty";

/** What a command may touch of the outside world, so the CLI runs in-process in tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a colour-capable terminal. */
  isTTY: boolean;
  /** The terminal's width when stdout is one: the text report wraps to it. */
  columns?: number;
  /** Whether stderr is a terminal: progress lines go there only then. */
  stderrIsTTY?: boolean;
  /** Asks a yes/no question; present only when someone can answer (stdin and stdout are terminals). */
  confirm?: (question: string) => Promise<boolean>;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    // isatty(0), not process.stdin.isTTY: reading that property opens stdin's stream on every run.
    ...(process.stdout.isTTY && isatty(0) ? { confirm: askYesNo } : {}),
  };
}

async function askYesNo(question: string): Promise<boolean> {
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return !/^n/i.test((await rl.question(`${question} [Y/n] `)).trim());
  } finally {
    rl.close();
  }
}
