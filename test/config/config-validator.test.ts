import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Ajv } from "ajv";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compileConfigValidator } from "../../src/config/config-validator.js";
import { readConfigJsonSchema } from "../../src/config/published-schema.js";

const BAD_CONFIGS: unknown[] = [
  { accessors: [{ call: 1 }] },
  { registry: [{ type: "nope", path: "x" }] },
  { naming: { patern: "x" } },
  { include: "src" },
  { rules: { "unknown-flag": "warnx" } },
  { accessors: [{ call: "isOn", arg: -1 }] },
];

describe("the config validator through the compile cache", () => {
  let temporary: string;
  let savedTmp: string | undefined;
  beforeEach(() => {
    temporary = mkdtempSync(path.join(tmpdir(), "flag-scan-validator-"));
    savedTmp = process.env["TMPDIR"];
    process.env["TMPDIR"] = temporary;
  });
  afterEach(() => {
    process.env["TMPDIR"] = savedTmp;
    if (savedTmp === undefined) delete process.env["TMPDIR"];
    rmSync(temporary, { recursive: true, force: true });
  });

  it("gives Ajv's own answers and errors, compiled or read back from the cache", () => {
    const schema = readConfigJsonSchema();
    const reference = new Ajv({ allErrors: false, strict: false, verbose: true }).compile(schema);
    const compiled = compileConfigValidator(schema);
    const cacheDir = path.join(temporary, `flag-scan-compile-cache-${process.getuid!()}`);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const cached = compileConfigValidator(schema);
    for (const config of [...BAD_CONFIGS, {}, { accessors: [{ call: "isOn" }], include: ["src/**"] }]) {
      const expected = reference(config);
      expect(compiled(config)).toBe(expected);
      expect(cached(config)).toBe(expected);
      expect(JSON.stringify(cached.errors?.[0])).toBe(JSON.stringify(reference.errors?.[0]));
      expect(JSON.stringify(compiled.errors?.[0])).toBe(JSON.stringify(reference.errors?.[0]));
    }
  });

  it("runs what the cache holds, and compiles again when it holds no validator", () => {
    const schema = readConfigJsonSchema();
    compileConfigValidator(schema);
    const cacheDir = path.join(temporary, `flag-scan-compile-cache-${process.getuid!()}`);
    const [name] = readdirSync(cacheDir);
    writeFileSync(path.join(cacheDir, name!), "module.exports = () => false;");
    expect(compileConfigValidator(schema)({})).toBe(false);
    writeFileSync(path.join(cacheDir, name!), "module.exports = 42;");
    expect(compileConfigValidator(schema)({})).toBe(true);
  });
});
