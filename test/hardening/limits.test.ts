import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "vitest";
import { writeTempProject } from "../helpers/temp-project.js";
import { expectCleanFailure, spawnCli } from "./helpers.js";

function yamlProject(yaml: string): string {
  return writeTempProject({
    "flag-scan.config.json": JSON.stringify({ registry: [{ type: "yaml", path: "flags.yaml" }] }),
    "flags.yaml": yaml,
    "src/a.ts": `isFeatureEnabled("ff_a");\n`,
  });
}

describe("YAML and file size limits", () => {
  it("a self-referencing alias is a located RegistryError, not a RangeError", () => {
    const dir = yamlProject("flags: &loop\n  - ff_a\n  - *loop\n");
    expectCleanFailure(spawnCli([], dir), 2, /^RegistryError: flags\.yaml:3:5: YAML alias \*loop refers to a node that contains it$/m);
  });

  it("a nine-level alias bomb is refused quickly, naming the limit", () => {
    const levels = ["a: &a [ff_a, ff_a, ff_a, ff_a, ff_a, ff_a, ff_a, ff_a, ff_a]"];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const dir = yamlProject(`${levels.join("\n")}\n`);
    expectCleanFailure(spawnCli([], dir), 2, /^RegistryError: flags\.yaml:\d+:\d+: YAML aliases expand to more than 100000 nodes$/m);
  });

  it("a registry file over the size limit is refused, naming the limit and the file", () => {
    const dir = yamlProject("");
    writeFileSync(path.join(dir, "flags.yaml"), `flags:\n${"  - ff_a\n".repeat(4 * 1024 * 1024)}`);
    expectCleanFailure(spawnCli([], dir), 2, /^RegistryError: registry file flags\.yaml is 36 MiB, over the 32 MiB limit for this kind of file$/m);
  });

  it("a config file over the size limit is refused, naming the limit and the file", () => {
    const dir = writeTempProject({ "src/a.ts": `isFeatureEnabled("ff_a");\n` });
    writeFileSync(path.join(dir, "flag-scan.config.json"), `{"exclude": [${Array(200_000).fill('"x/**"').join(",")}]}`);
    expectCleanFailure(spawnCli([], dir), 2, /^ConfigError: .*flag-scan\.config\.json is 1.\d MiB, over the 1 MiB limit for this kind of file$/m);
  });
});
