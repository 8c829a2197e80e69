import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { RULE_IDS } from "../../src/config/rule-ids.js";
import { closestMatch } from "../../src/did-you-mean.js";
import { writeTempProject } from "../helpers/temp-project.js";
import { expectCleanFailure, spawnCli } from "./helpers.js";

function withConfig(config: string): string {
  return writeTempProject({ "flag-scan.config.json": config, "src/a.ts": `isFeatureEnabled("ff_a");\n` });
}

describe("strict config: mistakes are errors with a did-you-mean", () => {
  it("an unknown rule id", () => {
    expectCleanFailure(spawnCli([], withConfig(JSON.stringify({ rules: { "no-such-rule": "error", "stale-flags": "error" } }))), 2, /^ConfigError: rules\.no-such-rule is not a known rule id \(flag-scan\.config\.json\)$/m);
    expectCleanFailure(spawnCli([], withConfig(JSON.stringify({ rules: { "stale-flags": "error" } }))), 2, /^ConfigError: rules\.stale-flags is not a known rule id; did you mean "stale-flag"\? \(flag-scan\.config\.json\)$/m);
  });

  it("an unknown preset", () => {
    expectCleanFailure(spawnCli([], withConfig(JSON.stringify({ presets: ["launchdarkley"] }))), 2, /^ConfigError: presets\[0\] "launchdarkley" is not allowed; did you mean "launchdarkly"\? \(flag-scan\.config\.json\)$/m);
  });

  it("an impossible accessor form", () => {
    expectCleanFailure(spawnCli([], withConfig(JSON.stringify({ accessors: [{ call: "isOn", jsx: "Feature" }] }))), 2, /^ConfigError: accessors\[0\] is both call and jsx: an accessor has exactly one of/m);
    expectCleanFailure(spawnCli([], withConfig(JSON.stringify({ accessors: [{ calls: "isOn" }] }))), 2, /^ConfigError: accessors\[0\]\.calls is not a known key; did you mean "call"\?/m);
  });

  it("out-of-range numbers", () => {
    expectCleanFailure(spawnCli([], withConfig(JSON.stringify({ stale: { maxAgeDays: 1e12 } }))), 2, /^ConfigError: stale\.maxAgeDays 1000000000000 must be <= 36500 \(flag-scan\.config\.json\)$/m);
    expectCleanFailure(spawnCli([], withConfig(JSON.stringify({ nesting: { maxDepth: 0 } }))), 2, /^ConfigError: nesting\.maxDepth 0 must be >= 1/m);
  });

  it("a null config", () => {
    expectCleanFailure(spawnCli([], withConfig("null")), 2, /^ConfigError: the configuration must be an object, not null \(flag-scan\.config\.json\)$/m);
  });

  it("a misspelt key", () => {
    expectCleanFailure(spawnCli([], withConfig(JSON.stringify({ regsitry: [] }))), 2, /^ConfigError: regsitry is not a known key; did you mean "registry"\?/m);
  });

  it("the rule id list the config checks is the rule list", () => {
    expect([...RULE_IDS].sort()).toEqual(allRules.map((rule) => rule.id).sort());
    expect(closestMatch("completely-different", RULE_IDS)).toBeUndefined();
  });
});
