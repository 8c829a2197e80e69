import { spawnSync } from "node:child_process";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { writeTempProject } from "../helpers/temp-project.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const demo = path.join(repo, "fixtures/demo");
const builtPlugin = path.join(repo, "dist/src/eslint/index.js");

/** The newest modification time of the sources the build compiles. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  walk(path.join(repo, "src"));
  walk(path.join(repo, "rules"));
  return newest;
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: repo, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

interface EslintFileResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }>;
}

describe("the real eslint binary on fixtures/demo with flagScan.configs.recommended", () => {
  let eslint: EslintFileResult[];
  let cli: { findings: Array<{ rule: string; file?: string; line?: number; column?: number }>; errors: Array<{ file: string; line?: number }> };

  beforeAll(() => {
    const built = statSync(builtPlugin, { throwIfNoEntry: false });
    if (!built || built.mtimeMs < newestSource()) {
      const build = run("npm", ["run", "build"]);
      expect(build.status, build.stdout + build.stderr).toBe(0);
    }
    const dir = writeTempProject({});
    const configFile = path.join(dir, "eslint.config.mjs");
    writeFileSync(
      configFile,
      `import flagScan from ${JSON.stringify(pathToFileURL(builtPlugin).href)};\nexport default [flagScan.configs.recommended];\n`,
    );
    const linted = run(path.join(repo, "node_modules/.bin/eslint"), ["--config", configFile, "--format", "json", demo]);
    expect(linted.stdout, linted.stderr).toMatch(/^\[/);
    eslint = JSON.parse(linted.stdout) as EslintFileResult[];
    const scanned = run(process.execPath, ["bin/flag-scan.js", "fixtures/demo", "--format", "json"]);
    expect(scanned.status, scanned.stderr).toBe(1);
    cli = JSON.parse(scanned.stdout) as typeof cli;
  });

  it("reports the same findings as `flag-scan --format json` for the per-file rules", () => {
    const fromEslint = eslint.flatMap((file) =>
      file.messages
        .filter((message) => message.ruleId?.startsWith("flag-scan/"))
        .map((message) => `${message.ruleId!.slice("flag-scan/".length)} ${path.relative(demo, file.filePath).split(path.sep).join("/")}:${message.line}:${message.column}`),
    );
    const fromCli = cli.findings
      // Project rules and the Django backend (Python, templates) are the CLI's alone: ESLint lints JS/TS files one by one.
      .filter((finding) => !["unused-flag", "registry-mismatch"].includes(finding.rule) && /\.[cm]?[jt]sx?$/.test(finding.file ?? ""))
      .map((finding) => `${finding.rule} ${finding.file}:${finding.line}:${finding.column}`);
    expect(fromCli.length).toBeGreaterThanOrEqual(10);
    expect(new Set(fromCli.map((finding) => finding.split(" ")[0])).size).toBe(6);
    expect(fromEslint.sort()).toEqual(fromCli.sort());
  });

  it("reports the file with a syntax error as a fatal parse error, where the CLI lists it in errors", () => {
    const fatal = eslint.flatMap((file) =>
      file.messages.filter((message) => message.fatal).map((message) => `${path.relative(demo, file.filePath)}:${message.line}`),
    );
    expect(fatal).toEqual(["src/legacy/GiftCardBanner.tsx:10"]);
    expect(cli.errors.map((error) => `${error.file}:${error.line}`)).toEqual(["src/legacy/GiftCardBanner.tsx:10"]);
  });
});
