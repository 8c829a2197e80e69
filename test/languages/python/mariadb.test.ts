import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ResolvedRegistrySource } from "../../../src/config/schema.js";
import { loadDjangoMigrationsRegistry } from "../../../src/languages/python/django-migrations.js";
import { loadWaffleDbRegistry } from "../../../src/registry/waffle-db.js";
import { PYTHON } from "../../setup/django.js";
import { copyBackend, djangoAvailability } from "./django-helpers.js";

const django = djangoAvailability();
const mariadb = inject("mariadb");
const available = django.available && mariadb.available;
const label = available ? "" : ` (skipped: ${mariadb.reason ?? django.label})`;

function sh(command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): string {
  const result = spawnSync(command, args, { encoding: "utf8", env: { ...process.env, ...env }, cwd });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** A MariaDB server on loopback, started from Debian's binaries in a throw-away data directory. */
describe.skipIf(!available)(`waffle-db registry on a real MariaDB database${label}`, () => {
  const port = String(33_000 + (process.pid % 1000));
  let data: string;
  let copy: { dir: string; db: string };
  let server: ReturnType<typeof import("node:child_process").spawn> | undefined;
  const env = { SHOP_MYSQL_PORT: port, SHOP_MYSQL_USER: "shop", SHOP_MYSQL_PASSWORD: "s3cret-pw", PYTHONDONTWRITEBYTECODE: "1" };
  const manage = (...args: string[]) => sh(PYTHON, ["manage.py", ...args], env, path.join(copy.dir, "backend"));
  const url = `mysql://shop:s3cret-pw@127.0.0.1:${port}/shop`;
  const source = (overrides: Partial<ResolvedRegistrySource> = {}): ResolvedRegistrySource => ({ type: "waffle-db", path: url, index: 0, name: "production", environment: "production", ...overrides });

  beforeAll(async () => {
    data = mkdtempSync(path.join(tmpdir(), "flag-scan-mariadb-"));
    const user = process.getuid?.() === 0 ? ["--user=root"] : [];
    sh("/usr/bin/mariadb-install-db", ["--no-defaults", `--datadir=${data}/db`, ...user, "--auth-root-authentication-method=socket", "--skip-test-db"]);
    const { spawn } = await import("node:child_process");
    server = spawn("/usr/sbin/mariadbd", ["--no-defaults", `--datadir=${data}/db`, ...user, "--bind-address=127.0.0.1", `--port=${port}`, `--socket=${data}/sock`, `--pid-file=${data}/pid`, "--skip-log-bin"], { stdio: "ignore" });
    for (let i = 0; i < 150 && !existsSync(`${data}/sock`); i++) await new Promise((resolve) => setTimeout(resolve, 200));
    sh("/usr/bin/mariadb", [`--socket=${data}/sock`, "-u", "root", "-e", "CREATE DATABASE shop; CREATE USER 'shop'@'127.0.0.1' IDENTIFIED BY 's3cret-pw'; GRANT ALL ON *.* TO 'shop'@'127.0.0.1';"]);
    copy = copyBackend();
    manage("migrate", "--verbosity", "0");
  }, 120_000);
  afterAll(async () => {
    if (server !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
    }
    if (data !== undefined) rmSync(data, { recursive: true, force: true });
    if (copy !== undefined) rmSync(copy.dir, { recursive: true, force: true });
  }, 30_000);

  it("reads flags, switches and samples made by migrations and the ORM, as the migrations registry predicts, without printing the password", async () => {
    manage(
      "shell",
      "-c",
      [
        "from waffle.models import Flag, Sample, Switch",
        'Switch.objects.create(name="maintenance_mode", active=True)',
        'Sample.objects.create(name="survey", percent=25)',
        'Flag.objects.create(name="ff_staff_preview", staff=True)',
      ].join("\n"),
    );
    const { definitions, files } = await loadWaffleDbRegistry(source(), { root: copy.dir, configFile: undefined });
    const fromMigrations = await loadDjangoMigrationsRegistry({ type: "django-migrations", path: "backend/*/migrations/*.py", index: 1, name: "migrations" }, { root: copy.dir, configFile: undefined });
    const flags = definitions.filter((d) => d.kind === undefined && d.flag !== "ff_staff_preview");
    expect(flags.map((d) => [d.flag, d.metadata.state]).sort()).toEqual(fromMigrations.definitions.map((d) => [d.flag, d.metadata.state]).sort());
    expect(definitions.filter((d) => d.kind !== undefined || d.flag === "ff_staff_preview").map((d) => [d.kind ?? "flag", d.flag, d.metadata.state, d.metadata.stateNote ?? null])).toEqual([
      ["flag", "ff_staff_preview", "partial", "on for superusers, staff"],
      ["switch", "maintenance_mode", "on", null],
      ["sample", "survey", "partial", "on for 25% of checks"],
    ]);
    expect(files).toEqual([]);
    expect(definitions[0]!.file).toBe(`mysql://shop@127.0.0.1:${port}/shop`);
    // What reports print of a definition: everything but the configured source (which holds the URL as written).
    expect(JSON.stringify(definitions.map(({ source: _source, ...printed }) => printed))).not.toContain("s3cret-pw");
  });

  it("says in one line what failed, without the password", async () => {
    const wrong = source({ path: `mysql://shop:wrong-pw@127.0.0.1:${port}/shop` });
    const error = (await loadWaffleDbRegistry(wrong, { root: copy.dir, configFile: undefined }).catch((caught: unknown) => caught)) as Error;
    expect(error.message).toMatch(new RegExp(`^registry\\[0\\] \\(production\\): cannot read waffle_flag from mysql://shop@127\\.0\\.0\\.1:${port}/shop: Access denied for user 'shop'@'localhost'`));
    expect(error.message).not.toContain("wrong-pw");
    expect(error.message.split("\n")).toHaveLength(1);
    const custom = (await loadWaffleDbRegistry(source({ model: "shop.Flag" }), { root: copy.dir, configFile: undefined }).catch((caught: unknown) => caught)) as Error;
    expect(custom.message).toContain("cannot read shop_flag from");
  });

  it("keeps the migration graph consistent: migrate backwards and forwards, then check", async () => {
    manage("migrate", "feature_flags", "zero", "--verbosity", "0");
    const none = await loadWaffleDbRegistry(source(), { root: copy.dir, configFile: undefined });
    expect(none.definitions.filter((d) => d.kind === undefined).map((d) => d.flag)).toEqual(["ff_staff_preview"]);
    manage("migrate", "--verbosity", "0");
    expect(manage("check")).toContain("System check identified no issues");
    const again = await loadWaffleDbRegistry(source(), { root: copy.dir, configFile: undefined });
    expect(again.definitions.map((d) => d.flag)).toContain("ff_new_checkout");
  });
});
