import pc from "picocolors";
import type { CliIo } from "./io.js";

/** `--color`/`--no-color` win; else `FORCE_COLOR`, then `NO_COLOR` (https://no-color.org), then whether stdout is a terminal. */
export function useColor(flag: boolean | undefined, io: CliIo): boolean {
  if (flag !== undefined) return flag;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0") return true;
  if (io.env.NO_COLOR) return false;
  return io.isTTY;
}

/** A unified diff with git's colours: headers bold, hunks cyan, removals red, additions green. */
export function colorDiff(diff: string, color: boolean): string {
  if (!color) return diff;
  const c = pc.createColors(true);
  return diff
    .split("\n")
    .map((line) => {
      if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("Index:") || line.startsWith("====")) return c.bold(line);
      if (line.startsWith("@@")) return c.cyan(line);
      if (line.startsWith("+")) return c.green(line);
      if (line.startsWith("-")) return c.red(line);
      return line;
    })
    .join("\n");
}
