import { execFileSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { GitRepo } from "../helpers/git-repo.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const bin = join(repoRoot, "bin/flag-scan.js");

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  "working-directory"?: string;
}

const action = parse(readFileSync(join(repoRoot, "action.yml"), "utf8")) as { runs: { steps: Step[] } };
const docs = readFileSync(join(repoRoot, "docs/ci.md"), "utf8");

/** The YAML blocks of docs/ci.md's "A package in a monorepo" section, parsed. */
function monorepoBlocks(): unknown[] {
  const section = docs.slice(docs.indexOf("### A package in a monorepo"));
  const end = section.indexOf("\n## ", 1);
  return [...section.slice(0, end === -1 ? undefined : end).matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parse(match[1]!));
}

/**
 * A monorepo in a real git repository: the flag-scan config lives in packages/app, which checks one
 * defined and one undefined flag.
 */
function monorepo(): GitRepo {
  const repo = GitRepo.init().write({
    "package.json": JSON.stringify({ private: true, workspaces: ["packages/*"] }),
    "packages/app/package.json": JSON.stringify({ name: "app" }),
    "packages/app/flag-scan.config.json": JSON.stringify({
      accessors: [{ call: "isFeatureEnabled", arg: 0 }],
      registry: [{ type: "json", path: "flags.json" }],
    }),
    "packages/app/flags.json": '["ff_known"]\n',
    "packages/app/src/App.ts": [
      "declare function isFeatureEnabled(flag: string): boolean;",
      'export const a = isFeatureEnabled("ff_known");',
      'export const b = isFeatureEnabled("ff_typo");',
      "",
    ].join("\n"),
  });
  repo.git("add", "-A");
  repo.git("commit", "--quiet", "-m", "monorepo");
  // `npx --yes flag-scan ARGS` runs this checkout's built flag-scan, as npx would run the published one.
  repo.write({ ".bin/npx": `#!/bin/sh\nif [ "$1" = --yes ]; then shift; fi\nshift\nexec "${process.execPath}" "${bin}" "$@"\n` });
  chmodSync(join(repo.dir, ".bin/npx"), 0o755);
  return repo;
}

/** Runs a step's shell script as GitHub does (`bash -e`), in `cwd`, with a stubbed npx and the runner's variables. */
function runStep(repo: GitRepo, script: string, cwd: string, env: Record<string, string> = {}) {
  const output = join(repo.dir, ".github-output");
  const summary = join(repo.dir, ".step-summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  let stdout = "";
  let stderr = "";
  try {
    stdout = execFileSync("bash", ["-e", "-c", script], {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: `${join(repo.dir, ".bin")}:${process.env.PATH}`,
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: repo.dir,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        ...env,
      },
    });
  } catch (error) {
    // flag-scan exits 1 for the planted error; the script's output is what matters here.
    stdout = String((error as { stdout?: string }).stdout ?? "");
    stderr = String((error as { stderr?: string }).stderr ?? "");
  }
  expect(stderr).toBe("");
  return { stdout, outputs: readFileSync(output, "utf8"), summary: readFileSync(summary, "utf8") };
}

function expectRepositoryPaths(repo: GitRepo, annotations: string, sarifFile: string) {
  const lines = annotations.split("\n").filter((line) => line.startsWith("::"));
  expect(lines.filter((line) => line.includes("`ff_typo`"))).toEqual([
    expect.stringMatching(/^::error file=packages\/app\/src\/App\.ts,line=3,col=35,endLine=3,endColumn=44,title=flag-scan\/unknown-flag::`ff_typo` is not defined/),
  ]);
  for (const line of lines.filter((l) => l.includes(" file="))) expect(line).toMatch(/ file=packages\/app\//);
  const sarif = JSON.parse(readFileSync(sarifFile, "utf8"));
  const run = sarif.runs[0];
  expect(run.originalUriBaseIds["%SRCROOT%"].uri).toBe(`${pathToFileURL(repo.dir).href}/`);
  const locations = run.results.map((result: any) => result.locations[0].physicalLocation.artifactLocation);
  expect(locations).toContainEqual({ uri: "packages/app/src/App.ts", uriBaseId: "%SRCROOT%" });
  for (const location of locations) expect(location.uri).toMatch(/^packages\/app\//);
}

describe("GitHub Actions in a monorepo (config in packages/app)", () => {
  let repo: GitRepo;
  afterEach(() => repo.dispose());

  it("the action's scan step with `working-directory: packages/app` reports repository-relative paths", () => {
    repo = monorepo();
    const uses = monorepoBlocks().flatMap((block) => (Array.isArray(block) ? (block as Step[]) : []));
    const inputs = uses.find((step) => step.uses?.startsWith("flag-scan/flag-scan@"))!.with!;
    expect(inputs["working-directory"]).toBe("packages/app");
    const step = action.runs.steps.find((s) => s.id === "scan")!;
    const { stdout, outputs } = runStep(repo, step.run!, join(repo.dir, inputs["working-directory"]!), {
      FLAG_SCAN_VERSION: "",
      FLAG_SCAN_ARGS: "",
      FLAG_SCAN_CHANGED_SINCE: "",
      FLAG_SCAN_SARIF: "flag-scan.sarif",
    });
    expect(outputs).toContain("exit-code=1\n");
    expect(outputs).toContain(`sarif-file=${join(repo.dir, "packages/app/flag-scan.sarif")}\n`);
    expectRepositoryPaths(repo, stdout, join(repo.dir, "packages/app/flag-scan.sarif"));
  });

  it("the documented job with `defaults.run.working-directory` does the same, without GITHUB_WORKSPACE too", () => {
    repo = monorepo();
    const job = monorepoBlocks().find((block) => !Array.isArray(block)) as Record<string, { defaults: any; steps: Step[] }>;
    const { defaults, steps } = Object.values(job)[0]!;
    const cwd = join(repo.dir, defaults.run["working-directory"]);
    const scanSteps = steps.filter((step) => step.run?.includes("npx flag-scan"));
    expect(scanSteps).toHaveLength(1);
    const upload = steps.find((step) => step.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
    for (const env of [{}, { GITHUB_WORKSPACE: "" }] as Array<Record<string, string>>) {
      const { stdout, summary } = runStep(repo, scanSteps[0]!.run!, cwd, env);
      // upload-sarif resolves sarif_file against the repository root, not the job's working directory.
      expectRepositoryPaths(repo, stdout, join(repo.dir, upload.with!.sarif_file!));
      expect(summary).toContain("ff_typo");
    }
  });
});
