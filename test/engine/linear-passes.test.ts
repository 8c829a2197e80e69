import { describe, expect, it } from "vitest";
import { allRules } from "../../rules/index.js";
import { resolveConfig } from "../../src/config/load-config.js";
import { analyze } from "../../src/engine.js";
import type { FlagDefinition, FlagRegistry } from "../../src/registry/definition.js";
import { reporters } from "../../src/reporters/index.js";
import type { FlagReference } from "../../src/scan/reference.js";
import type { ProjectScan } from "../../src/scan/scan-project.js";
import { measureArrayWork, WorkBudgetExceeded } from "../helpers/work-meter.js";

// Issue 18: one popular flag made the summary copy its reference list once per reference. These tests
// count array work instead of timing it: a linear pipeline stays under a fixed number of visits per
// reference, a quadratic one blows the budget after a few thousand references and is aborted.

const REFERENCES = 100_000;
const FILES = 1_000;
const LINES_PER_FILE = REFERENCES / FILES;
/**
 * Visits per reference the analysis (or a reporter) may cost: each rule may walk the references once,
 * the engine and reporters a dozen times more. Today: analysis 15, the busiest reporter 10.
 */
const VISITS_PER_REFERENCE = allRules.length + 12;

function syntheticScan(): ProjectScan {
  const config = resolveConfig(
    {
      registry: [
        { type: "json", path: "flags.json", name: "code", environment: "production" },
        { type: "json", path: "staging.json", name: "staging", environment: "staging" },
      ],
    },
    "/nonexistent/flag-scan-linear-passes",
  );
  const [production] = config.registry;
  const definition: FlagDefinition = { flag: "ff_b", source: production!, file: "flags.json", metadata: { owner: "team" } };
  const registry: FlagRegistry = { sources: config.registry, bySlug: new Map([["ff_b", [definition]]]), constants: new Map(), files: [] };

  const references: FlagReference[] = [];
  const texts = new Map<string, string>();
  for (let file = 0; file < FILES; file++) {
    const name = `src/f${String(file).padStart(4, "0")}.ts`;
    const lines: string[] = [];
    for (let line = 1; line <= LINES_PER_FILE; line++) {
      // Half the checks are of an unknown flag (one `unknown-flag` finding each), half of a flag missing
      // from the staging registry (one `environment-drift` finding each): findings grow with references.
      const flag = line % 2 === 0 ? "ff_a" : "ff_b";
      const text = `export const v${line} = isFeatureEnabled("${flag}") ? ${line} : ${line + 1};`;
      lines.push(file === 0 && line === 1 ? "// flag-scan-ignore-next-line" : text);
      const column = text.indexOf('"') + 1;
      references.push({
        flag,
        file: name,
        line,
        column,
        endLine: line,
        endColumn: column + flag.length + 2,
        kind: "call",
        accessor: "isFeatureEnabled",
        keyText: `"${flag}"`,
        keyRange: { start: 0, end: 0 },
        checkRange: { start: 0, end: 0 },
        guards: [],
        language: "typescript",
      });
    }
    texts.set(name, lines.join("\n"));
  }
  return {
    config,
    registry,
    references,
    errors: [],
    partial: false,
    scannedPaths: [],
    stats: { filesDiscovered: FILES, filesParsed: FILES, linesDiscovered: REFERENCES },
    learnedAccessors: [],
    readFile: (file) => texts.get(file),
  };
}

describe("passes over references, findings and definitions (issue 18)", () => {
  const scan = syntheticScan();

  it("analyze() does linear array work for 100k references to two flags", () => {
    const { result, work } = measureArrayWork(() => analyze(scan, allRules, { now: Date.UTC(2026, 0, 1) }), {
      maxVisits: VISITS_PER_REFERENCE * REFERENCES,
    });
    // The work was real: every reference is in the inventory and produced its finding.
    const byFlag = new Map(result.flags.map((flag) => [flag.flag, flag]));
    expect(byFlag.get("ff_a")).toMatchObject({ references: REFERENCES / 2, files: FILES, status: "unknown" });
    expect(byFlag.get("ff_b")).toMatchObject({ references: REFERENCES / 2, files: FILES, status: "active", owner: "team" });
    expect(result.findings.filter((f) => f.rule === "unknown-flag")).toHaveLength(REFERENCES / 2);
    expect(result.findings.filter((f) => f.rule === "environment-drift")).toHaveLength(REFERENCES / 2);
    expect(result.findings.filter((f) => f.suppressed?.kind === "inline")).toHaveLength(1);
    expect(work.visits).toBeLessThanOrEqual(VISITS_PER_REFERENCE * REFERENCES);
    // Sorting is allowed its n log n comparisons, a few times over.
    expect(work.comparisons).toBeLessThanOrEqual(4 * REFERENCES * Math.log2(REFERENCES));
  });

  it("every reporter does linear array work on the 100k findings", () => {
    const result = analyze(scan, allRules, { now: Date.UTC(2026, 0, 1) });
    for (const [name, reporter] of Object.entries(reporters)) {
      const { result: output, work } = measureArrayWork(() => reporter(result, { rules: allRules }), {
        maxVisits: VISITS_PER_REFERENCE * REFERENCES,
      });
      expect(output.length, name).toBeGreaterThan(0);
      expect(work.visits, name).toBeLessThanOrEqual(VISITS_PER_REFERENCE * REFERENCES);
      expect(work.comparisons, name).toBeLessThanOrEqual(4 * REFERENCES * Math.log2(REFERENCES));
    }
  });

  it("the meter aborts a quadratic pass instead of letting it run", () => {
    const copyPerItem = () => {
      let list: number[] = [];
      for (let index = 0; index < REFERENCES; index++) list = [...list, index];
      return list;
    };
    expect(() => measureArrayWork(copyPerItem, { maxVisits: VISITS_PER_REFERENCE * REFERENCES })).toThrow(WorkBudgetExceeded);
    // The same pass done linearly fits.
    const appendInPlace = () => {
      const list: number[] = [];
      for (const index of Array.from({ length: REFERENCES }, (_, i) => i)) list.push(index);
      return list;
    };
    expect(measureArrayWork(appendInPlace, { maxVisits: VISITS_PER_REFERENCE * REFERENCES }).work.visits).toBeLessThanOrEqual(2 * REFERENCES);
  });
});
