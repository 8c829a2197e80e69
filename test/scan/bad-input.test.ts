import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.js";
import { writeTempProject } from "../helpers/temp-project.js";

describe("bad input never stops a scan", () => {
  it("survives symlink loops and links that point nowhere", async () => {
    const dir = writeTempProject({ "src/a.ts": `isFeatureEnabled("ff_a");\n` });
    mkdirSync(path.join(dir, "src/loop"));
    symlinkSync(path.join(dir, "src"), path.join(dir, "src/loop/back"));
    symlinkSync(path.join(dir, "nowhere.ts"), path.join(dir, "src/dangling.ts"));
    const result = await scan({ cwd: dir, config: {} });
    expect(result.references.map((r) => `${r.file}:${r.flag}`)).toEqual(["src/a.ts:ff_a"]);
  });

  it("reports a huge generated file that mentions an accessor instead of parsing it", async () => {
    const dir = writeTempProject({ "src/a.ts": `isFeatureEnabled("ff_a");\n` });
    writeFileSync(path.join(dir, "src/bundle.js"), `isFeatureEnabled("ff_b");\n${"x = 1;\n".repeat(400_000)}`);
    const result = await scan({ cwd: dir, config: {} });
    expect(result.errors).toEqual([{ file: "src/bundle.js", message: "skipped: larger than 2 MiB (generated?)" }]);
    expect(result.references.map((r) => r.flag)).toEqual(["ff_a"]);
  });

  it("reads files with a BOM, CRLF line endings or invalid UTF-8 and reports 1-based positions", async () => {
    const dir = writeTempProject({});
    writeFileSync(path.join(dir, "a.ts"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`x;\r\n  isFeatureEnabled("ff_a");\r\n`)]));
    writeFileSync(path.join(dir, "b.ts"), Buffer.concat([Buffer.from("// \xff\xfe bad bytes\n", "latin1"), Buffer.from(`isFeatureEnabled("ff_b");\n`)]));
    const result = await scan({ cwd: dir, config: {} });
    expect(result.references.map((r) => [r.file, r.flag, r.line, r.column])).toEqual([
      ["a.ts", "ff_a", 2, 20],
      ["b.ts", "ff_b", 2, 18],
    ]);
    expect(result.errors).toEqual([]);
  });
});
