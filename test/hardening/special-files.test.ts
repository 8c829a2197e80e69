import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { writeTempProject } from "../helpers/temp-project.js";
import { expectCleanFailure, spawnCli, spawnCliAsync } from "./helpers.js";

const mkfifo = (file: string) => execFileSync("mkfifo", [file]);
const CLI = fileURLToPath(new URL("../../bin/flag-scan.js", import.meta.url));

describe("special files and encodings", () => {
  it("a directory that cannot be listed is named in errors and in the text report, and the scan goes on", () => {
    const dir = writeTempProject({ "src/a.ts": `isFeatureEnabled("ff_a");\n`, "src/secret/b.ts": `isFeatureEnabled("ff_b");\n` });
    chmodSync(path.join(dir, "src/secret"), 0o000);
    // Root reads any directory through two capabilities: drop them, so CI (root) meets the permission as a user would.
    const withoutOverride = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--inh-caps", "-dac_override,-dac_read_search", "--"];
    const prefix = process.getuid?.() === 0 ? withoutOverride : [];
    const run = (args: string[]) => spawnSync(prefix[0] ?? process.execPath, [...prefix.slice(1), ...(prefix.length > 0 ? [process.execPath] : []), CLI, ...args], { cwd: dir, encoding: "utf8" });
    try {
      const json = run(["--format", "json"]);
      expect(json.status, json.stderr).toBe(0);
      const result = JSON.parse(json.stdout) as { errors: Array<{ file: string; message: string }>; references: Array<{ flag: string }> };
      expect(result.errors).toEqual([{ file: "src/secret", message: "skipped: a directory that could not be listed (permission denied)" }]);
      expect(result.references.map((r) => r.flag)).toEqual(["ff_a"]);
      expect(run([]).stdout).toContain("skipped: a directory that could not be listed (permission denied)");
    } finally {
      chmodSync(path.join(dir, "src/secret"), 0o755);
    }
  });

  it("a FIFO named flag-scan.config.json is refused without being opened", () => {
    const dir = writeTempProject({ "src/a.ts": `isFeatureEnabled("ff_a");\n` });
    mkfifo(path.join(dir, "flag-scan.config.json"));
    expectCleanFailure(spawnCli([], dir), 2, /^ConfigError: .*flag-scan\.config\.json is a FIFO, not a regular file; it was not opened$/m);
  });

  it("a FIFO registry file is refused without being opened", () => {
    const dir = writeTempProject({ "flag-scan.config.json": JSON.stringify({ registry: [{ type: "json", path: "flags.json" }] }), "src/a.ts": "" });
    mkfifo(path.join(dir, "flags.json"));
    expectCleanFailure(spawnCli([], dir), 2, /^ConfigError: registry\[0\]\.path "flags\.json" is a FIFO, not a regular file; it was not opened \(flag-scan\.config\.json\)$/m);
  });

  it("a FIFO and a socket among the sources are skipped with a note, in errors and in the text report", async () => {
    const dir = writeTempProject({ "src/a.ts": `isFeatureEnabled("ff_a");\n` });
    mkfifo(path.join(dir, "src/pipe.ts"));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, "src/sock.js"), resolve));
    try {
      const json = await spawnCliAsync(["--format", "json"], dir);
      expect(json.code, json.stderr).toBe(0);
      const result = JSON.parse(json.stdout) as { errors: Array<{ file: string; message: string }>; references: Array<{ flag: string }> };
      expect(result.errors).toEqual([
        { file: "src/pipe.ts", message: "skipped: a FIFO, not a regular file (never opened)" },
        { file: "src/sock.js", message: "skipped: a socket, not a regular file (never opened)" },
      ]);
      expect(result.references.map((r) => r.flag)).toEqual(["ff_a"]);
      const text = await spawnCliAsync([], dir);
      expect(text.stdout).toContain("src/pipe.ts");
      expect(text.stdout).toContain("skipped: a FIFO, not a regular file (never opened)");
    } finally {
      server.close();
    }
  });

  it("UTF-16 files with a BOM and UTF-8 source holding a NUL are decoded and scanned; undecodable ones are listed", () => {
    const dir = writeTempProject({});
    const source = `// saved by a Windows editor\nisFeatureEnabled("ff_le");\n`;
    writeFileSync(path.join(dir, "le.ts"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, "utf16le")]));
    writeFileSync(path.join(dir, "be.ts"), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(source.replace("ff_le", "ff_be"), "utf16le").swap16()]));
    writeFileSync(path.join(dir, "blob.js"), Buffer.from([0x69, 0x73, 0, 0, 1, 2, 3]));
    // UTF-8 source with a raw NUL in a template literal (a key separator): text, scanned.
    writeFileSync(path.join(dir, "nul.ts"), `const key = \`\${"a"}\u0000\${"b"}\`;\nisFeatureEnabled("ff_nul");\n`);
    // The same bytes but not UTF-8 (a video saved as .ts is neither): binary.
    writeFileSync(path.join(dir, "video.ts"), Buffer.concat([Buffer.from(`isFeatureEnabled("ff_video");\0`), Buffer.from([0x47, 0xff, 0xfe, 0x10])]));
    const run = spawnCli(["--format", "json"], dir);
    const result = JSON.parse(run.stdout) as { errors: Array<{ file: string; message: string }>; references: Array<{ file: string; flag: string; line: number }> };
    expect(result.references.map((r) => [r.file, r.flag, r.line])).toEqual([
      ["be.ts", "ff_be", 2],
      ["le.ts", "ff_le", 2],
      ["nul.ts", "ff_nul", 2],
    ]);
    expect(result.errors).toEqual([
      { file: "blob.js", message: "skipped: binary content (NUL bytes) that is not UTF-8 or UTF-16 with a BOM" },
      { file: "video.ts", message: "skipped: binary content (NUL bytes) that is not UTF-8 or UTF-16 with a BOM" },
    ]);
  });
});
