import { describe, expect, it } from "vitest";
import { writeTempProject } from "../helpers/temp-project.js";
import { expectCleanFailure, spawnCli } from "./helpers.js";

// 34 characters that almost match `^(a+)+$`: a backtracking engine tries 2^33 ways before giving up.
const EVIL_SLUG = `${"a".repeat(33)}!`;

function project(config: object, code = `isFeatureEnabled("${EVIL_SLUG}");\n`): string {
  return writeTempProject({
    "flag-scan.config.json": JSON.stringify(config),
    // `aaaa` matches every pattern below, so a registry filtered by one still defines a flag.
    "flags.json": JSON.stringify({ flags: [EVIL_SLUG, "ff_ok", "aaaa"] }),
    "src/a.ts": code,
  });
}

function findings(stdout: string): Array<{ rule: string; flag?: string }> {
  return (JSON.parse(stdout) as { findings: Array<{ rule: string; flag?: string }> }).findings;
}

describe("config regexes match in linear time", () => {
  it("naming.pattern ^(a+)+$ against a 34-character slug", () => {
    const dir = project({ naming: { pattern: "^(a+)+$" } });
    const run = spawnCli(["--format", "json"], dir);
    expect(findings(run.stdout).filter((f) => f.rule === "flag-naming").map((f) => f.flag)).toEqual([EVIL_SLUG]);
  });

  it("an accessor's keyPattern ^([a-z0-9]+_?)+$", () => {
    const dir = project({ accessors: [{ call: "isFeatureEnabled", keyPattern: "^([a-z0-9]+_?)+$" }] }, `isFeatureEnabled("${"a1_".repeat(12)}!");\nisFeatureEnabled("ff_ok");\n`);
    const run = spawnCli(["--format", "json"], dir);
    const result = JSON.parse(run.stdout) as { references: Array<{ flag?: string }> };
    expect(result.references.map((r) => r.flag)).toEqual(["ff_ok"]);
  });

  it("a registry's keyPattern", () => {
    const dir = project({ registry: [{ type: "json", path: "flags.json", keyPattern: "^(a+)+$" }], naming: { pattern: "." } });
    const run = spawnCli(["--format", "json"], dir);
    // The slug fails the pattern, so the registry keeps no flag and the reference is unknown.
    expect(findings(run.stdout).map((f) => `${f.rule} ${f.flag}`)).toContain(`unknown-flag ${EVIL_SLUG}`);
  });

  it("a backreference (no linear-time match exists) is a config error naming the key and the file", () => {
    const dir = project({ accessors: [{ call: "isFeatureEnabled", keyPattern: "^(a)\\1$" }] });
    expectCleanFailure(spawnCli([], dir), 2, /^ConfigError: accessors\[0\]\.keyPattern "\^\(a\)\\\\1\$" cannot be matched in linear time: .* \(flag-scan\.config\.json\)$/m);
  });

  it("a lookahead in naming.pattern is refused the same way", () => {
    const dir = project({ naming: { pattern: "^(?!tmp_)ff_.*$" } });
    expectCleanFailure(spawnCli([], dir), 2, /^ConfigError: naming\.pattern .* cannot be matched in linear time/m);
  });
});
