import { describe, expect, it } from "vitest";
import { jsonReporter } from "../../src/reporters/json.js";
import { sampleResult } from "../helpers/sample-result.js";

describe("json reporter", () => {
  it("prints the ScanResult contract, pretty-printed, suppressed findings included", () => {
    const output = jsonReporter(sampleResult(), {});
    expect(output.endsWith("}\n")).toBe(true);
    expect(output.split("\n")[1]).toBe('  "version": 1,');
    expect(JSON.parse(output)).toEqual(sampleResult());
    expect(JSON.parse(output).findings[3].suppressed).toEqual({
      kind: "inline",
      reason: "created in production by the release job",
    });
  });
});
