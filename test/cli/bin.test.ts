import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.js";
import { writeTempProject } from "../helpers/temp-project.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));

/** The one test that runs flag-scan as a user does: the built bin, in a child process, with a worker thread. */
describe("bin/flag-scan.js", () => {
  it("scans the demo like the in-process API and exits 1 for its planted errors", async () => {
    const child = spawnSync(process.execPath, ["bin/flag-scan.js", "fixtures/demo", "--format", "json"], { cwd: repo, encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.status).toBe(1);
    const fromBin = JSON.parse(child.stdout);
    const inProcess = await scan({ cwd: `${repo}fixtures/demo` });
    expect(fromBin.references).toEqual(JSON.parse(JSON.stringify(inProcess.references)));
    expect(fromBin.findings).toEqual(JSON.parse(JSON.stringify(inProcess.findings)));
    expect(fromBin.errors).toEqual(inProcess.errors);
  });

  it("prints help and exits 0", () => {
    const child = spawnSync(process.execPath, ["bin/flag-scan.js", "--help"], { cwd: repo, encoding: "utf8" });
    expect(child.status).toBe(0);
    expect(child.stdout).toContain("flag-scan cleanup <flag>");
  });

  it("exits 2 with a one-line error on a usage mistake", () => {
    const child = spawnSync(process.execPath, ["bin/flag-scan.js", "fixtures/demo", "--format", "yaml"], { cwd: repo, encoding: "utf8" });
    expect(child.status).toBe(2);
    expect(child.stderr.split("\n")[0]).toMatch(/^UsageError: unknown --format "yaml"/);
  });

  it("keeps the scan's exit code, and reports no crash, when the reader closes the pipe early (`| head`)", async () => {
    // Far more report than a pipe holds: the writes after the reader is gone fail with EPIPE.
    const checks = Array.from({ length: 4000 }, (_, i) => `isFeatureEnabled("ff_not_defined_${i}");`).join("\n");
    const dir = writeTempProject({
      "src/app.ts": `${checks}\n`,
      "flags.json": '{ "flags": ["ff_defined"] }\n',
      "flag-scan.config.json": JSON.stringify({ presets: ["flag-scan"], registry: [{ type: "json", path: "flags.json" }] }),
    });
    const child = spawn(process.execPath, [path.join(repo, "bin", "flag-scan.js"), "--format", "json"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const first = await new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString("utf8"))));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(first.startsWith("{")).toBe(true);
    expect(stderr).not.toContain("crashed");
    // 4,000 unknown flags: error-severity findings, so 1, as the whole report would have said.
    expect(code).toBe(1);
  }, 30_000);

  it("compiles its bundle through a V8 code cache, and the cached code still imports packages and an .mjs config", () => {
    const dir = writeTempProject({
      "src/app.ts": `isFeatureEnabled("ff_defined");\nisFeatureEnabled("ff_missing");\n`,
      "flags.json": '{ "flags": ["ff_defined"] }\n',
      // Loaded by `import()` of its URL, as yargs and fast-glob are by package name.
      "flag-scan.config.mjs": `export default { presets: ["flag-scan"], registry: [{ type: "json", path: "flags.json" }] };\n`,
    });
    const temporary = mkdtempSync(path.join(tmpdir(), "flag-scan-bin-cache-"));
    try {
      const run = (env: Record<string, string> = {}) => {
        const child = spawnSync(process.execPath, [path.join(repo, "bin", "flag-scan.js"), "--format", "json"], {
          cwd: dir,
          encoding: "utf8",
          env: { ...process.env, TMPDIR: temporary, NODE_DISABLE_COMPILE_CACHE: "", ...env },
        });
        // The report but for its duration.
        return { status: child.status, stderr: child.stderr, stdout: child.stdout.replace(/"durationMs": \d+/, '"durationMs": 0') };
      };
      const cacheDir = path.join(temporary, `flag-scan-compile-cache-${process.getuid!()}`);
      const bundleCaches = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((name) => name.startsWith("cli_cjs-")) : []);
      const first = run();
      expect(first.stderr).toBe("");
      expect(first.status).toBe(1);
      expect(JSON.parse(first.stdout).findings.map((f: { flag: string }) => f.flag)).toContain("ff_missing");
      const [written] = bundleCaches();
      expect(written).toBeDefined();
      const writtenAt = statSync(path.join(cacheDir, written!)).mtimeMs;
      const second = run();
      expect(second).toEqual(first);
      // Read, not replaced: V8 took the code from it.
      expect(bundleCaches()).toEqual([written]);
      expect(statSync(path.join(cacheDir, written!)).mtimeMs).toBe(writtenAt);

      rmSync(cacheDir, { recursive: true, force: true });
      const off = run({ NODE_DISABLE_COMPILE_CACHE: "1" });
      expect(off).toEqual(first);
      expect(bundleCaches()).toEqual([]);
    } finally {
      rmSync(temporary, { recursive: true, force: true });
    }
  });

  describe("the bundle it runs (dist/bundle/cli.cjs, scripts/bundle-cli.mjs)", () => {
    const bundle = path.join(repo, "dist", "bundle", "cli.cjs");

    it("names, for each module's own URL, its file in dist, which exists", () => {
      const text = readFileSync(bundle, "utf8");
      expect(text).not.toContain("import.meta");
      const named = [...text.matchAll(/__flagScanModuleUrl\("([^"]+)"\)/g)].map((match) => match[1]!);
      // The scan worker's URL, package.json's, createRequire's: about a dozen modules use their own URL.
      expect(named.length).toBeGreaterThan(5);
      for (const relative of named) expect(existsSync(path.join(path.dirname(bundle), relative)), relative).toBe(true);
    });

    it("loads no npm package until it is used", () => {
      // A bundler that hoists the packages' `require`s to the top would load ts-morph, yaml and fast-glob on every run.
      const child = spawnSync(
        process.execPath,
        ["-e", `require(${JSON.stringify(bundle)}); console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes("node_modules"))))`],
        { cwd: repo, encoding: "utf8" },
      );
      expect(child.stderr).toBe("");
      expect(JSON.parse(child.stdout)).toEqual([]);
    });
  });
});
