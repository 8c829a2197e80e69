import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/index.js";

const demo = fileURLToPath(new URL("../../fixtures/demo/", import.meta.url));

interface ExpectedFinding {
  rule: string;
  flag?: string;
  file: string;
  line: number;
}

describe("the demo project", () => {
  it("reports exactly the planted problems", async () => {
    const expected = JSON.parse(readFileSync(`${demo}expected-findings.json`, "utf8")) as ExpectedFinding[];
    const result = await scan({ cwd: demo });
    const actual: ExpectedFinding[] = result.findings.map((f) => ({ rule: f.rule, ...(f.flag ? { flag: f.flag } : {}), file: f.file ?? "", line: f.line ?? 0 }));
    const key = (f: ExpectedFinding) => `${f.file}:${String(f.line).padStart(5, "0")}:${f.rule}:${f.flag ?? ""}`;
    expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
  });

  it("lists the file with a syntax error and goes on", async () => {
    const expected = JSON.parse(readFileSync(`${demo}expected-errors.json`, "utf8")) as Array<{ file: string; line: number }>;
    const result = await scan({ cwd: demo });
    expect(result.errors.map((e) => ({ file: e.file, line: e.line }))).toEqual(expected);
    expect(result.stats.filesParsed).toBeGreaterThan(10);
  });

  it("does not count a log message that merely mentions a slug", async () => {
    const result = await scan({ cwd: demo });
    const logger = result.references.filter((r) => r.file === "src/logger.ts");
    expect(logger).toEqual([]);
  });
});
