import fs, { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import type { ResolvedRegistrySource } from "../../src/config/schema.js";
import { ConfigError } from "../../src/errors.js";
import type { FlagDefinition, RegistryLoadResult } from "../../src/registry/definition.js";
import { loadRegistry } from "../../src/registry/load-registry.js";
import { loadAndScan, loadProjectRegistry } from "../../src/engine.js";
import { loadAndScanCached } from "../../src/scan/result-cache.js";
import type { RegistryLoadContext, RegistryLoader } from "../../src/registry/loader.js";
import { configWithRegistry, REGISTRY_FIXTURES } from "./helpers.js";

const root = path.join(REGISTRY_FIXTURES, "merge-sources");

/** A loader that defines `flags` (slug, constant) after `delayMs`, recording when it ran. */
function fakeLoader(flags: Array<[string, string?]>, delayMs: number, log: string[]): RegistryLoader {
  return async (source: ResolvedRegistrySource, context: RegistryLoadContext): Promise<RegistryLoadResult> => {
    log.push(`start ${source.path}`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    log.push(`end ${source.path}`);
    const file = path.join(context.root, source.path);
    const definitions: FlagDefinition[] = flags.map(([flag, constant], i) => ({
      flag,
      source,
      file: source.path,
      line: i + 1,
      column: 1,
      ...(constant === undefined ? {} : { constant }),
      metadata: {},
    }));
    return { definitions, files: [file] };
  };
}

describe("loadRegistry", () => {
  it("loads sources in parallel and merges them in source order", async () => {
    const log: string[] = [];
    const loaders = {
      typescript: fakeLoader([["ff_new_checkout", "FeatureFlags.NEW_CHECKOUT"], ["ff_dark_mode", "FeatureFlags.DARK_MODE"]], 30, log),
      python: fakeLoader([["ff_dark_mode", "DARK_MODE"], ["ff_new_checkout", "FeatureFlags.NEW_CHECKOUT"]], 1, log),
    };
    const config = configWithRegistry(root, [
      { type: "typescript", path: "src/flags.ts" },
      { type: "python", path: "backend/flags.py" },
    ]);
    const registry = await loadRegistry(config, loaders);

    expect(log).toEqual(["start src/flags.ts", "start backend/flags.py", "end backend/flags.py", "end src/flags.ts"]);
    expect([...registry.bySlug].map(([slug, definitions]) => [slug, definitions.map((d) => d.file)])).toEqual([
      ["ff_new_checkout", ["src/flags.ts", "backend/flags.py"]],
      ["ff_dark_mode", ["src/flags.ts", "backend/flags.py"]],
    ]);
    expect([...registry.constants]).toEqual([
      ["FeatureFlags.NEW_CHECKOUT", "ff_new_checkout"],
      ["FeatureFlags.DARK_MODE", "ff_dark_mode"],
      ["DARK_MODE", "ff_dark_mode"],
    ]);
    expect(registry.files).toEqual([path.join(root, "src/flags.ts"), path.join(root, "backend/flags.py")]);
    expect(registry.sources).toBe(config.registry);
  });

  it("rejects an unknown type before reading any source, listing the known ones", async () => {
    const log: string[] = [];
    const config = configWithRegistry(root, [
      { type: "json", path: "registry/flags.json" },
      { type: "toml" as "json", path: "flags.toml" },
    ]);
    const error = await loadRegistry(config, { json: fakeLoader([], 1, log), yaml: fakeLoader([], 1, log) }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe('registry[1].type "toml" is not a known registry type (flag-scan.config.json)');
    expect((error as ConfigError).hint).toBe("use one of: json, yaml");
    expect(log).toEqual([]);
  });

  it("does not take inherited object keys for registry types", async () => {
    const config = configWithRegistry(root, [{ type: "toString" as "json", path: "registry/flags.json" }]);
    await expect(loadRegistry(config, {})).rejects.toThrow('registry[0].type "toString" is not a known registry type');
  });

  it("fails a scan on a registry file that is not there before walking the tree, cached or not", async () => {
    // A config in a large directory (`-c /tmp/x.json`) once walked all of it before saying so.
    const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-missing-registry-"));
    try {
      mkdirSync(path.join(dir, "src"));
      writeFileSync(path.join(dir, "src", "a.ts"), 'isFeatureEnabled("ff_a");\n');
      const config = configWithRegistry(dir, [{ type: "json", path: "flags/missing.json" }]);
      const readdir = vi.spyOn(fs, "readdir");
      try {
        await expect(loadAndScan(config)).rejects.toThrow('registry[0].path "flags/missing.json" matches no file');
        await expect(loadAndScanCached(config, { location: path.join(dir, ".cache") })).rejects.toThrow('registry[0].path "flags/missing.json" matches no file');
        expect(readdir).not.toHaveBeenCalled();
        // A glob that matches nothing is still found, after the walk.
        await expect(loadAndScan(configWithRegistry(dir, [{ type: "json", path: "flags/*.json" }]))).rejects.toThrow('registry[0].path "flags/*.json" matches no file');
        expect(readdir).toHaveBeenCalled();
      } finally {
        readdir.mockRestore();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the config file relative to the root, or says there is none", async () => {
    const nested = configWithRegistry(root, [{ type: "json", path: "missing.json" }]);
    nested.configFile = path.join(root, "config", "flag-scan.config.mjs");
    await expect(loadProjectRegistry(nested)).rejects.toThrow('registry[0].path "missing.json" matches no file (config/flag-scan.config.mjs)');

    const programmatic = configWithRegistry(root, [{ type: "json", path: "missing.json" }]);
    programmatic.configFile = undefined;
    await expect(loadProjectRegistry(programmatic)).rejects.toThrow('registry[0].path "missing.json" matches no file (no config file)');
  });

  it("rejects an invalid keyPattern", async () => {
    const config = configWithRegistry(root, [{ type: "json", path: "registry/flags.json", keyPattern: "^feature_(" }]);
    await expect(loadProjectRegistry(config)).rejects.toThrow(
      /^registry\[0\]\.keyPattern is not a valid regular expression: .+ \(flag-scan\.config\.json\)$/,
    );
  });

  it("returns an empty registry when no source is configured", async () => {
    const registry = await loadProjectRegistry(configWithRegistry(root, []));
    expect(registry.bySlug.size).toBe(0);
    expect(registry.constants.size).toBe(0);
    expect(registry.files).toEqual([]);
  });
});
