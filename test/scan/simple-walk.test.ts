import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fg from "fast-glob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globSimpleSync } from "../../src/scan/simple-walk.js";

// globSimpleSync stands in for fast-glob's `sync` (the resolver's package.json listing): the same files,
// or undefined when it cannot be sure (a symbolic link fast-glob would follow, other options).
describe("globSimpleSync equals fast-glob's sync", () => {
  let dir: string;
  let linked: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "flag-scan-simple-sync-"));
    const files = [
      "package.json", "a/package.json", "a/b/package.json", "a/b/c/d/e/package.json", "a/b/c/d/e/f/package.json", "a/b/c/d/e/f/g/package.json",
      "node_modules/x/package.json", "packages/dist/package.json", "packages/build/y/package.json", ".hidden/package.json", "z/.git/package.json",
      "z/not-package.json", "z/package.json.bak", "z/mypackage.json", "w/package.json/inner.txt",
    ];
    for (const root of ["plain", "linked"]) {
      for (const file of files) {
        mkdirSync(path.dirname(path.join(dir, root, file)), { recursive: true });
        writeFileSync(path.join(dir, root, file), "{}");
      }
    }
    linked = path.join(dir, "linked");
    symlinkSync(path.join(linked, "a"), path.join(linked, "z", "link"));
    // Links to files (matched as the file), a broken one (not a file), none of them a directory.
    for (const root of ["plain", "linked"]) {
      symlinkSync(path.join(dir, root, "a/package.json"), path.join(dir, root, "z/package.json"));
      symlinkSync(path.join(dir, root, "a/package.json"), path.join(dir, root, "w/other.json"));
      symlinkSync(path.join(dir, root, "missing.json"), path.join(dir, root, "a/b/package.json.broken"));
      mkdirSync(path.join(dir, root, "v"), { recursive: true });
      symlinkSync(path.join(dir, root, "nowhere"), path.join(dir, root, "v/package.json"));
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ignore = ["**/node_modules/**", "**/.git/**", "**/dist/**", "**/build/**"];
  for (const deep of [1, 2, 3, 5, 6, 7, Infinity]) {
    it(`**/package.json, deep ${deep}`, () => {
      const options = { cwd: path.join(dir, "plain"), ignore, absolute: true, ...(deep !== Infinity && { deep }), suppressErrors: true };
      const simple = globSimpleSync(fg, "**/package.json", options);
      expect(simple).toBeDefined();
      expect(simple!.sort()).toEqual(fg.sync("**/package.json", options).sort());
    });
  }

  it("finds what the tree holds at each depth (the cases differ)", () => {
    const count = (deep: number) => globSimpleSync(fg, "**/package.json", { cwd: path.join(dir, "plain"), ignore, absolute: true, deep, suppressErrors: true })!.length;
    // Depth 2 and on: z/package.json, a link to a file, is found; v/package.json, a broken link, is not.
    expect([1, 2, 3, 6, 7].map(count)).toEqual([1, 3, 4, 5, 6]);
  });

  it("leaves a tree with a symbolic link, and other shapes or options, to fast-glob", () => {
    const options = { cwd: linked, ignore, absolute: true, deep: 6, suppressErrors: true };
    expect(globSimpleSync(fg, "**/package.json", options)).toBeUndefined();
    // fast-glob follows the link: a/… found again under z/link/….
    expect(fg.sync("**/package.json", options).some((file) => file.includes("/z/link/"))).toBe(true);
    const plain = { cwd: path.join(dir, "plain"), ignore, absolute: true, suppressErrors: true };
    expect(globSimpleSync(fg, ["package.json", "packages/*/package.json"], plain)).toBeUndefined();
    expect(globSimpleSync(fg, "**/package.json", { ...plain, absolute: false })).toBeUndefined();
    expect(globSimpleSync(fg, "**/package.json", { ...plain, followSymbolicLinks: false })).toBeUndefined();
    expect(globSimpleSync(fg, "**/package.json", { ...plain, onlyFiles: false })).toBeUndefined();
  });
});
