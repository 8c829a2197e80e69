import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../../src/cli/main.js";
import { scan } from "../../../src/index.js";
import { copyBackend, djangoAvailability, djangoShell, manage } from "./django-helpers.js";

const django = djangoAvailability();

/**
 * The incident flag-scan exists for: someone deleted a flag's row from the production database while
 * a Django view still checked it, so the view 404'd for everyone. CI reads production's waffle_flag
 * table and must fail, naming the view.
 */
describe.skipIf(!django.available)(`incident: a flag row deleted from production while a view checks it${django.label}`, () => {
  let copy: { dir: string; db: string };
  beforeAll(() => {
    copy = copyBackend();
    writeFileSync(
      path.join(copy.dir, "flag-scan.config.json"),
      JSON.stringify({
        include: ["backend/**/*.py"],
        presets: ["waffle"],
        registry: [
          { type: "python", path: "backend/feature_flags/flags.py", name: "backend-flags" },
          { type: "waffle-db", path: "sqlite:///${PRODUCTION_DB}", name: "production-db", environment: "production" },
        ],
      }),
    );
    // Production is migrated like every other environment.
    manage(copy, "migrate", "--verbosity", "0");
    process.env.PRODUCTION_DB = copy.db;
  });

  const drift = async () =>
    (await scan({ cwd: copy.dir })).findings
      .filter((finding) => finding.rule === "environment-drift" && finding.flag === "ff_bulk_export")
      .map(({ file, line, column, severity }) => ({ file, line, column, severity }));

  it("is quiet about the flag while its row exists", async () => {
    expect(await drift()).toEqual([]);
  });

  it("fails with environment-drift naming the view once the row is deleted", async () => {
    djangoShell(copy, 'from waffle.models import Flag\nFlag.objects.filter(name="ff_bulk_export").delete()');
    expect(await drift()).toEqual([{ file: "backend/storefront/views.py", line: 25, column: 14, severity: "error" }]);

    let stdout = "";
    const code = await run(["--format", "json"], { stdout: (text) => void (stdout += text), stderr: () => undefined, cwd: copy.dir, env: process.env, isTTY: false });
    expect(code).toBe(1);
    const finding = (JSON.parse(stdout) as { findings: Array<{ rule: string; flag?: string; file?: string; line?: number; message: string }> }).findings.find(
      (f) => f.rule === "environment-drift" && f.flag === "ff_bulk_export",
    );
    expect(finding).toMatchObject({ file: "backend/storefront/views.py", line: 25 });
    expect(finding!.message).toContain("`production`");
  });
});
