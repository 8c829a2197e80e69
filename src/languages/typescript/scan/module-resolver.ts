// Recorded file-system calls: the result cache replays them to know a cached scan still holds.
import { existsSync, globSync, isFileSync, readFileSync } from "../../../scan/tracked-fs.js";
import { createRequire } from "node:module";
import path from "node:path";
import ts from "../typescript-api.cjs";

// `yaml` (about 50 ms to load) is needed only for a pnpm-workspace.yaml: required then, not imported
// by every thread that resolves an import (the ESLint plugin's lint thread among them).
const require = createRequire(import.meta.url);

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".d.ts", ".js", ".jsx", ".mjs", ".cjs"];
const JS_TO_TS: Record<string, string[]> = {
  ".js": [".ts", ".tsx", ".d.ts"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

interface PathsConfig {
  /** Directory `paths` are relative to. */
  base: string;
  /** `baseUrl` marks the entry standing for `baseUrl` itself, tried after the best pattern. */
  paths: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[]; baseUrl?: boolean }>;
}

/**
 * Resolves import specifiers to project files the way a bundler would, without a TypeScript program:
 * relative paths (with `.js` -> `.ts` mapping and index files), tsconfig/jsconfig `baseUrl` and `paths`
 * (the nearest config of the importing file, following `extends`), and workspace packages by name.
 * node_modules are never entered: flags defined there are known through the registry instead.
 */
export class ModuleResolver {
  private readonly cache = new Map<string, string | undefined>();
  /**
   * A bare specifier (`react`, `@acme/flags`) resolves the same from every directory under one tsconfig:
   * cached per tsconfig, not per importing directory (each miss probes a score of file names).
   */
  private readonly bareCache = new Map<PathsConfig | undefined, Map<string, string | undefined>>();
  private readonly fileExistsCache = new Map<string, boolean>();
  private readonly tsconfigByDirectory = new Map<string, PathsConfig | undefined>();
  private workspacePackages: Map<string, string> | undefined;

  constructor(private readonly root: string) {}

  resolve(fromFile: string, specifier: string): string | undefined {
    const fromDirectory = path.dirname(fromFile);
    const key = `${fromDirectory}\0${specifier}`;
    if (this.cache.has(key)) return this.cache.get(key);
    const resolved = this.resolveUncached(fromDirectory, specifier);
    this.cache.set(key, resolved);
    return resolved;
  }

  private resolveUncached(fromDirectory: string, specifier: string): string | undefined {
    if (specifier.startsWith(".") || path.isAbsolute(specifier)) {
      return this.resolveAsFileOrDirectory(path.resolve(fromDirectory, specifier));
    }
    const paths = this.getPathsConfig(fromDirectory);
    let bare = this.bareCache.get(paths);
    if (!bare) this.bareCache.set(paths, (bare = new Map()));
    if (bare.has(specifier)) return bare.get(specifier);
    const resolved = this.resolveBare(paths, specifier);
    bare.set(specifier, resolved);
    return resolved;
  }

  private resolveBare(paths: PathsConfig | undefined, specifier: string): string | undefined {
    if (paths) {
      // As TypeScript does: only the best pattern is tried (an exact one, else the longest prefix before
      // the `*`), whatever the order they are written in; then `baseUrl`, then packages.
      const pattern = bestPathsPattern(paths.paths, specifier);
      const candidates = pattern ? [pattern] : [];
      const baseUrl = paths.paths.find((entry) => entry.baseUrl);
      if (baseUrl && baseUrl !== pattern) candidates.push(baseUrl);
      for (const entry of candidates) {
        const star = entry.wildcard ? specifier.slice(entry.prefix.length, specifier.length - entry.suffix.length) : "";
        for (const target of entry.targets) {
          const found = this.resolveAsFileOrDirectory(path.resolve(paths.base, target.replace("*", star)));
          if (found) return found;
        }
      }
    }
    return this.resolveWorkspacePackage(specifier);
  }

  private resolveAsFileOrDirectory(base: string): string | undefined {
    if (this.isFile(base) && !base.endsWith(".d.ts") && EXTENSIONS.some((e) => base.endsWith(e))) return base;
    const extension = path.extname(base);
    for (const replacement of JS_TO_TS[extension] ?? []) {
      const candidate = base.slice(0, -extension.length) + replacement;
      if (this.isFile(candidate)) return candidate;
    }
    for (const extensionToTry of EXTENSIONS) {
      if (this.isFile(base + extensionToTry)) return base + extensionToTry;
    }
    for (const extensionToTry of EXTENSIONS) {
      const index = path.join(base, `index${extensionToTry}`);
      if (this.isFile(index)) return index;
    }
    return this.isFile(base) ? base : undefined;
  }

  private isFile(file: string): boolean {
    let exists = this.fileExistsCache.get(file);
    if (exists === undefined) {
      exists = isFileSync(file) === true;
      this.fileExistsCache.set(file, exists);
    }
    return exists;
  }

  private getPathsConfig(directory: string): PathsConfig | undefined {
    if (this.tsconfigByDirectory.has(directory)) return this.tsconfigByDirectory.get(directory);
    let found: PathsConfig | undefined;
    const config = ["tsconfig.json", "jsconfig.json"].map((name) => path.join(directory, name)).find((file) => this.isFile(file));
    if (config) {
      found = readPathsConfig(config);
    } else {
      const parent = path.dirname(directory);
      const insideRoot = directory.startsWith(this.root) && directory !== this.root;
      found = insideRoot && parent !== directory ? this.getPathsConfig(parent) : undefined;
    }
    this.tsconfigByDirectory.set(directory, found);
    return found;
  }

  private resolveWorkspacePackage(specifier: string): string | undefined {
    const packages = this.getWorkspacePackages();
    const parts = specifier.split("/");
    const nameLength = specifier.startsWith("@") ? 2 : 1;
    const name = parts.slice(0, nameLength).join("/");
    const subpath = parts.slice(nameLength).join("/");
    const directory = packages.get(name);
    if (!directory) return undefined;
    if (subpath) {
      return this.resolveAsFileOrDirectory(path.join(directory, subpath)) ?? this.resolveAsFileOrDirectory(path.join(directory, "src", subpath));
    }
    const manifest = readJson(path.join(directory, "package.json")) as Record<string, unknown> | undefined;
    const entries = [manifest?.["source"], pickExport(manifest?.["exports"]), manifest?.["types"], manifest?.["module"], manifest?.["main"]];
    for (const entry of entries) {
      if (typeof entry !== "string") continue;
      const target = path.join(directory, entry);
      // Built entry points (dist/index.js) are excluded from scans; their sources usually sit in src/.
      const fromSource = target.replace(/[\\/](dist|build|lib|out)[\\/]/, `${path.sep}src${path.sep}`).replace(/\.d\.ts$|\.js$/, "");
      const found = this.resolveAsFileOrDirectory(fromSource) ?? this.resolveAsFileOrDirectory(target);
      if (found) return found;
    }
    return this.resolveAsFileOrDirectory(path.join(directory, "src", "index")) ?? this.resolveAsFileOrDirectory(path.join(directory, "index"));
  }

  /**
   * Lists the workspace packages now rather than at the first bare import: a walk of the tree (30 to 60 ms
   * on the real corpus) that a scan worker makes while it waits for its first files.
   */
  prepareWorkspacePackages(): void {
    this.getWorkspacePackages();
  }

  private getWorkspacePackages(): Map<string, string> {
    if (!this.workspacePackages) {
      this.workspacePackages = new Map();
      // The workspaces the repository declares, when it does: walking the whole tree for package.json
      // files costs as much as the scan's own discovery walk, in the parsing thread.
      const declared = readWorkspaceGlobs(this.root);
      const manifests = globSync(declared ? ["package.json", ...declared.map(toManifestGlob)] : "**/package.json", {
        cwd: this.root,
        ignore: ["**/node_modules/**", "**/.git/**", "**/dist/**", "**/build/**"],
        absolute: true,
        deep: declared ? Infinity : 6,
        suppressErrors: true,
      });
      manifests.sort();
      for (const manifest of manifests) {
        const name = (readJson(manifest) as { name?: unknown } | undefined)?.name;
        if (typeof name === "string" && !this.workspacePackages.has(name)) this.workspacePackages.set(name, path.dirname(manifest));
      }
    }
    return this.workspacePackages;
  }
}

/**
 * The package globs of npm/yarn `workspaces` (either form), `pnpm-workspace.yaml` or `lerna.json`, or
 * undefined when the repository declares none (a plain tree of packages: every package.json is a package).
 */
function readWorkspaceGlobs(root: string): string[] | undefined {
  const manifest = readJson(path.join(root, "package.json")) as { workspaces?: unknown } | undefined;
  const workspaces = manifest?.workspaces;
  const npm = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
  const pnpm = readYamlPackages(path.join(root, "pnpm-workspace.yaml"));
  const lerna = (readJson(path.join(root, "lerna.json")) as { packages?: unknown } | undefined)?.packages;
  const globs = [npm, pnpm, lerna].flatMap((list) => (Array.isArray(list) ? list.filter((glob): glob is string => typeof glob === "string") : []));
  return globs.length > 0 ? globs : undefined;
}

function readYamlPackages(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    const { parse } = require("yaml") as typeof import("yaml");
    return (parse(readFileSync(file, "utf8")) as { packages?: unknown } | null)?.packages;
  } catch {
    return undefined;
  }
}

/** A workspace glob as the glob of its packages' manifests; `!dir` keeps excluding that directory. */
function toManifestGlob(glob: string): string {
  const negated = glob.startsWith("!");
  const body = (negated ? glob.slice(1) : glob).replace(/^\.\//, "").replace(/\/+$/, "");
  return `${negated ? "!" : ""}${body}/package.json`;
}

function pickExport(exports: unknown): unknown {
  if (typeof exports === "string") return exports;
  if (!exports || typeof exports !== "object") return undefined;
  const root = (exports as Record<string, unknown>)["."] ?? exports;
  if (typeof root === "string") return root;
  if (!root || typeof root !== "object") return undefined;
  for (const condition of ["source", "types", "import", "default", "require"]) {
    const value = pickExport((root as Record<string, unknown>)[condition]);
    if (typeof value === "string") return value;
  }
  return undefined;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

type PathsEntry = PathsConfig["paths"][number];

/** The `paths` pattern TypeScript applies to `specifier`: an exact match, else the longest wildcard prefix. */
function bestPathsPattern(entries: PathsEntry[], specifier: string): PathsEntry | undefined {
  let best: PathsEntry | undefined;
  for (const entry of entries) {
    if (entry.baseUrl) continue;
    if (!entry.wildcard) {
      if (specifier === entry.prefix) return entry;
      continue;
    }
    const matches = specifier.length >= entry.prefix.length + entry.suffix.length && specifier.startsWith(entry.prefix) && specifier.endsWith(entry.suffix);
    if (matches && (!best || entry.prefix.length > best.prefix.length)) best = entry;
  }
  return best;
}

/** Reads `baseUrl`/`paths` from a tsconfig, following `extends` (relative or package). */
function readPathsConfig(configFile: string, depth = 0): PathsConfig | undefined {
  const { config } = ts.readConfigFile(configFile, (file) => (existsSync(file) ? readFileSync(file, "utf8") : undefined));
  if (!config || depth > 5) return undefined;
  const options = (config as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } }).compilerOptions ?? {};
  let inherited: PathsConfig | undefined;
  const extendsList = ([] as unknown[]).concat((config as { extends?: unknown }).extends ?? []);
  for (const parent of extendsList) {
    if (typeof parent !== "string") continue;
    const parentFile = parent.startsWith(".") ? path.resolve(path.dirname(configFile), parent.endsWith(".json") ? parent : `${parent}.json`) : undefined;
    if (parentFile && existsSync(parentFile)) inherited = readPathsConfig(parentFile, depth + 1) ?? inherited;
  }
  const directory = path.dirname(configFile);
  if (!options.paths && !options.baseUrl) return inherited;
  const base = options.baseUrl ? path.resolve(directory, options.baseUrl) : (inherited?.base ?? directory);
  const paths: PathsEntry[] = options.paths
    ? Object.entries(options.paths).map(([pattern, targets]) => {
        const star = pattern.indexOf("*");
        return {
          prefix: star === -1 ? pattern : pattern.slice(0, star),
          suffix: star === -1 ? "" : pattern.slice(star + 1),
          wildcard: star !== -1,
          targets,
        };
      })
    : (inherited?.paths ?? []).filter((entry) => !entry.baseUrl);
  // `baseUrl` is inherited like `paths`; the entry standing for it is rebuilt rather than copied.
  if (options.baseUrl || inherited?.paths.some((entry) => entry.baseUrl)) paths.push({ prefix: "", suffix: "", wildcard: true, targets: ["*"], baseUrl: true });
  return { base, paths };
}
