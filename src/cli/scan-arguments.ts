import type { ScanArguments } from "./commands/scan.js";

/** The scan command's options that take a value, by flag, with the short aliases scan.ts declares. */
const VALUE_OPTIONS: Record<string, keyof ScanArguments> = {
  config: "config",
  c: "config",
  format: "format",
  f: "format",
  output: "output",
  o: "output",
  baseline: "baseline",
  "changed-since": "changedSince",
  "max-warnings": "maxWarnings",
  "repo-url": "repoUrl",
  "cache-location": "cacheLocation",
  shard: "shard",
};
const BOOLEAN_OPTIONS: Record<string, keyof ScanArguments | "debug"> = {
  cache: "cache",
  "update-baseline": "updateBaseline",
  quiet: "quiet",
  q: "quiet",
  color: "color",
  debug: "debug",
};
const REPEATABLE = new Set<string>(["format", "output"]);
const COMMANDS = new Set(["init", "cleanup", "mcp", "retire", "merge"]);

/**
 * The arguments of a plain scan (`flag-scan [paths..] [options]`) read without loading yargs, which costs
 * a cached scan about half of its time; undefined for anything else (another command, help, an unknown
 * or unusual option, `--`, a repeated option, a number where yargs would coerce), which yargs then parses
 * as always. What this returns equals what yargs hands the scan command for the same words
 * (test/cli/scan-arguments.test.ts compares the two).
 */
export function scanArgumentsWithoutYargs(argv: readonly string[]): (ScanArguments & { debug?: boolean }) | undefined {
  const args: ScanArguments & { debug?: boolean } = { paths: [], format: [], output: [], quiet: false };
  const given = new Set<string>();
  const set = args as unknown as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (!word.startsWith("-")) {
      if (/^[-+]?(\d|\.\d)/.test(word) || (args.paths.length === 0 && COMMANDS.has(word)) || word === "") return undefined;
      args.paths.push(word);
      continue;
    }
    const long = /^--([a-z][a-z-]*[a-z])(?:=(.*))?$/s.exec(word);
    const short = /^-([a-z])$/.exec(word);
    const name = long?.[1] ?? short?.[1];
    if (name === undefined) return undefined;
    const inline = long?.[2];
    const negated = name.startsWith("no-") ? name.slice(3) : undefined;
    if (negated !== undefined && long && inline === undefined && negated.length > 1 && BOOLEAN_OPTIONS[negated] !== undefined) {
      if (given.has(BOOLEAN_OPTIONS[negated])) return undefined;
      given.add(BOOLEAN_OPTIONS[negated]);
      set[BOOLEAN_OPTIONS[negated]] = false;
      continue;
    }
    const flag = BOOLEAN_OPTIONS[name];
    if (flag !== undefined) {
      if (inline !== undefined || given.has(flag)) return undefined;
      given.add(flag);
      set[flag] = true;
      continue;
    }
    const key = VALUE_OPTIONS[name];
    if (key === undefined) return undefined;
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("-"))) return undefined;
    if (REPEATABLE.has(key)) {
      (args[key as "format" | "output"] as string[]).push(value);
      continue;
    }
    if (given.has(key)) return undefined;
    given.add(key);
    if (key === "maxWarnings") {
      if (!/^(0|[1-9]\d{0,8})$/.test(value)) return undefined;
      args.maxWarnings = Number(value);
    } else {
      // A value yargs could read as a number or a boolean is left to yargs.
      if (/^[-+]?(\d|\.\d)/.test(value) || value === "true" || value === "false") return undefined;
      set[key] = value;
    }
  }
  if (args.format.length === 0) args.format = ["text"];
  return args;
}
