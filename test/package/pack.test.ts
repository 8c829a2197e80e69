import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, unknown> & { version: string };
let work: string;
let app: string;
let files: string[];

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  // A clean environment for the child: no CI-only colours, no npm config inherited from the test runner's npm.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" };
  for (const key of Object.keys(env)) if (key.startsWith("npm_")) delete env[key];
  return spawnSync(command, args, { cwd, encoding: "utf8", env, timeout: 240_000 });
}

function ok(result: SpawnSyncReturns<string>): string {
  if (result.status !== 0) throw new Error(`exit ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * Packs the package as `npm publish` would and installs the tarball into a fresh project, with ESLint next
 * to it. Offline from npm's cache when it holds everything (this machine, a warm CI cache), else from the
 * registry: the only network the test may use.
 */
beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "flag-scan-pack-"));
  // The test setup built dist; --ignore-scripts keeps `prepare` from building it a second time.
  const packed = JSON.parse(ok(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], root))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  files = packed[0]!.files.map((file) => file.path).sort();
  const tarball = path.join(work, packed[0]!.filename);
  app = path.join(work, "app");
  mkdirSync(path.join(app, "src"), { recursive: true });
  writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  const installed = (name: string) => `${name}@${(JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version}`;
  // What an ESLint user has next to flag-scan (the README's install table): ESLint and typescript-eslint's parser.
  const install = ["install", tarball, installed("eslint"), installed("@typescript-eslint/parser"), "--no-audit", "--no-fund", "--no-package-lock"];
  const offline = run("npm", [...install, "--offline"], app);
  if (offline.status !== 0) ok(run("npm", [...install, "--prefer-offline"], app));
  writeFileSync(path.join(app, "flag-scan.config.json"), JSON.stringify({ registry: [{ type: "typescript", path: "src/flags.ts" }] }));
  writeFileSync(path.join(app, "src/flags.ts"), 'export enum Flags {\n  A = "ff_a",\n}\n');
  writeFileSync(
    path.join(app, "src/app.ts"),
    'import { Flags } from "./flags";\ndeclare function isFeatureEnabled(key: string): boolean;\nexport const a = isFeatureEnabled(Flags.A);\nexport const b = isFeatureEnabled("ff_gone");\n',
  );
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the npm package", () => {
  it("holds what users need and nothing else", () => {
    for (const needed of ["LICENSE", "README.md", "package.json", "bin/flag-scan.js", "dist/src/index.js", "dist/src/index.d.ts", "dist/src/eslint/index.js", "schema/flag-scan.schema.json", "docs/ci.md", "docs/django.md", "rules/unknown-flag.md"])
      expect(files).toContain(needed);
    expect(files.filter((file) => file.startsWith("dist/bench") || file.startsWith("bench/"))).toEqual([]);
    // Only the bin bundle's map, which names crash sites by their module (src/internal-error.ts) and is read only then.
    expect(files.filter((file) => file.endsWith(".map"))).toEqual(["dist/bundle/cli.cjs.map"]);
    expect(files).toContain("dist/bundle/cli.cjs");
    expect(files.filter((file) => /^(src|test|fixtures|scripts)\//.test(file) || /\.test\.|tsconfig|vitest/.test(file))).toEqual([]);
    // No source-map comment points at a file that is not shipped.
    const dangling = files.filter((file) => /\.c?js$/.test(file) && /sourceMappingURL=/.test(readFileSync(path.join(app, "node_modules/flag-scan", file), "utf8")));
    expect(dangling).toEqual([]);
  });

  it("has the fields npm shows, a LICENSE that matches them, and README links that resolve", () => {
    expect(manifest.license).toBe("MIT");
    expect(readFileSync(path.join(root, "LICENSE"), "utf8")).toMatch(/^MIT License\n/);
    expect(manifest.repository).toEqual({ type: "git", url: "git+https://github.com/flag-scan/flag-scan.git" });
    expect(manifest.homepage).toBe("https://github.com/flag-scan/flag-scan#readme");
    expect(manifest.bugs).toEqual({ url: "https://github.com/flag-scan/flag-scan/issues" });
    const readme = readFileSync(path.join(root, "README.md"), "utf8");
    const relative = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((target) => !/^[a-z]+:/.test(target));
    expect(relative.length).toBeGreaterThan(0);
    for (const target of relative) expect(files, `README links ${target}`).toContain(target.replace(/^\.\//, ""));
  });

  it("runs `npx flag-scan --help` and a scan", () => {
    const help = run("npx", ["--no-install", "flag-scan", "--help"], app);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("flag-scan init");
    const scan = run("npx", ["--no-install", "flag-scan", "--format", "json"], app);
    expect(scan.stderr).toBe("");
    expect(scan.status).toBe(1);
    const result = JSON.parse(scan.stdout) as { references: Array<{ flag: string }>; findings: Array<{ rule: string; flag: string }> };
    expect(result.references.map((r) => r.flag)).toEqual(["ff_a", "ff_gone"]);
    expect(result.findings.map((f) => `${f.rule} ${f.flag}`)).toEqual(["unknown-flag ff_gone"]);
  });

  it("runs the ESLint plugin", () => {
    writeFileSync(path.join(app, "eslint.config.js"), 'import flagScan from "flag-scan/eslint";\nexport default [flagScan.configs.recommended];\n');
    const lint = run("npx", ["--no-install", "eslint", "--format", "json", "src"], app);
    expect(lint.status).toBe(1);
    const [report] = (JSON.parse(lint.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>).filter((r) => r.filePath.endsWith("app.ts"));
    expect(report!.messages.map((m) => `${m.ruleId}:${m.line}`)).toEqual(["flag-scan/unknown-flag:4"]);
  });

  it("serves the library API to ESM (import) and CommonJS (require of the ESM package, Node >= 20.19)", () => {
    const probe = "const r = await scan({ cwd: process.cwd() }); console.log(JSON.stringify([typeof defineConfig, r.findings.map((f) => f.rule)]));";
    writeFileSync(path.join(app, "esm.mjs"), `import { scan, defineConfig } from "flag-scan";\n${probe}\n`);
    writeFileSync(
      path.join(app, "cjs.cjs"),
      `const { scan, defineConfig } = require("flag-scan");\n(async () => { ${probe} })();\n`,
    );
    for (const file of ["esm.mjs", "cjs.cjs"]) {
      const result = run("node", [file], app);
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(["function", ["unknown-flag"]]);
    }
  });
});
