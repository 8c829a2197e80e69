import { readFileSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { presetPackages } from "../../config/presets/packages.js";
import { ALWAYS_EXCLUDED, type PresetName, type RegistrySourceConfig, type ResolvedRegistrySource } from "../../config/schema.js";
import type { FlagDefinition } from "../../registry/definition.js";
import { languages } from "../../languages/index.js";
import { registryLoadersOf } from "../../registry/loaders.js";

/** A preset `init` turns on, and the evidence. */
export interface DetectedPreset {
  preset: PresetName;
  /** `package.json: @growthbook/growthbook`, `backend/requirements.txt: django-waffle`. */
  because: string;
  /** Where the evidence was: an npm manifest, or Python (requirements, pyproject, settings). */
  ecosystem: "npm" | "python";
}

/** A registry source `init` proposes: it was loaded and defines at least one flag. */
export interface DetectedRegistry {
  source: RegistrySourceConfig;
  flags: number;
  because: string;
}

const IGNORE = [...ALWAYS_EXCLUDED, "**/venv/**", "**/.venv/**", "**/site-packages/**", "**/__pycache__/**"];
/** Files under these folders describe tests, not the flags an app serves. */
const TEST_PATH = /(^|\/)(tests?|__tests__|__mocks__|fixtures|spec|e2e|cypress|playwright|stories)\//i;
/** Dot-folders hold tooling (`.github` issue templates, `.vscode`), not registries; `.featureFlags` is the exception. */
const TOOLING_PATH = /(^|\/)\.(?!featureFlags\/)[^/]+\//;
const FLAG_WORD = /flag|feature|toggle|^ff_/i;
const FLAG_EXPORT = /flag|feature|toggle/i;

async function glob(root: string, patterns: string[], deep = 6): Promise<string[]> {
  const files = await fg(patterns, { cwd: root, ignore: IGNORE, onlyFiles: true, dot: true, caseSensitiveMatch: false, deep });
  return files.filter((file) => !TEST_PATH.test(file) && !TOOLING_PATH.test(file)).sort();
}

function read(root: string, file: string): string {
  return readFileSync(path.join(root, file), "utf8");
}

/** PyPI names compare without case and with `-`, `_` and `.` alike (PEP 503). */
function normalizePypi(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** The presets that have packages, with them, in preset order. */
function presetEntries(): Array<[PresetName, { npm: readonly string[]; pypi: readonly string[] }]> {
  return Object.entries(presetPackages) as Array<[PresetName, { npm: readonly string[]; pypi: readonly string[] }]>;
}

/** The SDK presets whose packages the project's manifests depend on, in preset order. */
export async function detectPresets(root: string): Promise<DetectedPreset[]> {
  const found = new Map<PresetName, Omit<DetectedPreset, "preset">>();
  const note = (preset: PresetName, because: string, ecosystem: DetectedPreset["ecosystem"] = "python") => {
    if (!found.has(preset)) found.set(preset, { because, ecosystem });
  };
  for (const file of await glob(root, ["**/package.json"], 4)) {
    let pkg: Record<string, Record<string, string> | undefined>;
    try {
      pkg = JSON.parse(read(root, file));
    } catch {
      continue;
    }
    const names = new Set(["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"].flatMap((key) => Object.keys(pkg[key] ?? {})));
    for (const [preset, packages] of presetEntries())
      for (const name of packages.npm) if (names.has(name)) note(preset, `${file}: ${name}`, "npm");
  }
  const pythonManifests = await glob(root, ["**/requirements*.txt", "**/requirements/*.txt", "**/pyproject.toml", "**/Pipfile", "**/setup.cfg"], 4);
  for (const file of pythonManifests) {
    const text = normalizePypi(read(root, file));
    for (const [preset, packages] of presetEntries())
      for (const name of packages.pypi) {
        const pattern = new RegExp(`(^|["'\\s,\\[])${normalizePypi(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=\\s*([<>=!~;\\[,"'@]|$))`, "m");
        if (pattern.test(text)) note(preset, `${file}: ${name}`);
      }
  }
  // A Django project lists waffle in INSTALLED_APPS even when its requirements live elsewhere.
  if (!found.has("waffle"))
    for (const file of await glob(root, ["**/settings.py", "**/settings/*.py"], 4))
      if (/["']waffle["']/.test(read(root, file))) note("waffle", `${file}: INSTALLED_APPS has "waffle"`);
  return presetEntries().flatMap(([preset]) => (found.has(preset) ? [{ preset, ...found.get(preset)! }] : []));
}

/** Whether the project has JavaScript or TypeScript code (outside dependencies and build output). */
export async function hasJavaScript(root: string): Promise<boolean> {
  return (await glob(root, ["**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"], 4)).length > 0;
}

/** Sources that look like registries; each is kept only when its loader reads at least one flag from it. */
export async function detectRegistries(root: string): Promise<DetectedRegistry[]> {
  const candidates: Array<{ source: RegistrySourceConfig; because: string; keep?: (slugs: string[]) => boolean; byExport?: boolean }> = [];

  const flagFolders = new Set<string>();
  for (const file of await glob(root, ["**/.featureFlags/**/*.{json,yaml,yml}"])) {
    const folder = file.slice(0, file.indexOf(".featureFlags/") + ".featureFlags".length);
    if (flagFolders.has(folder)) continue;
    flagFolders.add(folder);
    for (const [type, ext] of [["json", "json"], ["yaml", "{yaml,yml}"]] as const)
      candidates.push({ source: { type, path: `${folder}/**/*.${ext}` }, because: "a .featureFlags folder" });
  }

  for (const file of await glob(root, ["**/*.{ts,tsx,mts,js,mjs}"])) {
    if (!FLAG_WORD.test(path.basename(file)) && !/(^|\/)(flags|features)\/index\.[jt]s$/.test(file)) continue;
    if (/\.(test|spec|stories)\./.test(file)) continue;
    const text = read(root, file);
    if (!/\benum\s+\w+|\bas\s+const\b/.test(text)) continue;
    candidates.push({ source: { type: "typescript", path: file }, because: "an enum or `as const` object of flag keys", byExport: true });
  }

  for (const file of await glob(root, ["**/*.py"])) {
    if (file.includes("/migrations/")) continue;
    const base = path.basename(file, ".py");
    const isFlagModule = /flag|feature|toggle/i.test(base) && !/^test_/.test(base);
    const isConstants = /^constants?$/.test(base) || /(^|\/)constants\//.test(file);
    if (!isFlagModule && !isConstants) continue;
    candidates.push({
      source: { type: "python", path: file },
      because: isFlagModule ? "a Python module of flag names" : "a constants module with flag-like names",
      // A constants module holds other strings too: only propose it when every string looks like a flag.
      keep: isFlagModule ? undefined : (slugs) => slugs.every((slug) => FLAG_WORD.test(slug)),
    });
  }

  const migrationDirs = new Set<string>();
  for (const file of await glob(root, ["**/migrations/*.py"]))
    if (/["']waffle["']\s*,\s*["'](Flag|Switch)["']|waffle\.(Flag|Switch)\b/.test(read(root, file))) migrationDirs.add(path.posix.dirname(file));
  for (const dir of migrationDirs) candidates.push({ source: { type: "django-migrations", path: `${dir}/*.py` }, because: "data migrations that create waffle flags" });

  for (const file of await glob(root, ["**/*.{json,yaml,yml}"], 5)) {
    const base = path.basename(file);
    if (file.includes(".featureFlags/") || /^(package|package-lock|tsconfig.*|composer|\.eslintrc.*)\.json$/i.test(base)) continue;
    if (base.endsWith(".json")) {
      const head = read(root, file).slice(0, 4000);
      if (/"model"\s*:\s*"waffle\.(flag|switch)"/.test(head)) {
        const environment = /\b(production|prod|staging|stage|development|dev|qa)\b/i.exec(base.replace(/[._-]/g, " "))?.[1]?.toLowerCase();
        const source: RegistrySourceConfig = { type: "waffle", path: file };
        if (environment) source.environment = { prod: "production", stage: "staging", dev: "development" }[environment] ?? environment;
        candidates.push({ source, because: "a waffle export (dumpdata)" });
        continue;
      }
    }
    if (!FLAG_WORD.test(base)) continue;
    candidates.push({ source: { type: base.endsWith(".json") ? "json" : "yaml", path: file }, because: "a flag file" });
  }

  const detected: DetectedRegistry[] = [];
  for (const [index, candidate] of candidates.entries()) {
    const definitions = await loadDefinitions(root, { ...candidate.source, index, name: candidate.source.path });
    if (candidate.byExport) {
      detected.push(...flagExports(candidate.source, definitions, candidate.because));
      continue;
    }
    const slugs = definitions.map((d) => d.flag);
    if (slugs.length === 0 || (candidate.keep && !candidate.keep(slugs))) continue;
    detected.push({ source: candidate.source, flags: new Set(slugs).size, because: candidate.because });
  }
  return nameSources(detected);
}

/** Gives each source a short unique name (`featureFlags`, `flags`), which reports and `mirrors` use. */
function nameSources(detected: DetectedRegistry[]): DetectedRegistry[] {
  const used = new Set<string>();
  return detected.map((entry) => {
    const parts = entry.source.path.replace(/\/\*.*$/, "").split("/");
    let name = entry.source.environment ?? parts[parts.length - 1]!.replace(/\.[^.]+$/, "");
    if (entry.source.type === "django-migrations") name = `${parts[parts.length - 2] ?? "app"}-migrations`;
    for (let i = parts.length - 2; used.has(name) && i >= 0; i--) name = `${parts[i]}-${name}`;
    used.add(name);
    return { ...entry, source: { ...entry.source, name } };
  });
}

/**
 * A module of enums and objects often holds other enums too (`PlusPriceType` next to `FeatureFlags`): keep
 * the exports whose name says flag, feature or toggle, each as its own source with `export`, or the whole
 * module when every export says so or the file is a flags module of plain constants.
 */
function flagExports(source: RegistrySourceConfig, definitions: readonly FlagDefinition[], because: string): DetectedRegistry[] {
  const byExport = new Map<string, Set<string>>();
  for (const definition of definitions) {
    const name = definition.constant?.includes(".") ? definition.constant.split(".")[0]! : "";
    byExport.set(name, (byExport.get(name) ?? new Set()).add(definition.flag));
  }
  const named = [...byExport].filter(([name]) => name !== "" && FLAG_EXPORT.test(name));
  if (named.length === byExport.size && named.length > 0) return [{ source, flags: new Set(definitions.map((d) => d.flag)).size, because }];
  if (named.length > 0) return named.map(([name, slugs]) => ({ source: { ...source, export: name }, flags: slugs.size, because: `the \`${name}\` export: ${because}` }));
  const plain = byExport.get("");
  if (plain !== undefined && byExport.size === 1 && /flag|toggle/i.test(path.basename(source.path))) return [{ source, flags: plain.size, because: "a module of flag constants" }];
  return [];
}

async function loadDefinitions(root: string, source: ResolvedRegistrySource): Promise<FlagDefinition[]> {
  const loader = registryLoadersOf(languages)[source.type];
  if (loader === undefined) return [];
  try {
    return (await loader(source, { root, configFile: undefined })).definitions;
  } catch {
    // Not a registry after all (or not one these loaders read): init proposes only what a scan can load.
    return [];
  }
}
