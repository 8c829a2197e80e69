import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const repo = fileURLToPath(new URL("../../", import.meta.url));

/** The npm packages a fresh process holds after importing `entry` from the built package. */
function packagesLoadedBy(entry: string): string[] {
  const script = `
    const { createRequire } = await import("node:module");
    await import(${JSON.stringify(`${repo}${entry}`)});
    const names = Object.keys(createRequire(import.meta.url).cache)
      // ts-morph's bundled TypeScript is only a cache entry that points at the shared copy, not a load.
      .filter((file) => !file.endsWith("@ts-morph/common/dist/typescript.js"))
      .map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(file)?.[1]).filter(Boolean);
    process.stdout.write(JSON.stringify([...new Set(names)]));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repo, encoding: "utf8" });
  expect(child.stderr).toBe("");
  return JSON.parse(child.stdout) as string[];
}

/** Parsers, the rewriter's wrapper and database drivers: loaded only by the code that uses them. */
const HEAVY = ["ts-morph", "@ts-morph/common", "pg", "sql.js", "web-tree-sitter", "tree-sitter-python"];

describe("heavy modules load on demand", () => {
  it("importing flag-scan loads no parser, no ts-morph and no database driver", () => {
    const loaded = packagesLoadedBy("dist/src/index.js");
    expect(loaded).toContain("yaml");
    expect(loaded.filter((name) => [...HEAVY, "typescript"].includes(name))).toEqual([]);
  });

  it("importing the ESLint plugin loads TypeScript (its parser needs it) but nothing else heavy", () => {
    const loaded = packagesLoadedBy("dist/src/eslint/index.js");
    expect(loaded).toContain("@typescript-eslint/parser");
    expect(loaded.filter((name) => HEAVY.includes(name))).toEqual([]);
  });
});
