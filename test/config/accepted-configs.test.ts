import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acceptedConfigs } from "../../src/config/accepted-configs.js";
import { loadConfig } from "../../src/config/load-config.js";
import { writeTempProject } from "../helpers/temp-project.js";

let temporary: string;
let saved: { TMPDIR: string | undefined; NODE_DISABLE_COMPILE_CACHE: string | undefined };
beforeEach(() => {
  temporary = mkdtempSync(path.join(tmpdir(), "flag-scan-accepted-"));
  saved = { TMPDIR: process.env.TMPDIR, NODE_DISABLE_COMPILE_CACHE: process.env.NODE_DISABLE_COMPILE_CACHE };
  // The compile cache directory lives under the temporary directory Node reports.
  process.env.TMPDIR = temporary;
  delete process.env.NODE_DISABLE_COMPILE_CACHE;
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(temporary, { recursive: true, force: true });
});

const memo = () => {
  const directory = path.join(temporary, `flag-scan-compile-cache-${process.getuid!()}`);
  const name = existsSync(directory) ? readdirSync(directory).find((n) => n.startsWith("accepted-configs-")) : undefined;
  return name === undefined ? [] : (JSON.parse(readFileSync(path.join(directory, name), "utf8")) as string[]);
};

describe("configs the schema accepted before (src/config/accepted-configs.ts)", () => {
  it("remembers a config that passed, and loads it the same the next time", async () => {
    const dir = writeTempProject({ "flag-scan.config.json": JSON.stringify({ accessors: [{ call: "isOn", keyPattern: "^ff_" }] }) });
    const first = await loadConfig({ cwd: dir });
    expect(memo()).toHaveLength(1);
    expect(acceptedConfigs(JSON.parse(readFileSync(path.join(dir, "flag-scan.config.json"), "utf8"))).acceptedBefore).toBe(true);
    const second = await loadConfig({ cwd: dir });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(memo()).toHaveLength(1);
  });

  it("never remembers a config the checks refuse: it is refused every time", async () => {
    const dir = writeTempProject({ "flag-scan.config.json": JSON.stringify({ accessors: [{ call: "isOn", keyPatern: "^ff_" }] }) });
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(/keyPatern is not a known key/);
    expect(memo()).toEqual([]);
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(/keyPatern is not a known key/);
    // Fixed, then broken again: the fixed one is remembered, the broken one still refused.
    writeFileSync(path.join(dir, "flag-scan.config.json"), JSON.stringify({ accessors: [{ call: "isOn", keyPattern: "^ff_" }] }));
    await loadConfig({ cwd: dir });
    writeFileSync(path.join(dir, "flag-scan.config.json"), JSON.stringify({ accessors: [{ call: "isOn", keyPattern: 3 }] }));
    await expect(loadConfig({ cwd: dir })).rejects.toThrow(/keyPattern/);
    expect(memo()).toHaveLength(1);
  });

  it("always checks a config that is not plain JSON data (a JavaScript config's functions do not survive the hash)", () => {
    expect(acceptedConfigs({ accessors: [{ call: "isOn", keyPattern: () => "^ff_" }] }).acceptedBefore).toBe(false);
    const plain = acceptedConfigs({ accessors: [{ call: "isOn" }] });
    plain.remember();
    expect(acceptedConfigs({ accessors: [{ call: "isOn", extra: undefined }] }).acceptedBefore).toBe(false);
    expect(acceptedConfigs({ accessors: [{ call: "isOn" }] }).acceptedBefore).toBe(true);
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE", async () => {
    process.env.NODE_DISABLE_COMPILE_CACHE = "1";
    const dir = writeTempProject({ "flag-scan.config.json": JSON.stringify({ accessors: [{ call: "isOn" }] }) });
    await loadConfig({ cwd: dir });
    expect(memo()).toEqual([]);
  });
});

describe("config JSON (src/config/load-config.ts parseJsonFile)", () => {
  it("reads strict JSON and JSON with comments and trailing commas alike, and a `__proto__` key as data", async () => {
    const strict = { accessors: [{ call: "isOn", keyPattern: "^ff_" }], naming: { pattern: "^ff_[a-z_]+$" } };
    const plain = writeTempProject({ "flag-scan.config.json": JSON.stringify(strict, null, 2) });
    const commented = writeTempProject({
      "flag-scan.config.json": `{\n  // the app's own check\n  "accessors": [{ "call": "isOn", "keyPattern": "^ff_", },],\n  /* slugs */ "naming": { "pattern": "^ff_[a-z_]+$" },\n}\n`,
    });
    const relative = (config: Awaited<ReturnType<typeof loadConfig>>) => JSON.stringify({ ...config, root: ".", configFile: path.basename(config.configFile ?? "") });
    expect(relative(await loadConfig({ cwd: commented }))).toBe(relative(await loadConfig({ cwd: plain })));
    // In strict JSON a `__proto__` key is a key like any other, not the object's prototype: the schema refuses it.
    const proto = writeTempProject({ "flag-scan.config.json": `{ "__proto__": { "accessors": [] } }` });
    await expect(loadConfig({ cwd: proto })).rejects.toThrow(/__proto__/);
  });
});
