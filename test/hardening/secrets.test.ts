import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTempProject } from "../helpers/temp-project.js";
import { startFakePostgres } from "./fake-postgres.js";
import { eslintMessages, expectCleanFailure, spawnCli, spawnCliAsync, spawnEslintAsync } from "./helpers.js";

const PASSWORD = "s3cretPW";
const ENV_USER = "svc-hunter2";

let database: Awaited<ReturnType<typeof startFakePostgres>>;
let dir: string;

beforeAll(async () => {
  database = await startFakePostgres(["ff_used", "ff_unused"]);
  dir = writeTempProject({
    "flag-scan.config.json": JSON.stringify({
      registry: [
        { type: "waffle-db", path: `postgres://u:${PASSWORD}@127.0.0.1:${database.port}/shop` },
        { type: "waffle-db", path: `postgres://\${DB_USER}@127.0.0.1:${database.port}/shop`, name: "via-env" },
        { type: "json", path: "prod.json", environment: "production" },
      ],
    }),
    "prod.json": JSON.stringify({ flags: ["ff_unused"] }),
    "src/a.ts": `if (isFeatureEnabled("ff_used")) run();\n`,
  });
});

afterAll(() => database?.close());

function expectNoSecret(text: string): void {
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(ENV_USER);
}

describe("a planted password never reaches any output", () => {
  for (const format of ["text", "json", "sarif", "github", "markdown", "gitlab"]) {
    it(`--format ${format}`, async () => {
      const summary = path.join(dir, `summary-${format}.md`);
      const run = await spawnCliAsync(["--format", format], dir, { DB_USER: ENV_USER, GITHUB_STEP_SUMMARY: summary });
      expect(run.code, run.stderr).toBe(1);
      // The report does name the database source, with the password masked.
      expect(run.stdout).toContain("ff_used");
      expect(run.stdout).toContain("u@127.0.0.1");
      expectNoSecret(run.stdout + run.stderr);
      if (format === "github") {
        expect(existsSync(summary)).toBe(true);
        expectNoSecret(readFileSync(summary, "utf8"));
      }
    });
  }

  it("stderr, when the connection fails", () => {
    const failing = writeTempProject({
      "flag-scan.config.json": JSON.stringify({ registry: [{ type: "waffle-db", path: `postgres://u:${PASSWORD}@127.0.0.1:1/shop` }] }),
      "src/a.ts": `isFeatureEnabled("ff_used");\n`,
    });
    const run = spawnCli([], failing);
    expectCleanFailure(run, 2, /^RegistryError: registry\[0\] \(postgres:\/\/u@127\.0\.0\.1:1\/shop\): cannot read waffle_flag from PostgreSQL/m);
    expectNoSecret(run.stdout + run.stderr);
  });

  it("the value of an expanded ${ENV} variable, when the connection fails", () => {
    const failing = writeTempProject({
      "flag-scan.config.json": JSON.stringify({ registry: [{ type: "waffle-db", path: "postgres://${DB_USER}:x@${DB_HOST}:1/shop" }] }),
      "src/a.ts": `isFeatureEnabled("ff_used");\n`,
    });
    // pg puts the host it could not reach into its message.
    const run = spawnCli([], failing, { DB_USER: ENV_USER, DB_HOST: "127.0.0.1" });
    expect(run.code, run.stderr).toBe(2);
    expectNoSecret(run.stdout + run.stderr);
    expect(run.stderr).not.toContain("127.0.0.1");
  });

  it("the ESLint plugin's messages", async () => {
    const run = await spawnEslintAsync(dir, [], { DB_USER: ENV_USER });
    const messages = eslintMessages(run).flatMap((file) => file.messages);
    const drift = messages.find((m) => m.ruleId === "flag-scan/environment-drift");
    expect(drift?.message).toContain("postgres://u@127.0.0.1");
    expectNoSecret(run.stdout + run.stderr);
  });
});
