import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runCleanupCommand } from "../helpers/cli.js";
import { cleanup } from "../../src/cleanup/cleanup.js";
import { resolveConfig } from "../../src/config/load-config.js";

// The realistically shaped app of the fixture pairs: a dead page with its style, hook, test, story,
// snapshot and messages, a shared helper it alone used, and a file that was already dead.
const APP = fileURLToPath(new URL("../../fixtures/cleanup/deep/dead-page/input/", import.meta.url));
const CONFIG = { accessors: [{ call: "isEnabled" }] };

let project: string;
afterEach(() => rmSync(project, { recursive: true, force: true }));

function copyApp(): string {
  project = mkdtempSync(path.join(tmpdir(), "flag-scan-deep-"));
  cpSync(APP, project, { recursive: true });
  writeFileSync(path.join(project, "flag-scan.config.json"), JSON.stringify(CONFIG));
  return project;
}

const runCli = (argv: string[]) => runCleanupCommand(argv, project);

describe("deep cleanup", () => {
  it("says why each change beyond the flag's own sites was made, and --dry-run shows the deletions in the diff", async () => {
    copyApp();
    const { code, stdout } = await runCli(["cleanup", "ff_new_home", "--value", "on", "--dry-run"]);
    expect(code).toBe(0);
    expect(stdout).toContain("--- a/src/home/old/OldHome.tsx\n+++ /dev/null");
    expect(stdout).toContain("--- a/src/home/old/OldHome.module.scss\n+++ /dev/null");
    expect(stdout).toMatch(/deleted\s+src\/home\/old\/OldHome\.tsx\n\s+only imported by the removed branch of src\/home\/index\.tsx/);
    expect(stdout).toMatch(/deleted\s+src\/home\/old\/useOldData\.ts\n\s+only imported by src\/home\/old\/OldHome\.tsx, which the cleanup deletes/);
    expect(stdout).toMatch(/deleted\s+src\/home\/old\/OldHome\.test\.tsx\n\s+tests src\/home\/old\/OldHome\.tsx, which the cleanup deletes/);
    expect(stdout).toMatch(/modified\s+src\/i18n\/en\.json\n\s+message `home\.old\.title` only used by removed code/);
    expect(existsSync(path.join(project, "src/home/old/OldHome.tsx"))).toBe(true);
  });

  it("lists the reasons in the JSON summary and removes the folder left empty", async () => {
    copyApp();
    const { stdout } = await runCli(["cleanup", "ff_new_home", "--value", "on", "--format", "json"]);
    const json = JSON.parse(stdout) as { files: Array<{ file: string; status: string; reasons?: string[] }> };
    const format = json.files.find((f) => f.file === "src/shared/format.ts");
    expect(format).toMatchObject({ status: "modified", reasons: ["`formatLegacy` was only used by src/home/old/OldHome.tsx, which the cleanup deletes"] });
    expect(json.files.find((f) => f.file === "src/home/index.tsx")?.reasons).toBeUndefined();
    expect(existsSync(path.join(project, "src/home/old"))).toBe(false);
    expect(existsSync(path.join(project, "src/legacy/Orphan.tsx"))).toBe(true);
  });

  it("--shallow stops at the flag's own sites", async () => {
    copyApp();
    const { stdout } = await runCli(["cleanup", "ff_new_home", "--value", "on", "--format", "json", "--shallow"]);
    const json = JSON.parse(stdout) as { files: Array<{ file: string }> };
    expect(json.files.map((f) => f.file)).toEqual(["src/home/index.tsx"]);
    expect(existsSync(path.join(project, "src/home/old/OldHome.tsx"))).toBe(true);
  });

  it("leaves no new tsc --noEmit error in a type-checked project", async () => {
    copyApp();
    writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, jsx: "preserve", module: "esnext", moduleResolution: "bundler", resolveJsonModule: true, skipLibCheck: true, types: [] }, include: ["src"] }),
    );
    writeFileSync(path.join(project, "src/globals.d.ts"), 'declare module "*.scss" { const styles: Record<string, string>; export default styles; }\ndeclare function it(name: string, run: () => void): void;\ndeclare function expect(value: unknown): { toBeDefined(): void };\ndeclare namespace JSX { interface IntrinsicElements { [name: string]: unknown } }\n');
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    const errors = (): string[] => {
      try {
        execFileSync(process.execPath, [tsc, "-p", project, "--pretty", "false"], { encoding: "utf8" });
        return [];
      } catch (error) {
        return String((error as { stdout?: string }).stdout).split("\n").filter((line) => line.includes("error TS"));
      }
    };
    const before = errors();
    // The check can fail: the project type-checks clean before, and a deleted file still imported would be TS2307.
    expect(before).toEqual([]);
    const result = await cleanup({ flag: "ff_new_home", value: "on", config: resolveConfig(CONFIG, project) });
    expect(result.changes.filter((change) => change.status === "deleted").length).toBeGreaterThanOrEqual(6);
    const after = errors();
    expect(after.filter((line) => !before.includes(line))).toEqual([]);
    expect(readFileSync(path.join(project, "src/shared/format.ts"), "utf8")).not.toContain("formatLegacy");
  }, 60_000);
});
