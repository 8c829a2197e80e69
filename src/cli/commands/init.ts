import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Argv, CommandModule } from "yargs";
import { allRules } from "../../../rules/index.js";
import { CONFIG_FILE_NAMES, loadConfig, resolveConfig } from "../../config/load-config.js";
import type { UserConfig } from "../../config/schema.js";
import { analyze } from "../../engine.js";
import { UsageError } from "../../errors.js";
import type { ScanResult } from "../../result.js";
import { loadAndScan } from "../../engine.js";
import { docsEpilog } from "../docs.js";
import type { CliIo } from "../io.js";
import { startProgress } from "../progress.js";
import { proposeNaming } from "../init/naming.js";
import { detectPresets, detectRegistries, hasJavaScript, type DetectedPreset, type DetectedRegistry } from "../init/detect.js";
import { exitCodeOf } from "./scan.js";

export interface InitArguments {
  dir?: string;
  yes?: boolean;
  quiet?: boolean;
}

/** Where the written config points its `$schema`: the copy inside the installed package. */
export const SCHEMA_REFERENCE = "./node_modules/flag-scan/schema/flag-scan.schema.json";

/**
 * `flag-scan init`: detects the SDK presets and the registries, writes `flag-scan.config.json`, runs a
 * first scan and prints what it found. Never overwrites a config (exit 2); else exits like the scan.
 */
export function initCommand(io: CliIo, setExitCode: (code: number) => void): CommandModule<object, InitArguments> {
  return {
    command: "init [dir]",
    describe: "Detect the flag SDKs and registries, write flag-scan.config.json and run a first scan",
    builder: (yargs: Argv) =>
      yargs
        .positional("dir", { describe: "The project directory (default: the current one)", type: "string" })
        .option("yes", { alias: "y", type: "boolean", default: false, describe: "Write the config without asking (non-interactive use)" })
        .example("$0 init", "Propose a config for this project and ask before writing it")
        .example("$0 init --yes", "Write it without asking (CI, scripts)")
        .epilog(docsEpilog("getting-started")) as unknown as Argv<InitArguments>,
    handler: async (args) => {
      setExitCode(await runInit(args, io));
    },
  };
}

export async function runInit(args: InitArguments, io: CliIo): Promise<number> {
  const root = path.resolve(io.cwd, args.dir ?? ".");
  if (!existsSync(root)) throw new UsageError(`directory \`${args.dir}\` does not exist`);
  const existing = CONFIG_FILE_NAMES.map((name) => path.join(root, name)).find((file) => existsSync(file)) ?? packageJsonConfig(root);
  if (existing !== undefined)
    throw new UsageError(
      `${path.relative(io.cwd, existing) || existing} ${existing.endsWith("package.json") ? 'already has a "flag-scan" config' : "already exists"}; init never overwrites a config`,
      "edit it, or delete it and run `flag-scan init` again",
    );
  const say = (text: string) => {
    if (!args.quiet) io.stdout(text);
  };

  const detecting = startProgress(io, "Looking for flag SDKs and registries...", { quiet: args.quiet });
  const [presets, registries, javascript] = await Promise.all([detectPresets(root), detectRegistries(root), hasJavaScript(root)]).finally(() =>
    detecting.done(),
  );
  const config = proposeConfig(presets, registries, javascript);
  const file = path.join(root, CONFIG_FILE_NAMES[0]);

  // The first scan runs before the config is written: the keys it finds tell the project's naming style.
  const started = performance.now();
  const scanning = startProgress(io, "Scanning...", { quiet: args.quiet });
  const scan = await loadAndScan(resolveConfig(config, root, file)).finally(() => scanning.done());
  const naming = proposeNaming([...scan.registry.bySlug.keys(), ...scan.references.flatMap((r) => (r.flag === undefined ? [] : [r.flag]))]);
  if (naming.pattern !== undefined) config.naming = { pattern: naming.pattern };
  say(describeProposal(presets, registries, config, naming.note));

  const text = `${JSON.stringify(config, null, 2)}\n`;
  if (!args.yes && io.confirm !== undefined) {
    say(`\n${text}`);
    if (!(await io.confirm(`Write ${path.relative(io.cwd, file) || file}?`))) {
      say("Nothing written.\n");
      return 0;
    }
  }
  writeFileSync(file, text, { flag: "wx" });
  say(`\nWrote ${path.relative(io.cwd, file) || file}.\n\n`);
  // Read back as any later run will: the report below is the one `flag-scan` prints with this file.
  const written = await loadConfig({ cwd: root, configFile: file });
  const result = analyze({ ...scan, config: written }, allRules, { durationMs: Math.round(performance.now() - started) });
  say(describeScan(result, path.relative(io.cwd, root)));
  return exitCodeOf(result);
}

/** package.json, when its `"flag-scan"` key holds the config (discovery reads it like a config file). */
function packageJsonConfig(root: string): string | undefined {
  const file = path.join(root, "package.json");
  try {
    return "flag-scan" in (JSON.parse(readFileSync(file, "utf8")) as object) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The config init writes: `$schema`, the presets (or the in-house default) and the registries found. */
export function proposeConfig(presets: readonly DetectedPreset[], registries: readonly DetectedRegistry[], hasJavaScript: boolean): UserConfig {
  const names = presets.map((p) => p.preset);
  // JavaScript code with no JavaScript SDK most often checks flags through in-house helpers of the shapes the
  // `flag-scan` preset knows (`isFeatureEnabled`, `<Feature flag>`).
  if (names.length === 0 || (hasJavaScript && !presets.some((p) => p.ecosystem === "npm"))) names.push("flag-scan");
  const config: UserConfig = { $schema: SCHEMA_REFERENCE, presets: names };
  config.registry = registries.map((r) => r.source);
  return config;
}

function describeProposal(presets: readonly DetectedPreset[], registries: readonly DetectedRegistry[], config: UserConfig, namingNote: string): string {
  const lines = ["SDKs:"];
  for (const p of presets) lines.push(`  ${p.preset.padEnd(13)} ${p.because}`);
  if (config.presets?.includes("flag-scan"))
    lines.push(`  ${"flag-scan".padEnd(13)} no JavaScript SDK found: in-house helpers (isFeatureEnabled, useCheckFeatureFlag, <Feature flag>)`);
  lines.push("Registries:");
  if (registries.length === 0) lines.push("  none found: every checked flag will be reported as unknown until you add one to `registry`");
  for (const r of registries)
    lines.push(`  ${r.source.type.padEnd(18)} ${r.source.path}  (${r.flags} flag${r.flags === 1 ? "" : "s"}: ${r.because}${r.source.environment ? `, environment ${r.source.environment}` : ""})`);
  lines.push("Naming:", `  ${namingNote}`);
  return `${lines.join("\n")}\n`;
}

function describeScan(result: ScanResult, dir: string): string {
  const target = dir === "" ? "" : ` ${dir}`;
  const checked = new Set(result.references.flatMap((r) => (r.flag === undefined ? [] : [r.flag])));
  const files = new Set(result.references.map((r) => r.file));
  const byRule = new Map<string, number>();
  for (const finding of result.findings) byRule.set(finding.rule, (byRule.get(finding.rule) ?? 0) + 1);
  const stale = result.flags.filter((flag) => flag.status === "stale");
  const lines = [
    `Found ${result.references.length} flag check${result.references.length === 1 ? "" : "s"} of ${checked.size} flag${checked.size === 1 ? "" : "s"} in ${files.size} of ${result.stats.filesDiscovered} files; ` +
      `${result.flags.filter((f) => f.definedIn.length > 0).length} flags defined in the registries.`,
  ];
  if (byRule.size === 0) lines.push("No problems found.");
  else lines.push(`Problems: ${[...byRule].map(([rule, count]) => `${count} ${rule}`).join(", ")}.`);
  if (result.errors.length > 0) lines.push(`${result.errors.length} file(s) could not be scanned: see the full report.`);
  const next: Array<[string, string]> = [[`npx flag-scan${target}`, "the full report"]];
  if (stale.length > 0) next.push(["npx flag-scan retire --dry-run", `${stale.length} stale flag${stale.length === 1 ? "" : "s"}: what can be removed now, and why not the rest`]);
  next.push(["npx flag-scan cleanup <flag> --value on|off --dry-run", "remove one flag"], ["flag-scan.config.json", "accessors, registries, rules: see the README"]);
  const width = Math.max(...next.map(([command]) => command.length));
  lines.push("", "Next:", ...next.map(([command, why]) => `  ${command.padEnd(width)}  ${why}`));
  return `${lines.join("\n")}\n`;
}
