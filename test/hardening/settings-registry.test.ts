import { describe, expect, it } from "vitest";
import { writeTempProject } from "../helpers/temp-project.js";
import { spawnCli } from "./helpers.js";

const SECRETS = ["s3cr3t-django-key-4f9a", "hunter2-db-password", "sk_live_51HxYz"];

describe("a python registry pointed at a settings module", () => {
  it("reads its flag constants and never prints its secrets, in any format", () => {
    const dir = writeTempProject({
      "flag-scan.config.json": JSON.stringify({ registry: [{ type: "python", path: "app/settings.py" }] }),
      "app/settings.py": `SECRET_KEY = "${SECRETS[0]}"\nDATABASE_PASSWORD = "${SECRETS[1]}"\nSTRIPE_API_KEY = "${SECRETS[2]}"\nFF_NEW_CHECKOUT = "ff_new_checkout"\n`,
      "src/a.ts": `isFeatureEnabled("ff_new_checkout");\n`,
    });
    for (const format of ["text", "json", "sarif", "github", "markdown", "gitlab", "html"]) {
      const run = spawnCli(["--format", format], dir);
      expect(run.code, run.stderr).toBe(0);
      for (const secret of SECRETS) expect(run.stdout + run.stderr, format).not.toContain(secret);
    }
    const json = JSON.parse(spawnCli(["--format", "json"], dir).stdout) as { flags: Array<{ flag: string }> };
    expect(json.flags.map((flag) => flag.flag)).toEqual(["ff_new_checkout"]);
  });
});
