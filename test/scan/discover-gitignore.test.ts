import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/load-config.js";
import type { UserConfig } from "../../src/config/schema.js";
import { discoverFiles } from "../../src/scan/discover-files.js";
import { discoverFilesCached } from "../../src/scan/discovery-cache.js";

// The discovery walk takes `.gitignore` files from its own directory listings plus the directories above
// its base (one walk instead of a second `**/.gitignore` walk): these are the places that can hide them.
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-gitignore-"));
  dirs.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function discovered(dir: string, config: UserConfig): Promise<string[]> {
  const files = await discoverFiles(resolveConfig(config, dir));
  return files.map((file) => path.relative(dir, file).split(path.sep).join("/"));
}

describe("discovery and .gitignore files", () => {
  it("applies a .gitignore above the walk's base, nested ones, and one in a dot directory the include names", async () => {
    const dir = tree({
      ".gitignore": "src/gen/\n*.local.ts\n",
      "src/a.ts": "",
      "src/b.local.ts": "",
      "src/gen/c.ts": "",
      "src/deep/.gitignore": "skip.ts\n",
      "src/deep/skip.ts": "",
      "src/deep/keep.ts": "",
      ".storybook/.gitignore": "cache.ts\n",
      ".storybook/main.ts": "",
      ".storybook/cache.ts": "",
      "other/.gitignore": "*\n",
      "other/x.ts": "",
    });
    expect(await discovered(dir, { include: ["src/**"] })).toEqual(["src/a.ts", "src/deep/keep.ts"]);
    expect(await discovered(dir, { include: [".storybook/**", "src/deep/**"] })).toEqual([".storybook/main.ts", "src/deep/keep.ts"]);
    expect(await discovered(dir, { include: ["**/*.ts"] })).toEqual(["src/a.ts", "src/deep/keep.ts"]);
    expect(await discovered(dir, { include: ["src/**"], gitignore: false })).toEqual(["src/a.ts", "src/b.local.ts", "src/deep/keep.ts", "src/deep/skip.ts", "src/gen/c.ts"]);
  });

  it("sees a .gitignore created later above the walk's base, through the discovery cache", async () => {
    const margin = process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS;
    process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = "20";
    try {
      const dir = tree({ "src/a.ts": "", "src/gen/b.ts": "" });
      const config = resolveConfig({ include: ["src/**"] }, dir);
      const entry = path.join(dir, ".cache", "discovery.json");
      const settle = () => new Promise((resolve) => setTimeout(resolve, 40));
      const list = async () => {
        await settle();
        const ways: string[] = [];
        const { relative } = await discoverFilesCached(config, undefined, [], entry, (how) => ways.push(how));
        return { relative, way: ways[0] };
      };
      expect(await list()).toEqual({ relative: ["src/a.ts", "src/gen/b.ts"], way: "walk" });
      expect(await list()).toEqual({ relative: ["src/a.ts", "src/gen/b.ts"], way: "stamps" });
      writeFileSync(path.join(dir, ".gitignore"), "src/gen/\n");
      expect(await list()).toEqual({ relative: ["src/a.ts"], way: "walk" });
    } finally {
      if (margin === undefined) delete process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS;
      else process.env.FLAG_SCAN_TIMESTAMP_MARGIN_MS = margin;
    }
  });
});
