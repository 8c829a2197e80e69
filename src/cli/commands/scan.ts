import { existsSync } from "node:fs";
import path from "node:path";
import type { Argv, CommandModule } from "yargs";
import { allRules } from "../../../rules/index.js";
import { codeownersOfFlags } from "../../ci/codeowners.js";
import { findRepositoryRoot } from "../../ci/repository-root.js";
import { findRepositoryUrl } from "../../ci/repository-url.js";
import { loadConfig } from "../../config/load-config.js";
import type { ResolvedConfig } from "../../config/schema.js";
import { analyze, loadAndScan } from "../../engine.js";
import { UsageError } from "../../errors.js";
import { reporters, type ReporterOptions, type RuleMetadata } from "../../reporters/index.js";
import { pairFormatsWithOutputs, writeReports as writeReportTargets } from "../outputs.js";
import type { ScanResult } from "../../result.js";
import type { CliIo } from "../io.js";
import { assertScanPathsExist } from "../paths.js";
import { startProgress, type Progress } from "../progress.js";
import { onlyErrors } from "../quiet.js";
import { readPackageVersion } from "../../version.js";
import { DEFAULT_CACHE_LOCATION, loadAndScanCached } from "../../scan/result-cache.js";
import type { ProjectScan } from "../../scan/scan-project.js";

export interface ScanArguments {
  paths: string[];
  config?: string;
  format: string[];
  output: string[];
  color?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
  changedSince?: string;
  maxWarnings?: number;
  repoUrl?: string;
  /** Report error-severity findings only (the exit code still counts warnings for --max-warnings). */
  quiet?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  /** `i/n`: scan one shard and write its facts (for `flag-scan merge`), no report. */
  shard?: string;
}

/** `flag-scan [paths..]`: scan, run the rules, print the report(s); exit 1 on error-severity findings. */
export function scanCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, ScanArguments> {
  return {
    command: "$0 [paths..]",
    describe: "Find every flag check, verify it against the registries and report problems",
    builder: (yargs: Argv) =>
      yargs
        .positional("paths", {
          describe: "Files or directories to scan (default: the project of the config found from here)",
          type: "string",
          array: true,
          default: [],
        })
        .option("config", { alias: "c", type: "string", describe: "Config file (skips discovery)" })
        .option("format", {
          alias: "f",
          type: "string",
          array: true,
          default: ["text"],
          describe: `Output format, repeatable: ${Object.keys(reporters).join(", ")}`,
        })
        .option("output", {
          alias: "o",
          type: "string",
          array: true,
          default: [],
          describe: "Write the report to a file instead of stdout; pairs with --format by position",
        })
        .option("baseline", {
          type: "string",
          describe: "Baseline file: findings recorded in it are reported as suppressed and do not fail the run",
        })
        .option("update-baseline", {
          type: "boolean",
          describe: "Write every current finding to the --baseline file",
        })
        .option("changed-since", {
          type: "string",
          describe: "Report only findings on lines changed since this git ref, plus the flags the change added and removed",
        })
        .option("max-warnings", {
          type: "number",
          describe: "Exit 1 when more than this many warnings remain",
        })
        .option("repo-url", {
          type: "string",
          describe:
            "Web address of the repository's files for links in html and markdown reports (https://github.com/acme/shop/blob/main; \"\" for none); default: from GitHub Actions, package.json `repository` or the origin remote",
        })
        .option("cache", {
          type: "boolean",
          describe: "Reuse the last scan's result while every file it read is unchanged, else each unchanged file's facts (exact: the same report as without)",
        })
        .option("cache-location", {
          type: "string",
          describe: "Directory of the cache (default: node_modules/.cache/flag-scan under the project root)",
        })
        .option("shard", {
          type: "string",
          describe: "Scan shard i of n (by a hash of each file's path) and write its facts to --output or stdout, for `flag-scan merge`",
        })
        .group(["baseline", "update-baseline", "changed-since", "max-warnings", "shard"], "CI:") as unknown as Argv<ScanArguments>,
    handler: async (args) => {
      setExitCode(await runScan(args, io));
    },
  };
}

/** How a run gets its project scan: `merge` links shards' facts instead of scanning. */
export type ScanSource = (config: ResolvedConfig, scanPaths: readonly string[], cacheLocation: string | undefined) => Promise<ProjectScan>;

export async function runScan(args: ScanArguments, io: CliIo, source?: ScanSource): Promise<number> {
  pairFormatsWithOutputs(args.format, args.output);
  if (args.updateBaseline && args.baseline === undefined)
    throw new UsageError("--update-baseline needs --baseline FILE to know where to write");
  if (args.repoUrl && !/^https?:\/\/[^/\s]+/.test(args.repoUrl))
    throw new UsageError(`--repo-url must be an http(s) address, not \`${args.repoUrl}\``, "e.g. `--repo-url https://github.com/acme/shop/blob/main`");
  if (args.maxWarnings !== undefined && !(Number.isInteger(args.maxWarnings) && args.maxWarnings >= 0))
    throw new UsageError(`--max-warnings must be a whole number of 0 or more, not ${args.maxWarnings}`);
  assertScanPathsExist(args.paths, io);
  const progress = startProgress(io, "Scanning...", { quiet: args.quiet });
  try {
    return await scanAndReport(args, io, progress, source);
  } finally {
    progress.done();
  }
}

async function scanAndReport(args: ScanArguments, io: CliIo, progress: Progress, source?: ScanSource): Promise<number> {
  const started = performance.now();
  const paths = args.paths.map((p) => path.resolve(io.cwd, p));
  const firstDirectory = paths[0];
  const config = await loadConfig(args.config ? { cwd: io.cwd, configFile: args.config } : { cwd: firstDirectory ?? io.cwd });
  // A single directory that is the project itself means "the whole project".
  const scanPaths = paths.length === 1 && paths[0] === config.root ? [] : paths;
  const cacheLocation = args.cache ? path.resolve(io.cwd, args.cacheLocation ?? path.join(config.root, DEFAULT_CACHE_LOCATION)) : undefined;
  // The CI options' modules load when asked for: a plain (cached) scan never needs them.
  if (args.shard !== undefined) return (await import("../shard-facts.js")).writeShardFacts(config, args, scanPaths, io);
  const scanned = source
    ? await source(config, scanPaths, cacheLocation)
    : cacheLocation
      ? (await loadAndScanCached(config, { paths: scanPaths, location: cacheLocation })).scan
      : await loadAndScan(config, { paths: scanPaths });
  let result = analyze(scanned, allRules, { durationMs: Math.round(performance.now() - started), ...(cacheLocation && { gitAgeCache: path.join(cacheLocation, "git-age.json") }) });
  if (args.baseline !== undefined) {
    const baselineFile = path.resolve(io.cwd, args.baseline);
    const { applyBaseline, readBaseline, writeBaseline } = await import("../../ci/baseline.js");
    if (args.updateBaseline) writeBaseline(baselineFile, result.findings);
    result = { ...result, findings: applyBaseline(result.findings, readBaseline(baselineFile)) };
  }
  if (args.changedSince !== undefined) {
    const { applyChangedSince } = await import("../../ci/changed-since.js");
    result = await applyChangedSince(result, {
      root: config.root,
      ref: args.changedSince,
      scan: (baseRoot, sandbox) => scanBaseRevision(baseRoot, config, scanPaths, cacheLocation, sandbox),
      ...(config.configFile !== undefined && { configFile: config.configFile }),
      // The base revision's flags kept by commit, under what else decides them.
      ...(cacheLocation && {
        cache: { location: cacheLocation, key: JSON.stringify({ version: readPackageVersion(), config: path.relative(config.root, config.configFile ?? ""), paths: scanPaths.map((p) => path.relative(config.root, p)) }) },
      }),
    });
  }
  const projectFile = config.configFile && path.relative(config.root, config.configFile).split(path.sep).join("/");
  const exitCode = exitCodeOf(result, args.maxWarnings);
  progress.done();
  writeReports(args.quiet ? onlyErrors(result) : result, args, io, projectFile);
  if (exitCode === 1 && !hasErrors(result)) {
    const warnings = countWarnings(result);
    io.stderr(`flag-scan found ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${args.maxWarnings} allows.\n`);
  }
  return exitCode;
}

/**
 * Scans the base revision's checkout with its own config (same file, same paths); a base without the
 * config file had flag-scan not set up yet, so it counts as having no flags at all.
 */
async function scanBaseRevision(
  baseRoot: string,
  config: ResolvedConfig,
  scanPaths: readonly string[],
  cacheLocation: string | undefined,
  sandbox: string,
): Promise<ScanResult & { readOnlyTheRevision?: boolean }> {
  const rebase = (file: string) => path.join(baseRoot, path.relative(config.root, file));
  const configFile = config.configFile === undefined ? undefined : rebase(config.configFile);
  if (configFile !== undefined && !existsSync(configFile)) {
    return { version: 1, root: baseRoot, references: [], findings: [], flags: [], errors: [], stats: { filesDiscovered: 0, filesParsed: 0, linesDiscovered: 0, durationMs: 0 } };
  }
  const baseConfig = await loadConfig(configFile === undefined ? { cwd: baseRoot } : { cwd: baseRoot, configFile });
  const basePaths = scanPaths.map(rebase);
  // The base checkout is a fresh directory each run; the cache keys paths relative to the root, so the
  // entry of the last base revision scanned is reused when its files are the same.
  if (!cacheLocation) return analyze(await loadAndScan(baseConfig, { paths: basePaths }), allRules);
  const cached = await loadAndScanCached(baseConfig, { paths: basePaths, location: cacheLocation, slot: "base" });
  // What the commit alone decides: a JSON config named by path (a JS one runs code, and without a file
  // the search for one goes up past the checkout) and no file read outside the temporary checkout.
  const readOnlyTheRevision =
    configFile?.endsWith(".json") === true && cached.external !== undefined && cached.external.every((file) => file.startsWith(sandbox + path.sep));
  return { ...analyze(cached.scan, allRules, { gitAgeCache: path.join(cacheLocation, "git-age-base.json") }), readOnlyTheRevision };
}

/**
 * Writes each `--format` to its `--output` (pairs by position) or stdout; `github` also writes the job summary.
 * @param projectFile where project-wide findings point in SARIF and GitLab reports (the config file).
 */
export function writeReports(
  result: ScanResult,
  args: Pick<ScanArguments, "format" | "output" | "color" | "repoUrl">,
  io: CliIo,
  projectFile?: string,
): void {
  const rules: RuleMetadata[] = allRules.map(({ id, description, severity }) => ({ id, description, severity }));
  const options: ReporterOptions = { rules, toolVersion: readPackageVersion() };
  if (args.color !== undefined) options.color = args.color;
  if (projectFile) options.projectFile = projectFile;
  const targets = pairFormatsWithOutputs(args.format, args.output);
  // Git is asked only for the formats that place or link files in the repository.
  if (targets.some((target) => REPOSITORY_FORMATS.has(target.format))) {
    const repositoryRoot = findRepositoryRoot(result.root, io.env);
    if (repositoryRoot !== undefined) options.repositoryRoot = repositoryRoot;
  }
  if (targets.some((target) => target.format === "html"))
    options.owners = codeownersOfFlags(result, options.repositoryRoot ?? result.root);
  if (targets.some((target) => LINKING_FORMATS.has(target.format))) {
    // `--repo-url ""` turns links off.
    const repositoryUrl = args.repoUrl === "" ? undefined : (args.repoUrl ?? findRepositoryUrl(result.root, io.env));
    if (repositoryUrl !== undefined) options.repositoryUrl = repositoryUrl;
  }
  if (io.columns !== undefined) options.width = io.columns;
  writeReportTargets(result, targets, options, io);
}

const LINKING_FORMATS: ReadonlySet<string> = new Set(["html", "markdown", "github"]);
const REPOSITORY_FORMATS: ReadonlySet<string> = new Set(["sarif", "gitlab", ...LINKING_FORMATS]);

/** 1 when an unsuppressed finding has error severity or warnings exceed `maxWarnings`, else 0. */
export function exitCodeOf(result: ScanResult, maxWarnings?: number): number {
  if (hasErrors(result)) return 1;
  return maxWarnings !== undefined && countWarnings(result) > maxWarnings ? 1 : 0;
}

function hasErrors(result: ScanResult): boolean {
  return result.findings.some((finding) => finding.severity === "error" && !finding.suppressed);
}

function countWarnings(result: ScanResult): number {
  return result.findings.filter((finding) => finding.severity === "warning" && !finding.suppressed).length;
}
