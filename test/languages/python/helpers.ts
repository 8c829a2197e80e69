import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import type { AccessorConfig, ResolvedConfig, ResolvedRegistrySource } from "../../../src/config/schema.js";
import { waffle } from "../../../src/config/presets/waffle.js";
import type { FlagRegistry } from "../../../src/registry/definition.js";
import type { ProjectContext } from "../../../src/languages/language.js";
import type { FlagReference, ScanError } from "../../../src/scan/reference.js";
import { djangoTemplateLanguage } from "../../../src/languages/django-template/index.js";
import { djangoTemplateScanner } from "../../../src/languages/django-template/template.js";
import { pythonLanguage } from "../../../src/languages/python/index.js";
import { pythonScanner } from "../../../src/languages/python/scanner.js";

export function resolvedConfig(root: string, overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    root,
    configFile: undefined,
    include: [],
    exclude: [],
    gitignore: false,
    registry: [],
    mirrors: [],
    accessors: waffle,
    presets: ["waffle"],
    naming: { pattern: /^ff_[a-z0-9_]+$/ },
    stale: { maxAgeDays: 90 },
    nesting: { maxDepth: 1 },
    rules: {},
    typeInformation: false,
    ...overrides,
  };
}

export function emptyRegistry(sources: ResolvedRegistrySource[] = []): FlagRegistry {
  return { sources, bySlug: new Map(), constants: new Map(), files: [] };
}

export function projectContext(root: string, accessors: AccessorConfig[] = waffle): ProjectContext {
  const cache = new Map<string, string | undefined>();
  return {
    root,
    config: resolvedConfig(root, { accessors }),
    registry: emptyRegistry(),
    readFile(file) {
      if (!cache.has(file)) {
        try {
          cache.set(file, readFileSync(file, "utf8"));
        } catch {
          cache.set(file, undefined);
        }
      }
      return cache.get(file);
    },
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : [full];
    });
}

/** Runs the Python and template scanners over every file of a directory, as the project scan would. */
export async function scanDirectory(
  root: string,
  accessors: AccessorConfig[] = waffle,
): Promise<{ references: FlagReference[]; errors: ScanError[] }> {
  const project = projectContext(root, accessors);
  const references: FlagReference[] = [];
  const errors: ScanError[] = [];
  for (const [language, scanner] of [[pythonLanguage, pythonScanner], [djangoTemplateLanguage, djangoTemplateScanner]] as const) {
    await scanner.prepare?.(project);
    const needles = language.needles(accessors);
    for (const file of walk(root)) {
      const relativePath = path.relative(root, file).split(path.sep).join("/");
      if (!language.extensions.includes(path.extname(file)) || (language.accepts && !language.accepts(relativePath))) continue;
      const text = project.readFile(file)!;
      if (!needles.some((needle) => text.includes(needle))) continue;
      const result = await scanner.scanFile({ path: file, relativePath, text }, project);
      references.push(...result.references);
      errors.push(...result.errors);
    }
  }
  return { references, errors };
}

/** A reference as scan fixtures list it: exact, and short enough to read. */
export function summarize(root: string, reference: FlagReference): Record<string, unknown> {
  const text = readFileSync(path.join(root, reference.file), "utf8");
  return {
    flag: reference.flag ?? null,
    at: `${reference.file}:${reference.line}:${reference.column}`,
    kind: reference.kind,
    check: text.slice(reference.checkRange.start, reference.checkRange.end),
    guards: reference.guards.map((guard) => `${guard.flag}@${guard.line}:${guard.column}`),
  };
}
