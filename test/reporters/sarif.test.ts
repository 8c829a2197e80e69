import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { sarifReporter } from "../../src/reporters/sarif.js";
import { sampleResult, sampleRules } from "../helpers/sample-result.js";

const require = createRequire(import.meta.url);
const schemaPath = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
// The schema's `language` pattern is not valid with the `u` flag Ajv uses by default.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));

function validated(text: string): any {
  const log = JSON.parse(text);
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
  return log;
}

describe("sarif reporter", () => {
  it("validates against the official SARIF 2.1.0 schema", () => {
    validated(sarifReporter(sampleResult(), { rules: sampleRules, toolVersion: "0.1.0" }));
  });

  it("validates when there is nothing to report", () => {
    const log = validated(sarifReporter({ ...sampleResult(), findings: [], errors: [] }, {}));
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
  });

  it("catches an invalid log, so the schema check is real", () => {
    const log = JSON.parse(sarifReporter(sampleResult(), { rules: sampleRules }));
    log.runs[0].results[0].level = "fatal";
    expect(validate(log)).toBe(false);
  });

  it("describes rules with help URLs and points results at them", () => {
    const log = validated(sarifReporter(sampleResult(), { rules: sampleRules }));
    const { rules } = log.runs[0].tool.driver;
    expect(rules[0]).toEqual({
      id: "unknown-flag",
      shortDescription: { text: "Disallow checks of flags that no registry defines" },
      helpUri: "https://github.com/flag-scan/flag-scan/blob/main/rules/unknown-flag.md",
      defaultConfiguration: { level: "error" },
    });
    for (const result of log.runs[0].results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it("keeps locations, fingerprints and suppressions", () => {
    const log = validated(sarifReporter(sampleResult(), { rules: sampleRules }));
    const results = log.runs[0].results;
    expect(results.find((r: any) => r.ruleId === "unknown-flag")).toEqual({
      ruleId: "unknown-flag",
      ruleIndex: 0,
      level: "error",
      message: { text: "`ff_new_cart` is not defined in any registry; add it to `src/flags.ts` or fix the key." },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "src/checkout/Cart.tsx", uriBaseId: "%SRCROOT%" },
            region: { startLine: 12, startColumn: 28, endLine: 12, endColumn: 41 },
          },
        },
      ],
      partialFingerprints: { "flagScanFingerprint/v1": "3f1c2a9e5b7d4c01" },
    });
    expect(results.find((r: any) => r.ruleId === "environment-drift").suppressions).toEqual([
      { kind: "inSource", justification: "created in production by the release job" },
    ]);
    expect(results.find((r: any) => r.partialFingerprints["flagScanFingerprint/v1"] === "aa11bb22cc33dd44").suppressions).toEqual([
      { kind: "external", justification: "Accepted in the flag-scan baseline" },
    ]);
  });

  it("gives every result a location, as GitHub code scanning requires", () => {
    const withoutFile = (options: { projectFile?: string }) =>
      validated(sarifReporter(sampleResult(), { rules: sampleRules, ...options })).runs[0].results.find(
        (r: any) => r.partialFingerprints["flagScanFingerprint/v1"] === "fedcba9876543210",
      ).locations;
    expect(withoutFile({ projectFile: "flag-scan.config.json" })).toEqual([
      { physicalLocation: { artifactLocation: { uri: "flag-scan.config.json", uriBaseId: "%SRCROOT%" } } },
    ]);
    expect(withoutFile({})).toEqual([{ physicalLocation: { artifactLocation: { uri: "./", uriBaseId: "%SRCROOT%" } } }]);
    const log = validated(sarifReporter(sampleResult(), {}));
    for (const result of log.runs[0].results) expect(result.locations).toHaveLength(1);
  });

  it("adds descriptors for rules it was not told about and encodes paths", () => {
    const result = sampleResult();
    result.findings = [
      {
        rule: "suppression-reason",
        severity: "warning",
        message: "m",
        file: "src/my app/#1.ts",
        line: 1,
        column: 4,
        fingerprint: "f",
      },
    ];
    const log = validated(sarifReporter(result, {}));
    expect(log.runs[0].tool.driver.rules[0].helpUri).toBe(
      "https://github.com/flag-scan/flag-scan/blob/main/docs/ci.md#inline-suppressions",
    );
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("src/my%20app/%231.ts");
  });

  it("places paths relative to the repository root, which originalUriBaseIds locates", () => {
    const log = validated(
      sarifReporter(
        { ...sampleResult(), root: "/home/dev/mono/packages/shop" },
        { rules: sampleRules, projectFile: "flag-scan.config.json", repositoryRoot: "/home/dev/mono" },
      ),
    );
    const run = log.runs[0];
    expect(run.originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: "file:///home/dev/mono/" } });
    const uris = run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation);
    expect(uris).toContainEqual({ uri: "packages/shop/src/checkout/Cart.tsx", uriBaseId: "%SRCROOT%" });
    expect(uris).toContainEqual({ uri: "packages/shop/flag-scan.config.json", uriBaseId: "%SRCROOT%" });
    for (const uri of uris) expect(uri.uri).toMatch(/^packages\/shop\//);
    const notices = run.invocations[0].toolExecutionNotifications;
    expect(notices[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^packages\/shop\//);
  });

  it("matches the snapshot", async () => {
    const output = sarifReporter(sampleResult(), { rules: sampleRules, toolVersion: "0.1.0" });
    await expect(output).toMatchFileSnapshot("./__snapshots__/sarif.json");
  });
});
