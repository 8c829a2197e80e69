import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}

const action = parse(readFileSync(new URL("../../action.yml", import.meta.url), "utf8")) as {
  runs: { using: string; steps: Step[] };
};

describe("action.yml", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the action's scan step under bash with a stub `npx` that records its arguments and exits with `code`. */
  function runScanStep(env: Record<string, string>, code: number) {
    dir = mkdtempSync(join(tmpdir(), "flag-scan-action-"));
    writeFileSync(join(dir, "npx"), `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/args"\nexit ${code}\n`);
    chmodSync(join(dir, "npx"), 0o755);
    const output = join(dir, "github-output");
    writeFileSync(output, "");
    const step = action.runs.steps.find((s) => s.id === "scan")!;
    execFileSync("bash", ["-e", "-c", step.run!], {
      cwd: dir,
      env: {
        PATH: `${dir}:${process.env.PATH}`,
        GITHUB_OUTPUT: output,
        FLAG_SCAN_VERSION: "",
        FLAG_SCAN_ARGS: "",
        FLAG_SCAN_CHANGED_SINCE: "",
        FLAG_SCAN_SARIF: "flag-scan.sarif",
        ...env,
      },
    });
    return {
      args: readFileSync(join(dir, "args"), "utf8").trimEnd().split("\n"),
      outputs: readFileSync(output, "utf8"),
    };
  }

  it("is a composite action that runs flag-scan once for SARIF and annotations, then uploads the SARIF", () => {
    expect(action.runs.using).toBe("composite");
    const { args, outputs } = runScanStep({}, 0);
    expect(args).toEqual(["--yes", "flag-scan", "--format", "sarif", "--output", "flag-scan.sarif", "--format", "github"]);
    expect(outputs).toBe(`exit-code=0\nsarif-file=${dir}/flag-scan.sarif\n`);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))!;
    expect(upload.with).toEqual({ sarif_file: "${{ steps.scan.outputs.sarif-file }}", category: "flag-scan" });
  });

  it("passes the version, pull-request mode and extra arguments, and records a failing exit code", () => {
    const { args, outputs } = runScanStep(
      {
        FLAG_SCAN_VERSION: "1.2.3",
        FLAG_SCAN_CHANGED_SINCE: "origin/main",
        FLAG_SCAN_ARGS: "--baseline base line.json --max-warnings 0",
      },
      1,
    );
    expect(args).toEqual([
      "--yes",
      "flag-scan@1.2.3",
      "--format",
      "sarif",
      "--output",
      "flag-scan.sarif",
      "--format",
      "github",
      "--changed-since",
      "origin/main",
      "--baseline",
      "base",
      "line.json",
      "--max-warnings",
      "0",
    ]);
    expect(outputs).toContain("exit-code=1\n");
  });
});
