import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const builtApi = fileURLToPath(new URL("../../../dist/src/languages/typescript/typescript-api.cjs", import.meta.url));
const temporary = mkdtempSync(path.join(tmpdir(), "flag-scan-code-cache-"));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

/** A fresh process that loads TypeScript through flag-scan, then through `require`, and parses a file. */
function load(env: Record<string, string> = {}) {
  const script = path.join(temporary, "load.cjs");
  writeFileSync(
    script,
    `const ts = require(${JSON.stringify(builtApi)});
const { typeScriptCodeCacheUse } = require(${JSON.stringify(builtApi.replace("typescript-api.cjs", "typescript-code-cache.cjs"))});
const direct = require(require.resolve("typescript", { paths: [${JSON.stringify(path.dirname(builtApi))}] }));
const file = ts.createSourceFile("a.ts", "export const a = isOn('x');", ts.ScriptTarget.Latest, true);
process.stdout.write(JSON.stringify({ same: ts === direct, statements: file.statements.length, version: ts.version, cache: typeScriptCodeCacheUse() }));`,
  );
  const result = spawnSync(process.execPath, [script], { env: { ...process.env, TMPDIR: temporary, NODE_DISABLE_COMPILE_CACHE: "", ...env }, encoding: "utf8" });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as { same: boolean; statements: number; version: string; cache: string };
}

describe("TypeScript through a V8 code cache", () => {
  it("writes the cache on the first load and uses it on the next, with the same module `require` returns", () => {
    const first = load();
    expect(first.cache).toBe("written");
    const cacheDir = path.join(temporary, `flag-scan-compile-cache-${process.getuid!()}`);
    const written = readdirSync(cacheDir);
    expect(written).toHaveLength(1);
    const second = load();
    expect(second).toEqual({ ...first, cache: "read" });
    expect(second).toMatchObject({ same: true, statements: 1 });
    expect(readdirSync(cacheDir)).toEqual(written);
  });

  it("falls back to compiling when the cache is corrupt, and replaces it", () => {
    load();
    const cacheDir = path.join(temporary, `flag-scan-compile-cache-${process.getuid!()}`);
    const [name] = readdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, name!), "not a code cache");
    expect(load()).toMatchObject({ same: true, statements: 1, cache: "replaced" });
    expect(load()).toMatchObject({ same: true, statements: 1, cache: "read" });
  });

  it("does not use a cache directory that others can write to (what it holds is run as code)", () => {
    const other = mkdtempSync(path.join(tmpdir(), "flag-scan-code-cache-shared-"));
    try {
      const cacheDir = path.join(other, `flag-scan-compile-cache-${process.getuid!()}`);
      mkdirSync(cacheDir);
      chmodSync(cacheDir, 0o777);
      const script = path.join(other, "load.cjs");
      writeFileSync(script, `require(${JSON.stringify(builtApi)});`);
      spawnSync(process.execPath, [script], { env: { ...process.env, TMPDIR: other, NODE_DISABLE_COMPILE_CACHE: "" } });
      expect(readdirSync(cacheDir)).toEqual([]);
      chmodSync(cacheDir, 0o700);
      spawnSync(process.execPath, [script], { env: { ...process.env, TMPDIR: other, NODE_DISABLE_COMPILE_CACHE: "" } });
      expect(readdirSync(cacheDir)).toHaveLength(1);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE", () => {
    const other = mkdtempSync(path.join(tmpdir(), "flag-scan-code-cache-off-"));
    try {
      const script = path.join(other, "load.cjs");
      writeFileSync(script, `require(${JSON.stringify(builtApi)});`);
      spawnSync(process.execPath, [script], { env: { ...process.env, TMPDIR: other, NODE_DISABLE_COMPILE_CACHE: "1" } });
      expect(readdirSync(other)).toEqual(["load.cjs"]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe("readSource (code-cache.cts)", () => {
  it("reads an all-ASCII file as its bytes and any other file as UTF-8", async () => {
    const { readSource } = await import("../../../src/code-cache.cjs");
    const ascii = path.join(temporary, "ascii.js");
    const other = path.join(temporary, "other.js");
    writeFileSync(ascii, 'var s = "plain";\n');
    writeFileSync(other, 'var s = "caf\u00e9 \u2713 \ud83d\ude80";\n');
    expect(readSource(ascii)).toBe('var s = "plain";\n');
    // Taken as latin1, each byte of a multi-byte character would be a character of its own.
    expect(readSource(other)).toBe('var s = "caf\u00e9 \u2713 \ud83d\ude80";\n');
    expect(readSource(require.resolve("typescript"))).toBe(readFileSync(require.resolve("typescript"), "utf8"));
  });
});
