import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCleanupCommand } from "../helpers/cli.js";
import { UsageError } from "../../src/errors.js";

const SOURCE = `import { isFeatureEnabled } from "./flags";

export function limit(): number {
  if (isFeatureEnabled("ff_x")) {
    return 50;
  }
  return 10;
}
`;

let project: string;
afterEach(() => rmSync(project, { recursive: true, force: true }));

function makeProject(files: Record<string, string>): string {
  project = mkdtempSync(path.join(tmpdir(), "flag-scan-cli-"));
  writeFileSync(path.join(project, "flag-scan.config.json"), JSON.stringify({ accessors: [{ call: "isFeatureEnabled" }, { call: "useFlag", property: "enabled" }] }));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  }
  return project;
}

const run = (argv: string[]) => runCleanupCommand(argv, project);

describe("flag-scan cleanup", () => {
  it("prints a unified diff with --dry-run and writes nothing", async () => {
    makeProject({ "src/a.ts": SOURCE });
    const { code, stdout } = await run(["cleanup", "ff_x", "--value", "on", "--dry-run"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "--- a/src/a.ts",
        "+++ b/src/a.ts",
        "@@ -1,8 +1,3 @@",
        '-import { isFeatureEnabled } from "./flags";',
        "-",
        " export function limit(): number {",
        '-  if (isFeatureEnabled("ff_x")) {',
        "-    return 50;",
        "-  }",
        "-  return 10;",
        "+  return 50;",
        " }",
        "",
        "Would clean up ff_x (on): 1 file changed, 1 reference removed, 0 definitions removed, 6 lines deleted.",
        "  modified  src/a.ts",
        "Dry run: nothing was written.",
        "",
      ].join("\n"),
    );
    expect(readFileSync(path.join(project, "src/a.ts"), "utf8")).toBe(SOURCE);
  });

  it("rewrites the files and prints the summary", async () => {
    makeProject({ "src/a.ts": SOURCE, "src/b.ts": "export const b = 1;\n" });
    const { code, stdout } = await run(["cleanup", "ff_x", "--value", "off"]);
    expect(code).toBe(0);
    expect(stdout).toBe("Cleaned up ff_x (off): 1 file changed, 1 reference removed, 0 definitions removed, 5 lines deleted.\n  modified  src/a.ts\n");
    expect(readFileSync(path.join(project, "src/a.ts"), "utf8")).toBe("export function limit(): number {\n  return 10;\n}\n");
  });

  it("exits 1 and lists what it could not remove, with file:line:column and why", async () => {
    makeProject({ "src/s.tsx": 'import { useFlag } from "./flags";\n\nexport function S() {\n  const { enabled, variant } = useFlag("ff_x");\n  return enabled ? variant : null;\n}\n' });
    const { code, stdout } = await run(["cleanup", "ff_x", "--value", "on", "--format", "json"]);
    expect(code).toBe(1);
    const summary = JSON.parse(stdout);
    expect(summary).toMatchObject({ flag: "ff_x", value: "on", filesChanged: 0, referencesRemoved: 0, referencesLeft: 1, linesDeleted: 0 });
    expect(summary.problems).toEqual([
      { file: "src/s.tsx", line: 4, column: 40, message: "the result of `useFlag` is destructured into other names as well; remove them by hand" },
    ]);
  });

  it("counts, in the text summary's heading, the references left and the other places it lists", async () => {
    makeProject({ "src/s.tsx": 'import { useFlag } from "./flags";\n\nexport function S() {\n  const { enabled, variant } = useFlag("ff_x");\n  return enabled ? variant : null;\n}\n', "flags.json": '{ "flags": ["ff_x"] }\n' });
    // With a registry, whose entry stays and is listed too.
    writeFileSync(path.join(project, "flag-scan.config.json"), JSON.stringify({ accessors: [{ call: "useFlag", property: "enabled" }], registry: [{ type: "json", path: "flags.json" }] }));
    const { code, stdout } = await run(["cleanup", "ff_x", "--value", "on"]);
    expect(code).toBe(1);
    const lines = stdout.split("\n");
    const heading = lines.findIndex((line) => line.startsWith("Left ("));
    const listed = lines.slice(heading + 1).filter((line) => /^ {2}\S/.test(line)).length;
    expect(listed).toBe(2);
    expect(lines[heading]).toBe("Left (1 reference and 1 other place; code may still check the flag, so its registry entry stays):");
  });

  it("reports the JSON summary of a real run", async () => {
    makeProject({ "src/a.ts": SOURCE });
    const { code, stdout } = await run(["cleanup", "ff_x", "--value", "on", "--format", "json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      flag: "ff_x",
      value: "on",
      dryRun: false,
      root: project,
      filesChanged: 1,
      referencesRemoved: 1,
      referencesLeft: 0,
      definitionsRemoved: 0,
      linesDeleted: 6,
      overridesRemoved: 0,
      testsDeleted: [],
      files: [{ file: "src/a.ts", status: "modified", referencesRemoved: 1, definitionsRemoved: 0, linesDeleted: 6, linesAdded: 1 }],
      problems: [],
      mentions: [],
    });
  });

  it("lists the tests it deleted, in the text and the JSON summary", async () => {
    const test = `import { isFeatureEnabled } from "./flags";
import { limit } from "./a";

it("allows 50 with ff_x", () => {
  (isFeatureEnabled as jest.Mock).mockImplementation((flag) => flag === "ff_x");
  expect(limit()).toBe(50);
});

it("allows 10 before ff_x", () => {
  (isFeatureEnabled as jest.Mock).mockReturnValue(false);
  expect(limit()).toBe(10);
});
`;
    makeProject({ "src/a.ts": SOURCE, "src/a.test.ts": test });
    const text = await run(["cleanup", "ff_x", "--value", "on", "--dry-run"]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      [
        "1 test override of the kept value removed.",
        "Deleted tests (they only exercised the removed value):",
        "  src/a.test.ts:9:1  allows 10 before ff_x: `(isFeatureEnabled as jest.Mock).mockReturnValue(false)` forced the removed value",
        "Mentions (comments, docs, old migrations; not checks, left as they are):",
        "  src/a.test.ts:4:4  mentions `ff_x` in a test's title",
      ].join("\n"),
    );
    const { code, stdout } = await run(["cleanup", "ff_x", "--value", "on", "--format", "json"]);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.overridesRemoved).toBe(1);
    expect(summary.testsDeleted).toEqual([
      { file: "src/a.test.ts", line: 9, name: "allows 10 before ff_x", part: "test", reason: "`(isFeatureEnabled as jest.Mock).mockReturnValue(false)` forced the removed value" },
    ]);
    expect(readFileSync(path.join(project, "src/a.test.ts"), "utf8")).toBe(`import { isFeatureEnabled } from "./flags";
import { limit } from "./a";

it("allows 50 with ff_x", () => {
  (isFeatureEnabled as jest.Mock).mockImplementation((flag) => false);
  expect(limit()).toBe(50);
});
`);
  });

  it("is a usage error (exit 2) when nothing knows the flag, naming the closest known ones", async () => {
    makeProject({ "src/a.ts": SOURCE });
    await expect(run(["cleanup", "ff_xy", "--value", "on"])).rejects.toThrow(UsageError);
    await expect(run(["cleanup", "ff_xy", "--value", "on"])).rejects.toMatchObject({ hint: "did you mean `ff_x`?" });
    expect(readFileSync(path.join(project, "src/a.ts"), "utf8")).toBe(SOURCE);
  });

  it("rejects a --value other than on/off with a UsageError", async () => {
    makeProject({ "src/a.ts": SOURCE });
    await expect(run(["cleanup", "ff_x", "--value", "yes"])).rejects.toBeInstanceOf(UsageError);
    await expect(run(["cleanup", "ff_x", "--value", "on", "--format", "xml"])).rejects.toBeInstanceOf(UsageError);
    expect(readFileSync(path.join(project, "src/a.ts"), "utf8")).toBe(SOURCE);
  });
});
