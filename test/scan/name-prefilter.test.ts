import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdir as readdirAsync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fg from "fast-glob";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/load-config.js";
import { ALWAYS_EXCLUDED, type UserConfig } from "../../src/config/schema.js";
import { discoverFiles, type SpecialFile } from "../../src/scan/discover-files.js";
import { endsWithAny, literalTails } from "../../src/scan/name-prefilter.js";
import { literalWords, planSimpleWalk } from "../../src/scan/simple-walk.js";
import { WalkListings } from "../../src/scan/walk-listings.js";

describe("simple-walk.ts", () => {
  it("walks itself only the include shapes it knows, and takes fast-glob for the rest", () => {
    const options = { cwd: "/tmp", ignore: ["**/node_modules/**"], onlyFiles: true, followSymbolicLinks: false, suppressErrors: true, dot: false };
    expect(planSimpleWalk(fg, ["**/*.{ts,tsx}", "**/templates/**/*.html"], options)).toBeDefined();
    expect(planSimpleWalk(fg, ["src/**/*.ts"], options)).toBeUndefined();
    expect(planSimpleWalk(fg, ["**/*.ts", "src/index.ts"], options)).toBeUndefined();
    expect(planSimpleWalk(fg, ["**/*.ts"], { ...options, ignore: ["/abs/**"] })).toBeUndefined();
  });

  it("literalWords: only where every character is literal or a plain wildcard", () => {
    expect(literalWords("**/node_modules/**")).toEqual(["node_modules"]);
    expect(literalWords("**/*.min.js")).toEqual(["min", "js"]);
    expect(literalWords("**/some-dir/a?c/*.d.ts")).toEqual(["some-dir", "a", "c", "d", "ts"]);
    expect(literalWords("**/[a-c].ts")).toEqual([]);
    expect(literalWords("**/@(b|c).tsx")).toEqual([]);
    expect(literalWords("**/x\\y.ts")).toEqual([]);
    expect(literalWords("**/*")).toEqual([]);
  });
});

describe("literalTails", () => {
  it("is the literal text each pattern must end with", () => {
    expect(literalTails(["**/*.ts", "**/*.tsx", "**/*.min.js"])).toEqual([".ts", ".tsx", ".min.js"]);
    expect(literalTails(["**/templates/**/page.html", "src/index.ts"])).toEqual(["page.html", "index.ts"]);
    // Only what follows the last glob character counts: `[jt]s` ends with `s`, `*.?s` with `s`.
    expect(literalTails(["**/*.[jt]s"])).toEqual(["s"]);
    expect(literalTails(["**/*.?s", "**/x.ts"])).toEqual(["s", "x.ts"]);
  });

  it("rules nothing out when some pattern has no literal tail", () => {
    expect(literalTails(["**/*.ts", "src/**"])).toBeUndefined();
    expect(literalTails(["**/*"])).toBeUndefined();
    expect(literalTails(["src/"])).toBeUndefined();
    expect(literalTails(["**/*.@(ts|js)"])).toBeUndefined();
    expect(literalTails(["**/*.+(ts)"])).toBeUndefined();
    expect(literalTails(["**/*.{ts,js}"])).toBeUndefined();
    // An escape makes the literal text hard to tell.
    expect(literalTails(["**/a\\*.ts"])).toBeUndefined();
    expect(literalTails([])).toBeUndefined();
  });

  it("endsWithAny", () => {
    expect(endsWithAny("a.tsx", [".ts", ".tsx"])).toBe(true);
    expect(endsWithAny("a.ts.bak", [".ts"])).toBe(false);
  });
});

// discoverFiles drops files from fast-glob's listings and passes FIFOs as files: it must return exactly
// what fast-glob alone returned before, for any include and exclude.
describe("discoverFiles equals fast-glob alone", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "flag-scan-prefilter-"));
    const files = [
      "a.ts", "b.tsx", "c.js", "d.d.ts", "e.min.js", "f.json", "ts", ".ts", ".hidden.ts", "x.ts.bak", "page.html",
      "src/a.ts", "src/b.py", "src/c.vue", "src/skip/d.ts", "src/deep/er/e.ts", "src/deep/er/page.html", "src/index.ts",
      "src/templates/t.html", "src/templates/sub/u.html", "src/jinja2/v.html", "src/w.jinja", "src/x.j2",
      "src/.hidden/h.ts", ".storybook/s.ts", ".storybook/deep/s2.ts", "node_modules/m/i.ts", "src/node_modules/n.ts",
      "dist/o.js", "build/p.ts", "lib/a/q.ts", "lib/b/r.ts", "lib/c/s.ts", "weird name [1].ts", "(paren).ts",
      "src/go/main.go", "src/rb/x.rb", "dir.ts/inner.ts",
    ];
    for (const file of files) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), "");
    }
    symlinkSync(path.join(dir, "src/a.ts"), path.join(dir, "link.ts"));
    symlinkSync(path.join(dir, "src"), path.join(dir, "srclink"));
    execFileSync("mkfifo", [path.join(dir, "src/pipe.ts")]);
    execFileSync("mkfifo", [path.join(dir, "src/pipe.txt")]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** What discoverFiles returned before name-prefilter.ts: one fast-glob call, `onlyFiles: false`. */
  async function reference(config: UserConfig): Promise<{ files: string[]; special: SpecialFile[]; listed: string[] }> {
    const resolved = resolveConfig(config, dir);
    const listed: string[] = [];
    const readdir = (directory: string, ...rest: unknown[]) => {
      listed.push(directory);
      (readdirAsync as (...args: unknown[]) => void)(directory, ...rest);
    };
    const entries = await fg(resolved.include, {
      cwd: dir, ignore: [...ALWAYS_EXCLUDED, ...resolved.exclude], absolute: true, onlyFiles: false, objectMode: true,
      followSymbolicLinks: false, suppressErrors: true, dot: false, fs: { readdir: readdir as unknown as typeof readdirAsync },
    });
    const files: string[] = [];
    const special: SpecialFile[] = [];
    for (const { path: file, dirent } of entries) {
      if (dirent.isFile()) files.push(file);
      else if (dirent.isFIFO() || dirent.isSocket()) special.push({ file, kind: dirent.isFIFO() ? "a FIFO" : "a socket" });
    }
    return { files: files.sort(), special: special.sort((a, b) => a.file.localeCompare(b.file)), listed: listed.sort() };
  }

  const configs: UserConfig[] = [
    {},
    { include: ["src/**"] },
    { include: ["**/*"] },
    { include: ["**/*.ts"], exclude: ["**/skip/**"] },
    { include: ["**/*.[jt]s", "**/*.html"] },
    { include: ["**/{a,b}/*.ts", "lib/**/*.ts"], exclude: ["lib/c/**"] },
    { include: ["*.ts", "src/index.ts", "**/page.html"] },
    { include: ["**/.hidden/*.ts", ".storybook/**/*.ts"] },
    { include: ["src/**/*.@(ts|py)", "**/*.txt"] },
    { include: ["**/*.ts", "!src/deep/**"] },
    { include: ["**/*.ts/**"] },
    { include: ["**/weird name [[]1].ts", "**/(paren).ts", "**/*.{go,rb,java}"] },
    // Shapes simple-walk.ts walks itself (every include starts with `**/`), with exclusions of every kind.
    { include: ["**/*.ts"], exclude: ["**/skip/**", "**/*.min.js", "**/er", "src/deep/er/**"] },
    { include: ["**/*.{ts,tsx,js}", "**/templates/**/*.html"], exclude: ["**/.hidden/**", ".storybook/**", "**/d.d.ts"] },
    { include: ["**/*", "!**/lib/**"], exclude: ["**/*.json", "dir.ts"] },
    { include: ["**/.storybook/**/*.ts", "**/.*.ts", "**/*.j2"], exclude: ["**/s2.ts"] },
    { include: ["**/*.ts"], exclude: ["**/[a-c].ts", "**/@(b|c).tsx", "**/weird*", "**/*.{json,js}"] },
    { include: ["**/node_modules/**/*.ts", "**/src/**"], exclude: ["**/*.py"] },
  ];
  for (const config of configs) {
    it(JSON.stringify(config), async () => {
      const expected = await reference({ ...config, gitignore: false });
      const special: SpecialFile[] = [];
      const listings = new WalkListings();
      const files = await discoverFiles(resolveConfig({ ...config, gitignore: false }, dir), [], special, undefined, { keep: listings });
      expect(files).toEqual(expected.files);
      // The same directories listed (a directory that cannot be listed is reported: the same ones must be tried).
      expect(listings.directories().sort()).toEqual(expected.listed);
      expect(special.sort((a, b) => a.file.localeCompare(b.file))).toEqual(expected.special);
    });
  }

  it("the tree holds what the cases need (a FIFO found, files ruled out by name)", async () => {
    const expected = await reference({ include: ["**/*.ts"], gitignore: false });
    expect(expected.special.map((s) => path.basename(s.file))).toEqual(["pipe.ts"]);
    expect(expected.files.map((f) => path.relative(dir, f))).toContain("dir.ts/inner.ts");
    expect(expected.files.map((f) => path.relative(dir, f))).not.toContain("link.ts");
  });
});
