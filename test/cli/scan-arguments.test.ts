import { describe, expect, it } from "vitest";
import { scanCommand, type ScanArguments } from "../../src/cli/commands/scan.js";
import type { CliIo } from "../../src/cli/io.js";
import { createParser } from "../../src/cli/main.js";
import { scanArgumentsWithoutYargs } from "../../src/cli/scan-arguments.js";

const io: CliIo = { stdout: () => {}, stderr: () => {}, cwd: "/", env: {}, isTTY: false };
const KEYS = ["paths", "config", "format", "output", "color", "baseline", "updateBaseline", "changedSince", "maxWarnings", "repoUrl", "quiet", "cache", "cacheLocation", "shard", "debug"] as const;

/** What yargs hands the scan command for `argv` (the keys the command reads), or "not a scan". */
async function throughYargs(argv: string[]): Promise<unknown> {
  let captured: Record<string, unknown> | undefined;
  const parser = await createParser(argv, io, () => {}, (cliIo, setExitCode) => ({
    ...scanCommand(cliIo, setExitCode),
    handler: (args: ScanArguments) => {
      captured = args as unknown as Record<string, unknown>;
    },
  }));
  try {
    await parser.parseAsync(argv, {}, () => {});
  } catch {
    return "not a scan";
  }
  return captured ? pick(captured) : "not a scan";
}

function pick(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(KEYS.filter((key) => args[key] !== undefined).map((key) => [key, args[key]]));
}

const WORDS = [
  "src", "lib/a.ts", "init", "merge", "--cache", "--no-cache", "--cache-location", ".c", "--cache-location=.d", "--format", "json", "-f", "sarif",
  "--format=html", "--output", "out.json", "-o", "/dev/null", "--config", "flag-scan.config.json", "-c", "x.json", "--quiet", "-q", "--color",
  "--no-color", "--debug", "--changed-since", "HEAD~1", "--max-warnings", "0", "--max-warnings", "12", "--max-warnings=3", "--baseline", "b.json",
  "--update-baseline", "--repo-url", "https://example.com/x", "--repo-url=", "--shard", "1/3", "--unknown", "-x", "--", "-h", "--version", "7",
  "--format", "--output=a b.txt", "--changedSince", "main", "--cache=false", "-fq", "--no-quiet", "",
];

describe("a plain scan's arguments without yargs (src/cli/scan-arguments.ts)", () => {
  it("equals what yargs hands the scan command, for every command line it accepts", async () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let accepted = 0;
    for (let i = 0; i < 400; i++) {
      const argv = Array.from({ length: Math.floor(next() * 6) }, () => WORDS[Math.floor(next() * WORDS.length)]!);
      const fast = scanArgumentsWithoutYargs(argv);
      if (fast === undefined) continue;
      accepted++;
      expect(pick(fast as unknown as Record<string, unknown>), JSON.stringify(argv)).toEqual(await throughYargs(argv));
    }
    expect(accepted).toBeGreaterThan(100);
  }, 60_000);

  it("leaves other commands, help, unknown options and `--` to yargs", () => {
    for (const argv of [["init"], ["merge", "a.json"], ["--help"], ["-h"], ["--version"], ["--nope"], ["--", "src"], ["-fq"], ["--cache=false"], ["--format"], ["--config", "a", "--config", "b"], ["7"]]) {
      expect(scanArgumentsWithoutYargs(argv), JSON.stringify(argv)).toBeUndefined();
    }
    expect(scanArgumentsWithoutYargs(["src", "--cache", "-f", "json", "-o", "/dev/null"])).toMatchObject({ paths: ["src"], cache: true, format: ["json"], output: ["/dev/null"] });
  });
});
