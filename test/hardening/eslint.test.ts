import { describe, expect, it } from "vitest";
import { writeTempProject } from "../helpers/temp-project.js";
import { eslintMessages, spawnEslint, type Spawned } from "./helpers.js";

const FILES = {
  "a.ts": `debugger;\nisFeatureEnabled("ff_a");\n`,
  "b.ts": `debugger;\nisFeatureEnabled("ff_b");\n`,
};
const NO_DEBUGGER = `{ rules: { "no-debugger": "error" } }`;

function lint(files: Record<string, string>, extra: string[] = [NO_DEBUGGER], env: NodeJS.ProcessEnv = {}): Spawned {
  const run = spawnEslint(writeTempProject({ ...FILES, ...files }), extra, env);
  return run;
}

/**
 * The flag-scan problem is one message on the first file it affects, and `no-debugger` still ran on every
 * file. Which file is first is ESLint's choice (it reads files concurrently): the generated
 * eslint.config.mjs is linted too, so the message may sit there.
 */
function expectReportedOnce(run: Spawned, problem: RegExp): void {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).not.toMatch(/Oops|^\s+at /m);
  const all = eslintMessages(run);
  const results = all.filter((file) => file.filePath.endsWith(".ts"));
  const problems = all.flatMap((file) => file.messages.filter((m) => /^flag-scan could not check this file/.test(m.message)));
  expect(problems, JSON.stringify(all)).toHaveLength(1);
  expect(problems[0]!.message).toMatch(problem);
  expect(problems[0]!.message).not.toContain("\n");
  expect(results.map((file) => file.messages.filter((m) => m.ruleId === "no-debugger").length)).toEqual([1, 1]);
}

describe("ESLint: a flag-scan problem never aborts ESLint", () => {
  it("a config error", () => {
    const run = lint({ "flag-scan.config.json": JSON.stringify({ rules: { "stale-flags": "error" } }) });
    expectReportedOnce(run, /ConfigError: rules\.stale-flags is not a known rule id; did you mean "stale-flag"\?/);
  });

  it("a malformed registry", () => {
    const run = lint({
      "flag-scan.config.json": JSON.stringify({ registry: [{ type: "yaml", path: "flags.yaml" }] }),
      "flags.yaml": "flags: &loop\n  - ff_a\n  - *loop\n",
    });
    expectReportedOnce(run, /RegistryError: flags\.yaml:3:5: YAML alias \*loop refers to a node that contains it/);
  });

  it("an internal crash (FLAG_SCAN_TEST_CRASH, test-only) exits 2 and lints every file", () => {
    const run = lint({ "flag-scan.config.json": "{}" }, [NO_DEBUGGER], { FLAG_SCAN_TEST_CRASH: "1" });
    expectReportedOnce(run, /InternalError: flag-scan crashed: TypeError: forced internal crash/);
  });

  it("a backtracking naming.pattern finishes in linear time", () => {
    const run = lint({ "flag-scan.config.json": JSON.stringify({ naming: { pattern: "^(a+)+$" } }), "c.ts": `isFeatureEnabled("${"a".repeat(33)}!");\n` });
    const naming = eslintMessages(run).flatMap((file) => file.messages.filter((m) => m.ruleId === "flag-scan/flag-naming"));
    expect(naming.length).toBe(3);
  });
});

describe("ESLint severities follow flag-scan's config unless ESLint's overrides them", () => {
  const config = {
    "flag-scan.config.json": JSON.stringify({ rules: { "flag-naming": "error", "unknown-flag": "off" } }),
    "a.ts": `isFeatureEnabled("Bad-Name-A");\n`,
    "b.ts": `isFeatureEnabled("Bad-Name-B");\n`,
  };

  it("flag-scan's config sets the severity", () => {
    const messages = eslintMessages(lint(config, [])).flatMap((file) => file.messages);
    expect(messages.filter((m) => m.ruleId === "flag-scan/flag-naming").map((m) => m.severity)).toEqual([2, 2]);
    expect(messages.filter((m) => m.ruleId === "flag-scan/unknown-flag")).toEqual([]);
  });

  it("a later ESLint config object overrides it", () => {
    const messages = eslintMessages(lint(config, [`{ rules: { "flag-scan/flag-naming": "warn" } }`])).flatMap((file) => file.messages);
    expect(messages.filter((m) => m.ruleId === "flag-scan/flag-naming").map((m) => m.severity)).toEqual([1, 1]);
  });
});
