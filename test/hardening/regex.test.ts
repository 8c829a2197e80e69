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

describe("compileConfigPattern's check without re2js, and the patterns V8 matches itself (src/config/safe-regex.ts)", () => {

  // Each pattern's verdict must be RE2's: the shortcut may only take patterns RE2 compiles.
  const patterns = [
    "^feature_", "^ff_[a-z0-9_]+$", "^(ff|ft)_.*$", "^ff_\\w+$", "^[A-Z][A-Z0-9_]*$", "ff_|ft_", "^(?:a|b)+?$", "\\bff\\b", "[\\]]", "^[^_]+_",
    "^(?!tmp_)ff_.*$", "^(?=ff)", "(?<=x)y", "(?<!x)y", "^(a)\\1$", "(?<name>a)\\k<name>", "^a{2}$", "^a{1001}$", "[[:alpha:]]", "[^]", "[]a]",
    "\\cJ", "\\u00e9", "\\x41", "(?i)ff", "a\\Z", "\\p{L}", "\\0",
    // Matched by V8 itself: literal, anchored, one group, no quantifier.
    "^(ff|ft)_", "_enabled$", "^feature\\.", "^(?:x|y)z", "ff$|^tmp", "^ff_$",
  ];
  it.each(patterns)("%s", async (pattern) => {
    const { compileConfigPattern } = await import("../../src/config/safe-regex.js");
    const { RE2JS } = await import("re2js");
    let jsValid = true;
    try {
      new RegExp(pattern);
    } catch {
      jsValid = false;
    }
    let re2Valid = true;
    try {
      RE2JS.compile(pattern);
    } catch {
      re2Valid = false;
    }
    const compile = () => compileConfigPattern(pattern, "keyPattern", "config");
    if (jsValid && re2Valid) {
      const compiled = compile();
      // And it matches as RE2 does.
      for (const input of ["ff_new", "ft_x", "feature_x", "feature.x", "x_enabled", "xz", "tmp_ff", "ff_", "aa", "X_1", "é", "]", "a\nff_"]) {
        expect(compiled.test(input), input).toBe(RE2JS.compile(pattern).test(input));
        expect(compiled.exec(input)?.[0], input).toBe(RE2JS.compile(pattern).exec(input)?.[0]);
      }
    } else {
      expect(compile).toThrow(/keyPattern/);
    }
  });
});
