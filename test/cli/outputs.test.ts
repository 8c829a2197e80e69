import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { reporters } from "../../src/reporters/index.js";
import { markdownReporter } from "../../src/reporters/markdown.js";
import { pairFormatsWithOutputs, writeReports } from "../../src/cli/outputs.js";
import { sampleResult, sampleRules } from "../helpers/sample-result.js";

describe("pairFormatsWithOutputs", () => {
  it("pairs by position and sends formats without a file to stdout", () => {
    expect(pairFormatsWithOutputs(["json", "sarif", "github"], ["a.json", "b.sarif"])).toEqual([
      { format: "json", output: "a.json" },
      { format: "sarif", output: "b.sarif" },
      { format: "github" },
    ]);
  });

  it("defaults to text", () => {
    expect(pairFormatsWithOutputs([], [])).toEqual([{ format: "text" }]);
    expect(pairFormatsWithOutputs([], ["report.txt"])).toEqual([{ format: "text", output: "report.txt" }]);
  });

  it("rejects unknown formats and unpaired outputs", () => {
    expect(() => pairFormatsWithOutputs(["xml"], [])).toThrow(
      'unknown --format "xml"; use one of text, json, sarif, github, markdown, gitlab',
    );
    expect(() => pairFormatsWithOutputs(["json"], ["a", "b"])).toThrow("2 --output files for 1 --format");
  });
});

describe("writeReports", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function memoryIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: string[] } {
    const out: string[] = [];
    return { out, stdout: (text) => out.push(text), stderr: () => {}, cwd: dir, env, isTTY: true };
  }

  it("writes each format once: files relative to cwd, the rest to stdout, and the job summary", () => {
    dir = mkdtempSync(join(tmpdir(), "flag-scan-out-"));
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "");
    const io = memoryIo({ GITHUB_STEP_SUMMARY: summary });
    const options = { rules: sampleRules };
    writeReports(
      sampleResult(),
      [{ format: "json", output: "reports/a.json" }, { format: "sarif", output: "b.sarif" }, { format: "github" }],
      options,
      io,
    );
    expect(readFileSync(join(dir, "reports/a.json"), "utf8")).toBe(reporters.json(sampleResult(), options));
    expect(readFileSync(join(dir, "b.sarif"), "utf8")).toBe(reporters.sarif(sampleResult(), options));
    expect(io.out).toEqual([reporters.github(sampleResult(), options)]);
    expect(readFileSync(summary, "utf8")).toBe(markdownReporter(sampleResult(), options) + "\n");
  });

  it("colours text on a terminal but never in a file", () => {
    dir = mkdtempSync(join(tmpdir(), "flag-scan-out-"));
    const io = memoryIo();
    writeReports(sampleResult(), [{ format: "text" }, { format: "text", output: "plain.txt" }], {}, io);
    expect(io.out[0]).toContain("\u001b[");
    expect(readFileSync(join(dir, "plain.txt"), "utf8")).toBe(reporters.text(sampleResult(), { color: false }));
  });

  it("honours NO_COLOR and FORCE_COLOR", () => {
    dir = mkdtempSync(join(tmpdir(), "flag-scan-out-"));
    const noColor = memoryIo({ NO_COLOR: "1" });
    writeReports(sampleResult(), [{ format: "text" }], {}, noColor);
    expect(noColor.out[0]).not.toContain("\u001b[");
    const forced = { ...memoryIo({ FORCE_COLOR: "1" }), isTTY: false };
    writeReports(sampleResult(), [{ format: "text" }], {}, forced);
    expect(forced.out[0]).toContain("\u001b[");
  });
});
