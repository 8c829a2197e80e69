import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { Random } from "../../bench/random.js";
import { loadConfig } from "../../src/config/load-config.js";
import { loadAndScan } from "../../src/engine.js";
import { loadAndScanCached } from "../../src/scan/result-cache.js";
import type { ProjectScan } from "../../src/scan/scan-project.js";

const fixture = fileURLToPath(new URL("../../fixtures/scan/resolution/across-files/", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of a fixture whose keys resolve across files (re-exports, `export *`, tsconfig paths, an enum registry). */
function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-cache-"));
  dirs.push(dir);
  cpSync(fixture, dir, { recursive: true });
  rmSync(path.join(dir, "expected.json"));
  // A learned wrapper and its callers, one of them through a constant of another file.
  writeFileSync(path.join(dir, "src", "wrap.ts"), WRAPPERS[0]!);
  writeFileSync(
    path.join(dir, "src", "gated.ts"),
    `import { useGate } from "./wrap";\nimport { CHECKOUT_FLAG } from "./constants";\nuseGate("ff_gate_a");\nuseGate(CHECKOUT_FLAG);\n`,
  );
  for (let i = 0; i < 6; i++) writeFileSync(path.join(dir, "src", `plain${i}.ts`), `isFeatureEnabled("ff_plain_${i}");\nexport const unrelated${i} = ${i};\n`);
  return dir;
}

/** Versions of src/wrap.ts: a wrapper, a wrapper of the second argument, no wrapper, a renamed one. */
const WRAPPERS = [
  `export function useGate(name: string) {\n  return isFeatureEnabled(name);\n}\n`,
  `export function useGate(_scope: string, name?: string) {\n  return isFeatureEnabled(name);\n}\n`,
  `export function useGate(_name: string) {\n  return isFeatureEnabled("ff_gate_fixed");\n}\n`,
  `export function useGateRenamed(name: string) {\n  return isFeatureEnabled(name);\n}\n`,
];

/** What a scan decides: everything but the reader function. */
function facts(scan: ProjectScan): unknown {
  return {
    references: scan.references,
    errors: scan.errors,
    stats: scan.stats,
    learnedAccessors: scan.learnedAccessors,
    registry: {
      bySlug: [...scan.registry.bySlug].map(([slug, definitions]) => [slug, definitions.map(({ source, ...d }) => ({ ...d, source: source.index }))]),
      constants: [...scan.registry.constants],
      files: scan.registry.files,
    },
  };
}

/**
 * A cached scan that must miss (or patch, as `cache` says), find `flag`, and decide exactly what a cold
 * scan of the project decides.
 */
async function expectLikeCold(
  dir: string,
  scan: () => Promise<Awaited<ReturnType<typeof loadAndScanCached>>>,
  flag: string | undefined,
  cache: "miss" | "patch" = "miss",
): Promise<Awaited<ReturnType<typeof loadAndScanCached>>> {
  const result = await scan();
  expect(result.cache).toBe(cache);
  if (flag !== undefined) expect(result.scan.references.map((r) => r.flag)).toContain(flag);
  expect(facts(result.scan)).toEqual(facts(await loadAndScan(await loadConfig({ cwd: dir }))));
  return result;
}

/** Runs `run` with timestamps trusted `ms` after they were taken (dir-stamps.ts), then restores the margin. */
async function withTimestampMargin(ms: number, run: () => Promise<void>): Promise<void> {
  const margin = process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS;
  process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = String(ms);
  try {
    await run();
  } finally {
    if (margin === undefined) delete process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS;
    else process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = margin;
  }
}

/** The outcome of a scan, or the error it failed with: a cached run must fail the same way. */
async function outcome(run: () => Promise<ProjectScan>): Promise<unknown> {
  try {
    return facts(await run());
  } catch (error) {
    return { error: String(error) };
  }
}

function sourceFiles(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((name) => {
      const full = path.join(d, name);
      return name === "node_modules" ? [] : statSync(full).isDirectory() ? walk(full) : /\.tsx?$/.test(name) ? [full] : [];
    });
  return walk(path.join(dir, "src")).sort();
}

/** Random edits of the kinds that change a result in another file than the one edited. */
const EDITS: Array<(dir: string, pick: <T>(list: T[]) => T, n: number) => string> = [
  (dir, pick, n) => {
    const file = pick(sourceFiles(dir));
    const text = readFileSync(file, "utf8");
    const literals = [...text.matchAll(/"ff_[a-z0-9_]+"/g)];
    if (literals.length === 0) return "no literal to change";
    const literal = pick(literals);
    writeFileSync(file, text.slice(0, literal.index) + `"ff_edit_${n}"` + text.slice((literal.index ?? 0) + literal[0].length));
    return `changed a key in ${path.relative(dir, file)}`;
  },
  (dir, _pick, n) => {
    writeFileSync(path.join(dir, "src", `extra${n}.ts`), `import { CHECKOUT_FLAG } from "./constants";\nisFeatureEnabled(CHECKOUT_FLAG);\nisFeatureEnabled("ff_extra_${n}");\n`);
    return `added src/extra${n}.ts`;
  },
  (dir, pick) => {
    const candidates = sourceFiles(dir).filter((f) => !f.endsWith(`${path.sep}flags.ts`));
    if (candidates.length === 0) return "nothing to delete";
    const file = pick(candidates);
    rmSync(file);
    return `deleted ${path.relative(dir, file)}`;
  },
  (dir, _pick, n) => {
    // `./constants` now resolves to this file instead of constants/index.ts: only an existence check sees it.
    writeFileSync(path.join(dir, "src", "constants.ts"), `export const CHECKOUT_FLAG = "ff_shadow_${n}";\nexport const SEARCH_FLAG = "ff_shadow_search";\n`);
    return "added src/constants.ts";
  },
  (dir) => {
    const file = path.join(dir, "src", "constants.ts");
    if (!existsSync(file)) return "no src/constants.ts";
    rmSync(file);
    return "deleted src/constants.ts";
  },
  (dir, pick) => {
    const file = path.join(dir, "tsconfig.json");
    writeFileSync(file, `{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["${pick(["src/*", "lib/*"])}"] } } }\n`);
    return "rewrote tsconfig paths";
  },
  (dir, _pick, n) => {
    const file = path.join(dir, "src", "flags.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace(/}\s*$/, `  EXTRA_${n} = "ff_registry_${n}",\n}\n`));
    return "added a registry entry";
  },
  (dir, _pick, n) => {
    mkdirSync(path.join(dir, "src", "constants"), { recursive: true });
    writeFileSync(path.join(dir, "src", "constants", "checkout.ts"), `export const CHECKOUT_FLAG = "ff_checkout_${n}";\n`);
    return "rewrote a constant two imports away";
  },
  (dir, pick) => {
    writeFileSync(path.join(dir, "src", "wrap.ts"), pick(WRAPPERS));
    return "rewrote the wrapper's definition";
  },
  (dir, pick) => {
    // An export removed (or restored): the constant its importers resolved is gone.
    const file = path.join(dir, "src", "constants", "index.ts");
    if (!existsSync(file)) return "no src/constants/index.ts";
    const lines = readFileSync(file, "utf8").split("\n");
    const line = pick([0, 1, 2]);
    const original = ['export * from "./checkout";', 'export { SEARCH as SEARCH_FLAG } from "./search";', 'export const FLAGS = Object.freeze({ dark: "ff_dark_mode", nested: { checkout: "ff_new_checkout" } });'][line]!;
    lines[line] = lines[line] === original ? "" : original;
    writeFileSync(file, lines.join("\n"));
    return `toggled export line ${line} of src/constants/index.ts`;
  },
  (dir, _pick, n) => {
    writeFileSync(path.join(dir, "src", "constants", "search.ts"), `import { FeatureFlags } from "../flags";\nexport const SEARCH = ${n % 2 === 0 ? "FeatureFlags.DARK_MODE" : `"ff_search_${n}"`};\n`);
    return "changed a constant's value in another file";
  },
  (dir, pick, n) => {
    const file = pick(sourceFiles(dir).filter((f) => /plain\d\.ts$/.test(f)));
    if (!file) return "no plain file";
    writeFileSync(file, `isFeatureEnabled("ff_plain_edit_${n}");\n`);
    return `rewrote ${path.relative(dir, file)}`;
  },
  () => "no change",
];

/**
 * With `stamped`, timestamps are trusted 20 ms after they were taken instead of 2 s and each step waits
 * 30 ms after its edit: the walks, globs, file reads and prefilter answers are then taken from stamps and
 * the prefilter memo (src/scan/dir-stamps.ts, prefilter-memo.ts), not from fresh reads.
 */
async function randomEdits(stamped: boolean): Promise<void> {
  const margin = process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS;
  if (stamped) process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = "20";
  try {
    await randomEditsWith(stamped ? () => new Promise((resolve) => setTimeout(resolve, 30)) : async () => {});
  } finally {
    if (margin === undefined) delete process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS;
    else process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = margin;
  }
}

async function randomEditsWith(settle: () => Promise<unknown>): Promise<void> {
    let reusedFiles = 0;
    let patches = 0;
    for (const seed of [1, 2, 3]) {
      const dir = project();
      if (seed === 3) {
        // Most files outside the scan: their edits reach the result only through imports and existence checks.
        const configFile = path.join(dir, "flag-scan.config.json");
        writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, "utf8")), include: ["src/use.ts", "src/extra*.ts"] }));
      }
      const location = path.join(dir, "node_modules", ".cache", "flag-scan");
      const generator = new Random(seed);
      const next = () => generator.next();
      const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T;
      await settle();
      const first = await loadAndScanCached(await loadConfig({ cwd: dir }), { location });
      expect(first.cache).toBe("miss");
      const again = await loadAndScanCached(await loadConfig({ cwd: dir }), { location });
      expect(again.cache).toBe("hit");
      expect(facts(again.scan)).toEqual(facts(first.scan));

      let hits = 0;
      for (let step = 0; step < 30; step++) {
        const done = pick(EDITS)(dir, pick, step);
        await settle();
        const config = await loadConfig({ cwd: dir });
        let cacheState = "failed";
        const cached = await outcome(async () => {
          const result = await loadAndScanCached(config, { location });
          cacheState = result.cache;
          reusedFiles += result.files?.reused ?? 0;
          return result.scan;
        });
        const cold = await outcome(() => loadAndScan(config));
        expect(cached, `seed ${seed}, step ${step}: ${done} (cache ${cacheState})`).toEqual(cold);
        if (cacheState === "hit") hits++;
        if (cacheState === "patch") patches++;
      }
      // "no change" steps (and edits that failed to apply) must be answered from the cache.
      expect(hits).toBeGreaterThan(0);
    }
    // After an edit, the files it did not touch are answered from their facts, not parsed again.
    expect(reusedFiles).toBeGreaterThan(0);
    // Edits of one file nothing else reads (a key in a plain file) are patched in, as exactly.
    expect(patches).toBeGreaterThan(0);
}

describe("flag-scan --cache (src/scan/result-cache.ts)", () => {
  it("answers from the cache when nothing changed, and exactly as a cold scan after random edits", async () => {
    await randomEdits(false);
  }, 60_000);

  it("the same when walks, reads and the prefilter are answered from stamps and the prefilter memo", async () => {
    await randomEdits(true);
  }, 90_000);

  it("a damaged facts or registry file costs only speed", async () => {
    const dir = project();
    const location = path.join(dir, ".cache");
    const config = await loadConfig({ cwd: dir });
    await loadAndScanCached(config, { location });
    writeFileSync(path.join(dir, "src", "plain0.ts"), `isFeatureEnabled("ff_after_damage");\n`);
    for (const name of readdirSync(location)) {
      const file = path.join(location, name);
      const entry = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      // Right format and key, wrong shape: what a hand edit or another tool's bug leaves.
      writeFileSync(file, JSON.stringify({ ...entry, entries: [{ file: "src/use.ts" }], dependencies: "x", registry: 1 }));
    }
    const cached = await outcome(async () => (await loadAndScanCached(config, { location })).scan);
    expect(cached).toEqual(await outcome(() => loadAndScan(config)));
  });

  it("checks a directory's stamp for the resolver's probes in it, and still sees a new file or a re-pointed symlink there", async () => {
    await withTimestampMargin(20, async () => {
      const dir = project();
      const configFile = path.join(dir, "flag-scan.config.json");
      writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, "utf8")), include: ["src/use.ts", "src/linked.ts"] }));
      // `./alias` is a symlink: what it resolves to can change without its directory changing.
      mkdirSync(path.join(dir, "lib"));
      writeFileSync(path.join(dir, "lib", "a.ts"), `export const ALIAS_FLAG = "ff_alias_a";\n`);
      writeFileSync(path.join(dir, "lib", "b.ts"), `export const ALIAS_FLAG = "ff_alias_b";\n`);
      symlinkSync(path.join(dir, "lib", "a.ts"), path.join(dir, "src", "alias.ts"));
      writeFileSync(path.join(dir, "src", "linked.ts"), `import { ALIAS_FLAG } from "./alias";\nisFeatureEnabled(ALIAS_FLAG);\n`);
      const location = path.join(dir, ".cache");
      await sleep(40);
      const scan = async () => loadAndScanCached(await loadConfig({ cwd: dir }), { location });
      expect((await scan()).cache).toBe("miss");
      const entryFile = readdirSync(location).find((name) => name.startsWith("scan-"))!;
      const entry = JSON.parse(readFileSync(path.join(location, entryFile), "utf8")) as { dependencies: Array<{ kind: string; path: string; facts?: Array<{ path: string }> }> };
      const covered = entry.dependencies.filter((fact) => fact.kind === "covered");
      // The probes of `./constants` (constants.ts, constants.tsx, ...) are one stamp of src/; the symlink is not covered.
      expect(covered.map((fact) => fact.path)).toContain("src");
      expect(covered.flatMap((fact) => fact.facts!.map((f) => f.path))).toContain("src/constants.ts");
      expect(covered.flatMap((fact) => fact.facts!.map((f) => f.path))).not.toContain("src/alias.ts");
      expect((await scan()).cache).toBe("hit");

      // A file appears where a probe found nothing: the directory's mtime moved.
      writeFileSync(path.join(dir, "src", "constants.ts"), `export const CHECKOUT_FLAG = "ff_shadow";\nexport const SEARCH_FLAG = "ff_s";\nexport const FLAGS = {};\n`);
      await sleep(40);
      await expectLikeCold(dir, scan, "ff_shadow");

      // The symlink re-pointed elsewhere (a rename over it in lib/ would not touch src/).
      rmSync(path.join(dir, "src", "alias.ts"));
      symlinkSync(path.join(dir, "lib", "b.ts"), path.join(dir, "src", "alias.ts"));
      await sleep(40);
      expect((await scan()).cache).toBe("miss");
      await sleep(40);
      expect((await scan()).cache).toBe("hit");
      renameSync(path.join(dir, "lib", "a.ts"), path.join(dir, "lib", "b.ts"));
      await sleep(40);
      await expectLikeCold(dir, scan, "ff_alias_a");
    });
  });

  it("stamps, on a hit, what the entry could check only by walking or hashing, and still sees a change after", async () => {
    // Long enough for the first scan to end within it, short enough to wait out.
    await withTimestampMargin(400, async () => {
      const dir = project();
      // A bare import: the resolver globs the tree for workspace packages.
      writeFileSync(path.join(dir, "src", "bare.ts"), `import { FLAG } from "some-package";\nisFeatureEnabled(FLAG);\n`);
      // Where the walk does not look (a cache directory it lists changes with every write).
      const location = path.join(dir, "node_modules", ".cache", "flag-scan");
      const scan = async () => loadAndScanCached(await loadConfig({ cwd: dir }), { location });
      type Entry = { dependencies: Array<{ kind: string; path?: string; stamps?: unknown[]; hash?: string | null; mtimeMs?: number }> };
      const entry = (): Entry => JSON.parse(readFileSync(path.join(location, readdirSync(location).find((name) => name.startsWith("scan-"))!), "utf8")) as Entry;
      const unstamped = (e: Entry) => e.dependencies.filter((fact) => (fact.kind === "glob" && !fact.stamps) || (fact.kind === "read" && fact.hash !== null && fact.mtimeMs === undefined));
      // Written right after the files: nothing is old enough to be trusted by its timestamps yet.
      expect((await scan()).cache).toBe("miss");
      const written = entry();
      expect(unstamped(written).map((fact) => fact.kind)).toEqual(expect.arrayContaining(["glob", "read"]));
      await sleep(450);
      expect((await scan()).cache).toBe("hit");
      const refreshed = entry();
      expect(unstamped(refreshed)).toEqual([]);
      expect(refreshed.dependencies.length).toBeLessThanOrEqual(written.dependencies.length);
      expect((await scan()).cache).toBe("hit");

      // What the walk and the hashes covered still counts: a new package.json, then an edit.
      mkdirSync(path.join(dir, "packages", "extra"), { recursive: true });
      writeFileSync(path.join(dir, "packages", "extra", "package.json"), `{ "name": "extra" }\n`);
      await sleep(450);
      expect((await scan()).cache).toBe("miss");
      writeFileSync(path.join(dir, "src", "plain0.ts"), `isFeatureEnabled("ff_after_refresh");\n`);
      await sleep(450);
      await expectLikeCold(dir, scan, "ff_after_refresh", "patch");
    });
  });

  it("patches in an edit of a few files, with the files whose results read them, exactly as a cold scan, and misses when it cannot", async () => {
    const dir = project();
    const location = path.join(dir, ".cache");
    const scan = async () => loadAndScanCached(await loadConfig({ cwd: dir }), { location });
    const src = (name: string) => path.join(dir, "src", name);
    expect((await scan()).cache).toBe("miss");

    writeFileSync(src("plain1.ts"), `isFeatureEnabled("ff_patched_a");\n`);
    await expectLikeCold(dir, scan, "ff_patched_a", "patch");
    // Patched again from the patched entry, and a hit after it.
    writeFileSync(src("plain1.ts"), `isFeatureEnabled("ff_patched_b");\nisFeatureEnabled("ff_patched_c");\n`);
    await expectLikeCold(dir, scan, "ff_patched_c", "patch");
    expect((await scan()).cache).toBe("hit");
    // Two files at once; one no longer mentions an accessor (counted, not parsed).
    writeFileSync(src("plain2.ts"), `isFeatureEnabled("ff_patched_d");\n`);
    writeFileSync(src("plain3.ts"), `export const nothing = 3;\n`);
    await expectLikeCold(dir, scan, "ff_patched_d", "patch");
    // A syntax error is reported as a cold scan reports it.
    writeFileSync(src("plain4.ts"), `isFeatureEnabled("ff_broken";\n`);
    await expectLikeCold(dir, scan, undefined, "patch");
    expect((await scan()).scan.errors.map((error) => error.file)).toContain("src/plain4.ts");
    // A file that now imports a constant: patched, and from then on its result rests on the constant's file.
    const extra = path.join(dir, "src", "constants", "extra.ts");
    writeFileSync(extra, `export const EXTRA_FLAG = "ff_extra_a";\n`);
    // (A new file is a miss: the discovered files changed.)
    await expectLikeCold(dir, scan, undefined);
    writeFileSync(src("plain3.ts"), `import { EXTRA_FLAG } from "./constants/extra";\nisFeatureEnabled(EXTRA_FLAG);\n`);
    await expectLikeCold(dir, scan, "ff_extra_a", "patch");
    // The constant changes: plain3.ts is scanned again with it, and its reference moves.
    writeFileSync(extra, `export const EXTRA_FLAG = "ff_extra_b";\n`);
    expect((await expectLikeCold(dir, scan, "ff_extra_b", "patch")).files).toEqual({ reused: 0, scanned: 2 });
    // No longer imported: the constant's file alone, then imported again, and its edit still reaches plain3.ts.
    writeFileSync(src("plain3.ts"), `isFeatureEnabled("ff_plain_3");\n`);
    await expectLikeCold(dir, scan, "ff_plain_3", "patch");
    writeFileSync(extra, `export const EXTRA_FLAG = "ff_extra_c";\n`);
    await expectLikeCold(dir, scan, undefined, "patch");
    writeFileSync(src("plain3.ts"), `import { EXTRA_FLAG } from "./constants/extra";\nisFeatureEnabled(EXTRA_FLAG);\n`);
    await expectLikeCold(dir, scan, "ff_extra_c", "patch");
    writeFileSync(extra, `export const EXTRA_FLAG = "ff_extra_d";\n`);
    await expectLikeCold(dir, scan, "ff_extra_d", "patch");

    // A constant gated.ts reads too: gated.ts calls the learned wrapper, so it is not scanned alone.
    writeFileSync(path.join(dir, "src", "constants", "checkout.ts"), `export const CHECKOUT_FLAG = "ff_checkout_moved";\n`);
    await expectLikeCold(dir, scan, "ff_checkout_moved");
    // A constant more files read than a patch scans again.
    const shared = path.join(dir, "src", "constants", "shared.ts");
    writeFileSync(shared, `export const SHARED_FLAG = "ff_shared_a";\n`);
    for (let i = 0; i < 17; i++) writeFileSync(src(`reader${i}.ts`), `import { SHARED_FLAG } from "./constants/shared";\nisFeatureEnabled(SHARED_FLAG);\n`);
    await expectLikeCold(dir, scan, "ff_shared_a");
    writeFileSync(shared, `export const SHARED_FLAG = "ff_shared_b";\n`);
    await expectLikeCold(dir, scan, "ff_shared_b");
    // The wrapper's definition taught the scan: other files' results rest on it.
    writeFileSync(src("wrap.ts"), WRAPPERS[3]!);
    await expectLikeCold(dir, scan, undefined);
    writeFileSync(src("wrap.ts"), WRAPPERS[0]!);
    await expectLikeCold(dir, scan, "ff_gate_a");
    // A file that now calls the learned wrapper, or now defines one.
    writeFileSync(src("plain5.ts"), `import { useGate } from "./wrap";\nuseGate("ff_through_gate");\n`);
    await expectLikeCold(dir, scan, "ff_through_gate");
    writeFileSync(src("plain0.ts"), `export function useOther(name: string) {\n  return isFeatureEnabled(name);\n}\nuseOther("ff_other");\n`);
    await expectLikeCold(dir, scan, "ff_other");
    // The registry file, and more files than a patch takes.
    writeFileSync(src("flags.ts"), readFileSync(src("flags.ts"), "utf8").replace(/}\s*$/, `  PATCHED = "ff_registry_patched",\n}\n`));
    await expectLikeCold(dir, scan, undefined);
    for (let i = 0; i < 9; i++) writeFileSync(src(`many${i}.ts`), `export {};\n`);
    await expectLikeCold(dir, scan, undefined);
    for (let i = 0; i < 9; i++) writeFileSync(src(`many${i}.ts`), `isFeatureEnabled("ff_many_${i}");\n`);
    await expectLikeCold(dir, scan, "ff_many_8");
  });

  it("never patches a file of a language that records no per-file facts", async () => {
    const dir = project();
    const configFile = path.join(dir, "flag-scan.config.json");
    const config = JSON.parse(readFileSync(configFile, "utf8")) as { accessors: unknown[] };
    writeFileSync(configFile, JSON.stringify({ ...config, accessors: [...config.accessors, { call: "flag_is_active", arg: 1, language: "python" }] }));
    mkdirSync(path.join(dir, "app"));
    const view = (flag: string) => `from waffle import flag_is_active\n\ndef view(request):\n    return flag_is_active(request, "${flag}")\n`;
    writeFileSync(path.join(dir, "app", "views.py"), view("ff_python_a"));
    const location = path.join(dir, ".cache");
    const scan = async () => loadAndScanCached(await loadConfig({ cwd: dir }), { location });
    expect((await scan()).cache).toBe("miss");
    writeFileSync(path.join(dir, "app", "views.py"), view("ff_python_b"));
    await expectLikeCold(dir, scan, "ff_python_b");
  });

  it("is a miss after an edit that only changes what an import resolves to", async () => {
    const dir = project();
    // Only use.ts is scanned: the new file below is not discovered, only the resolver's existence checks see it.
    const configFile = path.join(dir, "flag-scan.config.json");
    writeFileSync(configFile, JSON.stringify({ ...JSON.parse(readFileSync(configFile, "utf8")), include: ["src/use.ts"] }));
    const location = path.join(dir, ".cache");
    await loadAndScanCached(await loadConfig({ cwd: dir }), { location });
    writeFileSync(path.join(dir, "src", "constants.ts"), `export const CHECKOUT_FLAG = "ff_shadow";\nexport const SEARCH_FLAG = "ff_s";\nexport const FLAGS = {};\n`);
    const result = await loadAndScanCached(await loadConfig({ cwd: dir }), { location });
    expect(result.cache).toBe("miss");
    expect(result.scan.references.map((r) => r.flag)).toContain("ff_shadow");
  });
});
