import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup } from "../../src/cleanup/cleanup.js";
import { resolveConfig } from "../../src/config/load-config.js";
import type { UserConfig } from "../../src/config/schema.js";
import { formatLocation } from "../../src/errors.js";

/**
 * Every folder under fixtures/cleanup/ with a case.json is a case: `input/` is copied to a temporary
 * project, the real pipeline (config -> scan -> cleanup -> write) runs on it, and the whole tree must
 * equal `expected/` byte for byte (a deleted file is a missing key). Running again on `expected/`
 * must change nothing.
 */
interface CleanupCase {
  description?: string;
  flag: string;
  /** `on`, `off`, or a value flag's kept value as JSON text. */
  value: string;
  config: UserConfig;
  /** `file:line:column message` of each expected problem. @default [] */
  problems?: string[];
  /** `file:line name` of each test the cleanup deleted (`part of name` for a block of one). @default [] */
  testsDeleted?: string[];
  /** Run as `--shallow`: the per-file rewrite alone, without the deep step's folds. @default false */
  shallow?: boolean;
}

const FIXTURES = fileURLToPath(new URL("../../fixtures/cleanup/", import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), "flag-scan-cleanup-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function findCases(directory: string): string[] {
  if (!existsSync(directory)) return [];
  if (existsSync(path.join(directory, "case.json"))) return [directory];
  return readdirSync(directory)
    .sort()
    .map((name) => path.join(directory, name))
    .filter((entry) => statSync(entry).isDirectory())
    .flatMap(findCases);
}

function readTree(root: string): Record<string, string> {
  const tree: Record<string, string> = {};
  if (!existsSync(root)) return tree;
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory).sort()) {
      const entry = path.join(directory, name);
      if (statSync(entry).isDirectory()) walk(entry);
      else tree[path.relative(root, entry).split(path.sep).join("/")] = readFileSync(entry, "latin1");
    }
  };
  walk(root);
  return tree;
}

async function run(caseFile: CleanupCase, source: string, target: string) {
  mkdirSync(target, { recursive: true });
  if (existsSync(source)) cpSync(source, target, { recursive: true });
  const config = resolveConfig(caseFile.config, target);
  return cleanup({ flag: caseFile.flag, value: caseFile.value, config, ...(caseFile.shallow === true && { shallow: true }) });
}

const cases = findCases(FIXTURES);

describe("cleanup fixtures", () => {
  it("has at least 60 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  for (const directory of cases) {
    const name = path.relative(FIXTURES, directory).split(path.sep).join("/");
    it(name, async () => {
      const caseFile = JSON.parse(readFileSync(path.join(directory, "case.json"), "utf8")) as CleanupCase;
      const target = path.join(scratch, name.replaceAll("/", "__"));
      const result = await run(caseFile, path.join(directory, "input"), target);
      expect(readTree(target)).toEqual(readTree(path.join(directory, "expected")));
      const problems = result.problems.map((p) => `${formatLocation(p.file, p.line, p.column)} ${p.message}`);
      expect(problems).toEqual(caseFile.problems ?? []);
      const deleted = result.testsDeleted.map((test) => `${test.file}:${test.line} ${test.part === "block" ? "part of " : ""}${test.name}`);
      expect(deleted).toEqual(caseFile.testsDeleted ?? []);

      const again = path.join(scratch, `${name.replaceAll("/", "__")}__again`);
      // Once nothing names the flag any more, a second cleanup is told so (a usage error) and writes nothing;
      // so is one whose one-file-per-flag registry folder the first run emptied.
      const second = await run(caseFile, path.join(directory, "expected"), again).catch((error: Error) => {
        expect(error.message).toMatch(/is not defined in any registry and nothing mentions it|^registry\[\d+\]\.path ".*" matches no file/);
        return { changes: [] };
      });
      expect(second.changes.map((change) => change.file)).toEqual([]);
      expect(readTree(again)).toEqual(readTree(path.join(directory, "expected")));
    });
  }
});
