import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/load-config.js";
import type { UserConfig } from "../../src/config/schema.js";
import { languages } from "../../src/languages/index.js";
import { discoverFiles } from "../../src/scan/discover-files.js";
import { listUnparsedFiles } from "../../src/scan/unparsed-files.js";
import { WalkListings } from "../../src/scan/walk-listings.js";

// The walk for unparsed languages' files lists from the scan's own walk (walk-listings.ts): it must find
// exactly what a walk of the file system finds, whatever either walk's include and exclude.
describe("a walk reusing another walk's listings", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "flag-scan-listings-"));
    const files: Record<string, string> = {
      ".gitignore": "gen/\n",
      "src/a.ts": "", "src/b.go": "", "src/deep/c.rb": "", "src/deep/d.tsx": "", "src/.hidden/e.go": "",
      "services/pay/main.go": "", "services/pay/.gitignore": "skip.go\n", "services/pay/skip.go": "", "services/search/Main.java": "",
      "gen/x.go": "", "node_modules/m/y.go": "", "dist/z.go": "", "web/templates/page.html": "", "web/w.ts": "",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const relative = (files: string[]) => files.map((file) => path.relative(dir, file).split(path.sep).join("/"));

  const configs: UserConfig[] = [{}, { include: ["src/**/*.ts"] }, { include: ["**/*.ts"], exclude: ["services/search/**"] }, { include: ["web/**/*.{ts,html}", "src/**/*.ts"] }];
  for (const config of configs) {
    it(`listUnparsedFiles after a scan walk of ${JSON.stringify(config)}`, async () => {
      const resolved = resolveConfig(config, dir);
      const listings = new WalkListings();
      const scanned = await discoverFiles(resolved, [], [], undefined, { keep: listings });
      expect(scanned).toEqual(await discoverFiles(resolved));
      const reused = await listUnparsedFiles(resolved, languages, undefined, listings);
      const fresh = await listUnparsedFiles(resolved, languages);
      expect(relative(reused)).toEqual(relative(fresh));
    });
  }

  it("the default config finds the unparsed files the tree holds (the case is not empty)", async () => {
    const resolved = resolveConfig({}, dir);
    const listings = new WalkListings();
    await discoverFiles(resolved, [], [], undefined, { keep: listings });
    expect(relative(await listUnparsedFiles(resolved, languages, undefined, listings))).toEqual(["services/pay/main.go", "services/search/Main.java", "src/b.go", "src/deep/c.rb"]);
  });

  it("directories the first walk did not list are read from the file system", async () => {
    const listings = new WalkListings();
    await discoverFiles(resolveConfig({ include: ["src/**/*.ts"] }, dir), [], [], undefined, { keep: listings });
    const second = resolveConfig({ include: ["**/*.go"] }, dir);
    const reused = await discoverFiles(second, [], [], undefined, { reuse: listings });
    expect(relative(reused)).toEqual(["services/pay/main.go", "src/b.go"]);
    expect(reused).toEqual(await discoverFiles(second));
  });

  it("a listing that failed is not kept: the second walk asks the file system again", async () => {
    const calls: string[] = [];
    const inner = (directory: string, ...rest: unknown[]) => {
      calls.push(directory);
      const callback = rest.pop() as (error: Error | null, entries?: unknown) => void;
      if (directory === "/locked") callback(Object.assign(new Error("EACCES"), { code: "EACCES" }));
      else callback(null, [{ name: `in ${directory}` }]);
    };
    const listings = new WalkListings();
    const keeping = listings.keeping(inner);
    const answers: unknown[] = [];
    const list = (readdir: typeof inner, directory: string, options: unknown = { withFileTypes: true }) =>
      new Promise<void>((resolve) => readdir(directory, options, (error: Error | null, entries?: unknown) => (answers.push(error ? "error" : entries), resolve())));
    await list(keeping, "/a");
    await list(keeping, "/locked");
    // Names only (no file types): not kept, a listing of another kind.
    await list(keeping, "/names", {});
    const reusing = listings.reusing(inner);
    await list(reusing, "/a");
    await list(reusing, "/locked");
    await list(reusing, "/names");
    await list(reusing, "/other");
    expect(calls).toEqual(["/a", "/locked", "/names", "/locked", "/names", "/other"]);
    expect(answers).toEqual([[{ name: "in /a" }], "error", [{ name: "in /names" }], [{ name: "in /a" }], "error", [{ name: "in /names" }], [{ name: "in /other" }]]);
  });
});
