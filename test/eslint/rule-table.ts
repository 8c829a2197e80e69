import { applyKeyTransforms } from "../../src/scan/key-transform.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { createRuleContext, runRules } from "../../src/engine.js";
import { preloadProject } from "../../src/eslint/project-cache.js";
import { toEslintRule } from "../../src/eslint/to-eslint-rule.js";
import { loadProjectRegistry } from "../../src/engine.js";
import { formatMessage, type Rule } from "../../src/rule.js";
import { TypeScriptScanner } from "../../src/languages/typescript/scan/scanner.js";
import { writeTempProject } from "../helpers/temp-project.js";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** The project most tables lint in: two accessors, a catalog and a production waffle export. */
export const DEFAULT_PROJECT: Record<string, string> = {
  "flag-scan.config.json": JSON.stringify({
    accessors: [
      { call: "isFeatureEnabled", arg: 0 },
      { jsx: "Feature", prop: "flag" },
    ],
    registry: [
      { type: "json", path: "flags.json", name: "catalog" },
      { type: "waffle", path: "production.waffle.json", name: "production", environment: "production" },
    ],
  }),
  "flags.json": JSON.stringify({
    ff_live: { description: "Active, in production" },
    ff_expired: { description: "Should be gone by now", expires: "2020-01-15" },
    ff_staging_only: { description: "Not shipped to production yet" },
    newSearch: { description: "Named before the naming convention" },
  }),
  "production.waffle.json": JSON.stringify([
    waffle(1, "ff_live", { everyone: null, percent: 50 }),
    waffle(2, "ff_expired", { everyone: null, percent: 30 }),
    waffle(3, "ff_rolled_out", { everyone: true, modified: "2021-03-01T10:00:00Z" }),
    waffle(4, "newSearch", { everyone: null, percent: 10 }),
  ]),
  "src/flags.ts": 'export const LIVE = "ff_live";\nexport declare function isFeatureEnabled(flag: string): boolean;\n',
};

function waffle(pk: number, name: string, fields: Record<string, unknown>) {
  return {
    model: "waffle.flag",
    pk,
    fields: { name, everyone: null, percent: null, created: "2020-06-01T09:00:00Z", modified: new Date().toISOString(), ...fields },
  };
}

export interface ExpectedError {
  messageId: string;
  data?: Record<string, string | number>;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  suggestions?: Array<{ messageId: string; data?: Record<string, string | number>; output: string }>;
}

export interface TableCase {
  code: string;
  /** Relative to the project directory. @default "src/file.tsx" */
  filename?: string;
}

export interface RuleTable {
  /** Files of the throwaway project the cases are linted in. @default DEFAULT_PROJECT */
  project?: Record<string, string>;
  valid: TableCase[];
  invalid: Array<TableCase & { errors: ExpectedError[] }>;
}

/**
 * Runs one table twice: through ESLint (`@typescript-eslint/rule-tester`, exact message ids, data,
 * locations and suggestions) and through the CLI engine (the same text through `TypeScriptScanner` and
 * `runRules`, expecting the same sentences at the same places), so plugin and CLI cannot disagree.
 */
export function runRuleTable(rule: Rule, table: RuleTable): void {
  const dir = writeTempProject(table.project ?? DEFAULT_PROJECT);
  const filenameOf = (testCase: TableCase) => path.join(dir, testCase.filename ?? "src/file.tsx");

  // Loading in this thread ahead of time keeps the tables fast; project-cache.test.ts covers the lazy load.
  beforeAll(() => preloadProject(dir));

  new RuleTester().run(rule.id, toEslintRule(rule) as unknown as Parameters<RuleTester["run"]>[1], {
    valid: table.valid.map((testCase) => ({ code: testCase.code, filename: filenameOf(testCase) })),
    invalid: table.invalid.map((testCase) => ({
      code: testCase.code,
      filename: filenameOf(testCase),
      errors: testCase.errors,
    })) as never,
  });

  describe(`${rule.id} through the CLI engine`, () => {
    const cases = [...table.valid.map((testCase) => ({ ...testCase, errors: [] as ExpectedError[] })), ...table.invalid];
    it.each(cases.map((testCase, index) => [index, testCase] as const))("case %i", async (_index, testCase) => {
      const config = await loadConfig({ cwd: dir });
      const registry = await loadProjectRegistry(config);
      const scanner = new TypeScriptScanner();
      await scanner.prepare({ root: dir, config, registry, readFile: readIfExists });
      const file = filenameOf(testCase);
      const relativePath = path.relative(dir, file).split(path.sep).join("/");
      const { references } = scanner.scanFile({ path: file, relativePath, text: testCase.code });
      // As the project scan does once the registries are known.
      applyKeyTransforms(references, registry);
      const findings = runRules([rule], createRuleContext(references, registry, config));
      expect(findings.map(({ message, line, column, endLine, endColumn }) => ({ message, line, column, endLine, endColumn }))).toEqual(
        testCase.errors.map((error) => ({
          message: formatMessage(rule.messages[error.messageId]!, error.data),
          line: error.line,
          column: error.column,
          endLine: error.endLine ?? expect.any(Number),
          endColumn: error.endColumn ?? expect.any(Number),
        })),
      );
    });
  });
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
