import type { CliIo } from "./io.js";

/** A line on stderr saying what is running; see {@link startProgress}. */
export interface Progress {
  /** Changes what the line says (`Retiring ff_x (2/5)`). */
  update(label: string): void;
  /** Clears the line, if it was shown, and stops. Safe to call twice. */
  done(): void;
}

const DELAY_MS = 1000;
const FRAME_MS = 100;
const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * Shows `⠋ Scanning... 1.4s` on stderr for work that takes longer than a second, only when stderr is a
 * terminal and not under CI (a CI log would keep every frame), never with `--quiet`. Cleared when done, so
 * the report that follows starts on a clean line.
 */
export function startProgress(io: CliIo, label: string, options: { quiet?: boolean } = {}): Progress {
  const enabled = io.stderrIsTTY === true && !isCi(io.env) && !options.quiet;
  let current = label;
  let shown = false;
  let frame = 0;
  const started = Date.now();
  let interval: ReturnType<typeof setInterval> | undefined;
  const draw = () => {
    shown = true;
    io.stderr(`\r\u001b[2K${FRAMES[frame++ % FRAMES.length]} ${current} ${((Date.now() - started) / 1000).toFixed(1)}s`);
  };
  const timeout = enabled
    ? setTimeout(() => {
        draw();
        interval = setInterval(draw, FRAME_MS);
        interval.unref?.();
      }, DELAY_MS)
    : undefined;
  timeout?.unref?.();
  return {
    update(next) {
      current = next;
    },
    done() {
      clearTimeout(timeout);
      clearInterval(interval);
      if (shown) io.stderr("\r\u001b[2K");
      shown = false;
    },
  };
}

/** CI services set `CI` (GitHub Actions, GitLab, CircleCI, Travis, Buildkite...); `CI=false` opts out. */
function isCi(env: NodeJS.ProcessEnv): boolean {
  return (env.CI !== undefined && env.CI !== "false" && env.CI !== "0") || env.GITHUB_ACTIONS === "true" || env.BUILD_NUMBER !== undefined;
}
