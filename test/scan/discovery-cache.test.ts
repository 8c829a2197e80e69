import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Random } from "../../bench/random.js";
import { loadConfig } from "../../src/config/load-config.js";
import { loadAndScan } from "../../src/engine.js";
import { discoverFiles } from "../../src/scan/discover-files.js";
import { discoverFilesCached } from "../../src/scan/discovery-cache.js";
import { loadAndScanCached } from "../../src/scan/result-cache.js";
import type { ProjectScan } from "../../src/scan/scan-project.js";

// Timestamps are trusted 20 ms after they were taken instead of 2 s, and every step waits 30 ms before it
// scans: so the stamped paths (a walk answered from directory stamps, a file from mtime + ctime + size)
// are the ones these tests take, not the fallbacks that hash and walk.
const MARGIN = "FLAG_SCAN_TIMESTAMP_MARGIN_MS";
const before = process.env[MARGIN];
beforeAll(() => {
  process.env[MARGIN] = "20";
});
afterAll(() => {
  if (before === undefined) delete process.env[MARGIN];
  else process.env[MARGIN] = before;
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A whole second in the past (seconds since the epoch), which `utimes` sets back exactly. */
const ROUND_MTIME = Math.floor(Date.now() / 1000) - 100;

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-discovery-"));
  dirs.push(dir);
  writeFileSync(path.join(dir, "flag-scan.config.json"), JSON.stringify({ accessors: [{ call: "isFeatureEnabled", arg: 0 }] }));
  for (const sub of ["a", "b", "b/deep", "c"]) {
    mkdirSync(path.join(dir, "src", sub), { recursive: true });
    for (let i = 0; i < 3; i++) {
      const file = path.join(dir, "src", sub, `f${i}.ts`);
      writeFileSync(file, `isFeatureEnabled("ff_${sub.replace("/", "_")}_${i}");\n`);
      utimesSync(file, ROUND_MTIME, ROUND_MTIME);
    }
  }
  return dir;
}

function walk(dir: string, kind: "file" | "dir"): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      let isDir: boolean;
      try {
        isDir = statSync(full).isDirectory();
      } catch {
        continue;
      }
      if (isDir && name !== "node_modules") {
        if (kind === "dir") out.push(full);
        visit(full);
      } else if (!isDir && kind === "file") out.push(full);
    }
  };
  visit(path.join(dir, "src"));
  return out.sort();
}

/** Edits that change what discovery lists, and some that must not. */
const EDITS: Array<(dir: string, pick: <T>(list: T[]) => T, n: number) => string> = [
  (dir, pick, n) => {
    const into = pick(walk(dir, "dir"));
    writeFileSync(path.join(into, `new${n}.ts`), `isFeatureEnabled("ff_new_${n}");\n`);
    return `added a file in ${path.relative(dir, into)}`;
  },
  (dir, pick) => {
    const file = pick(walk(dir, "file"));
    if (!file) return "no file";
    rmSync(file);
    return `deleted ${path.relative(dir, file)}`;
  },
  (dir, pick, n) => {
    const from = pick(walk(dir, "dir"));
    if (!from) return "no dir";
    const to = path.join(path.dirname(from), `renamed${n}`);
    renameSync(from, to);
    return `renamed ${path.relative(dir, from)} to ${path.relative(dir, to)}`;
  },
  (dir, _pick, n) => {
    mkdirSync(path.join(dir, "src", `fresh${n}`, "inner"), { recursive: true });
    writeFileSync(path.join(dir, "src", `fresh${n}`, "inner", "x.ts"), `isFeatureEnabled("ff_fresh_${n}");\n`);
    return `added src/fresh${n}/inner/x.ts`;
  },
  (dir, pick) => {
    // The root .gitignore: rewritten (same directory, so only its own stamp tells) or removed.
    const file = path.join(dir, ".gitignore");
    const text = pick(["src/a/\n", "*1.ts\n", "src/b/deep\n", "new*.ts\n", "", null]);
    if (text === null) rmSync(file, { force: true });
    else writeFileSync(file, text);
    return text === null ? "removed .gitignore" : `wrote .gitignore ${JSON.stringify(text)}`;
  },
  (dir, pick) => {
    const into = pick(walk(dir, "dir"));
    writeFileSync(path.join(into, ".gitignore"), pick(["f0.ts\n", "*\n", "!f2.ts\n"]));
    return `wrote ${path.relative(dir, into)}/.gitignore`;
  },
  (dir, pick) => {
    const file = pick(walk(dir, "file"));
    if (!file) return "no file";
    rmSync(file);
    mkdirSync(file);
    writeFileSync(path.join(file, "inside.ts"), `isFeatureEnabled("ff_inside");\n`);
    return `replaced ${path.relative(dir, file)} by a directory`;
  },
  (dir, pick, n) => {
    const target = pick(walk(dir, "dir"));
    if (!target) return "no dir";
    symlinkSync(target, path.join(dir, "src", `link${n}`));
    return `linked src/link${n} to ${path.relative(dir, target)} (not followed)`;
  },
  (dir, pick, n) => {
    // A key of the same length, with the old mtime put back exactly (as `touch -r` or `cp -p` do): size
    // and mtime both say "unchanged". A file whose mtime is not the round one first gets it.
    const file = pick(walk(dir, "file").filter((f) => f.endsWith(".ts")));
    if (!file) return "no file";
    if (statSync(file).mtimeMs !== ROUND_MTIME * 1000) {
      utimesSync(file, ROUND_MTIME, ROUND_MTIME);
      return `set ${path.relative(dir, file)}'s mtime`;
    }
    const text = readFileSync(file, "utf8");
    const replaced = text.replace(/ff_[a-z0-9_]/, `ff_${String.fromCharCode(97 + (n % 26))}`);
    writeFileSync(file, replaced);
    utimesSync(file, ROUND_MTIME, ROUND_MTIME);
    return `edited ${path.relative(dir, file)} keeping its size and mtime`;
  },
  (dir, pick) => {
    const file = pick(walk(dir, "file").filter((f) => f.endsWith(".ts")));
    if (!file) return "no file";
    writeFileSync(file, `${readFileSync(file, "utf8")}isFeatureEnabled("ff_appended");\n`);
    return `appended to ${path.relative(dir, file)}`;
  },
  () => "no change",
];

const relative = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f));

describe("the discovery cache (src/scan/discovery-cache.ts)", () => {
  it("lists exactly what a walk lists after random edits, and skips the walk when nothing it saw changed", async () => {
    let stamped = 0;
    for (const seed of [11, 12, 13]) {
      const dir = project();
      const entry = path.join(dir, "node_modules", ".cache", "discovery.json");
      const generator = new Random(seed);
      const next = () => generator.next();
      const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T;
      for (let step = 0; step < 40; step++) {
        const done = step === 0 ? "first run" : pick(EDITS)(dir, pick, step);
        await settle();
        const config = await loadConfig({ cwd: dir });
        const special: unknown[] = [];
        const { files: cached, relative: cachedRelative } = await discoverFilesCached(config, [], special as never, entry, (how) => {
          if (how === "stamps") stamped++;
        });
        expect(cachedRelative).toEqual(relative(dir, cached));
        const coldSpecial: unknown[] = [];
        const cold = await discoverFiles(config, [], coldSpecial as never);
        expect(relative(dir, cached), `seed ${seed}, step ${step}: ${done}`).toEqual(relative(dir, cold));
        expect(special, `seed ${seed}, step ${step}: ${done}`).toEqual(coldSpecial);
      }
    }
    // Steps that changed nothing discovery sees (edits of a file's text, "no change") took the stamps.
    expect(stamped).toBeGreaterThan(10);
  }, 60_000);

  it("keeps a cached scan exact when the walk, the workspace glob and the file reads are answered from stamps", async () => {
    let hits = 0;
    for (const seed of [21, 22]) {
      const dir = project();
      const location = path.join(dir, "node_modules", ".cache", "flag-scan");
      const generator = new Random(seed);
      const next = () => generator.next();
      const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)] as T;
      for (let step = 0; step < 25; step++) {
        const done = step === 0 ? "first run" : pick(EDITS)(dir, pick, step);
        await settle();
        const config = await loadConfig({ cwd: dir });
        const cached = await loadAndScanCached(config, { location });
        if (cached.cache === "hit") hits++;
        const cold = await loadAndScan(config);
        expect(outcome(cached.scan), `seed ${seed}, step ${step}: ${done} (cache ${cached.cache})`).toEqual(outcome(cold));
      }
    }
    expect(hits).toBeGreaterThan(0);
  }, 60_000);
});

function outcome(scan: ProjectScan): unknown {
  return { references: scan.references, errors: scan.errors, stats: scan.stats, learnedAccessors: scan.learnedAccessors };
}

describe("--cache and the search of files flag-scan does not parse", () => {
  const fixture = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "..", "fixtures", "scan", "rules", "unused-read-in-unparsed-languages");
  const reads = (scan: ProjectScan) => (scan.readInUnparsedFiles ?? []).map((read) => `${read.flag}@${read.file}:${read.line}`).sort();

  it("answers the walk from stamps and still sees files added, edited and removed", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-unparsed-cache-"));
    dirs.push(dir);
    const { cpSync } = await import("node:fs");
    cpSync(fixture, dir, { recursive: true });
    const location = path.join(dir, ".cache-test");
    const step = async () => {
      await settle();
      const config = await loadConfig({ cwd: dir });
      const cached = await loadAndScanCached(config, { location, worker: false });
      const cold = await loadAndScan(config, { worker: false });
      expect(reads(cached.scan)).toEqual(reads(cold));
      return reads(cached.scan);
    };
    const first = await step();
    expect(first.some((read) => read.startsWith("paymentRetry@"))).toBe(true);
    expect(await step()).toEqual(first);
    // A new Go file in a new directory, then one next to an existing file: both walks must see them.
    mkdirSync(path.join(dir, "services", "pricing"), { recursive: true });
    writeFileSync(path.join(dir, "services", "pricing", "old.go"), 'package pricing\n\nconst key = "oldPricing"\n');
    expect(await step()).toContain("oldPricing@services/pricing/old.go:3");
    writeFileSync(path.join(dir, "services", "payments", "legacy.go"), 'package payments\n\nvar k = "mentionedUnquoted"\n');
    expect(await step()).toContain("mentionedUnquoted@services/payments/legacy.go:3");
    // An edit that drops the quoted key, in a directory whose listing did not change.
    const retry = path.join(dir, "services", "payments", "retry.go");
    writeFileSync(retry, readFileSync(retry, "utf8").replaceAll('"paymentRetry"', "paymentRetryName"));
    expect((await step()).some((read) => read.startsWith("paymentRetry@"))).toBe(false);
    rmSync(path.join(dir, "services", "pricing"), { recursive: true });
    expect((await step()).some((read) => read.startsWith("oldPricing@"))).toBe(false);
  });
});
