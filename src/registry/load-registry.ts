import { compileConfigPattern } from "../config/safe-regex.js";
import type { ResolvedConfig, ResolvedRegistrySource } from "../config/schema.js";
import { ConfigError, RegistryError } from "../errors.js";
import type { FlagDefinition, FlagRegistry } from "./definition.js";
import { configLabel } from "./files.js";
import type { RegistryLoader, RegistryLoadContext } from "./loader.js";

/**
 * Loads every registry source of the config (in parallel) with the loader of its `type` (see
 * `registryLoadersOf`) and merges them: a flag defined by several
 * sources is one flag whose definitions are kept in source order.
 * @throws ConfigError for an unknown `type`, a bad `keyPattern` or a `path` that matches nothing;
 *   RegistryError for a malformed registry file, and for a source that yields no flag (unless
 *   `allowEmptySources`: the cleanup may itself have removed a source's last flag).
 */
export async function loadRegistry(
  config: ResolvedConfig,
  loaders: Partial<Record<string, RegistryLoader>>,
  options: { allowEmptySources?: boolean } = {},
): Promise<FlagRegistry> {
  const context: RegistryLoadContext = { root: config.root, configFile: config.configFile };
  // Check every source before reading any file, so a typo in the last one is not hidden behind slow I/O.
  const plans = config.registry.map((source) => ({
    source,
    load: loaderOf(source, loaders, context),
    keep: keyFilterOf(source, context),
  }));
  // Every source loads at once, but when several fail the first in config order is the one reported,
  // whichever finished first: the same broken config always gives the same message.
  const settled = await Promise.allSettled(plans.map(({ source, load }) => load(source, context)));
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  const results = settled.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<RegistryLoader>>>).value);

  const bySlug = new Map<string, FlagDefinition[]>();
  const constants = new Map<string, string>();
  const files = new Set<string>();
  results.forEach((result, i) => {
    const { keep, source, load } = plans[i]!;
    // A source that defines nothing would turn every check into a false `unknown-flag`: say so, and stop.
    const isEmpty = !result.definitions.some((definition) => keep(definition.flag));
    if (isEmpty && options.allowEmptySources !== true) throw emptySourceError(source, load, context);
    for (const definition of result.definitions) {
      if (!keep(definition.flag)) continue;
      const existing = bySlug.get(definition.flag);
      if (existing) existing.push(definition);
      else bySlug.set(definition.flag, [definition]);
      if (definition.constant !== undefined && !constants.has(definition.constant)) {
        constants.set(definition.constant, definition.flag);
      }
    }
    for (const file of result.files) files.add(file);
  });
  const problems = results.flatMap((result) => result.problems ?? []);
  return { sources: config.registry, bySlug, constants, files: [...files], ...(problems.length === 0 ? {} : { problems }) };
}

function loaderOf(
  source: ResolvedRegistrySource,
  loaders: Partial<Record<string, RegistryLoader>>,
  context: RegistryLoadContext,
): RegistryLoader {
  const loader = Object.hasOwn(loaders, source.type) ? loaders[source.type] : undefined;
  if (loader) return loader;
  throw new ConfigError(
    `registry[${source.index}].type "${source.type}" is not a known registry type (${configLabel(context)})`,
    `use one of: ${Object.keys(loaders).sort().join(", ")}`,
  );
}

function keyFilterOf(source: ResolvedRegistrySource, context: RegistryLoadContext): (flag: string) => boolean {
  if (source.keyPattern === undefined) return () => true;
  const pattern = compileConfigPattern(source.keyPattern, `registry[${source.index}].keyPattern`, configLabel(context));
  return (flag) => pattern.test(flag);
}

function emptySourceError(source: ResolvedRegistrySource, load: RegistryLoader, context: RegistryLoadContext): RegistryError {
  const filter = source.keyPattern === undefined ? "" : ` matching \`${source.keyPattern}\``;
  const exported = source.export === undefined ? "" : ` (export \`${source.export}\`)`;
  return new RegistryError(
    `registry[${source.index}] "${source.name}"${exported} yields no flags${filter} (${configLabel(context)})`,
    `a \`${source.type}\` source reads ${load.reads ?? "the flags its loader knows"}; ${load.readsExports === true ? "point `path`/`export` at such a declaration" : "point `path` at such a file"}`,
  );
}
