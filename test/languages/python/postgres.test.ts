import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ResolvedRegistrySource } from "../../../src/config/schema.js";
import { loadWaffleDbRegistry } from "../../../src/registry/waffle-db.js";
import { PYTHON } from "../../setup/django.js";
import { copyBackend, djangoAvailability } from "./django-helpers.js";

const django = djangoAvailability();
const postgres = inject("postgres");
const available = django.available && postgres.available;
const label = available ? "" : ` (skipped: ${postgres.reason ?? django.label})`;

function sh(command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): string {
  // The server refuses to run as root: the Debian package's `postgres` user runs it.
  const asPostgres = process.getuid?.() === 0 && command.startsWith(postgres.bin ?? "/nonexistent");
  const result = asPostgres
    ? spawnSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8", env: { ...process.env, ...env }, cwd })
    : spawnSync(command, args, { encoding: "utf8", env: { ...process.env, ...env }, cwd });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** A PostgreSQL server on loopback, started from the Debian binaries in a throw-away data directory. */
describe.skipIf(!available)(`waffle-db registry on a real PostgreSQL database${label}`, () => {
  const port = String(54_000 + (process.pid % 1000));
  let data: string;
  let copy: { dir: string; db: string };
  beforeAll(() => {
    data = mkdtempSync(path.join(tmpdir(), "flag-scan-pg-"));
    chmodSync(data, 0o777);
    const bin = postgres.bin!;
    sh(`${bin}/initdb`, ["-D", `${data}/db`, "-A", "trust", "-U", "postgres", "--no-sync"]);
    sh(`${bin}/pg_ctl`, ["-D", `${data}/db`, "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${data}`, "-l", `${data}/log`, "-w", "start"]);
    sh(`${bin}/createdb`, ["-h", "127.0.0.1", "-p", port, "-U", "postgres", "shop"]);
    copy = copyBackend();
    sh(PYTHON, ["manage.py", "migrate", "--verbosity", "0"], { SHOP_PG_PORT: port, PYTHONDONTWRITEBYTECODE: "1" }, path.join(copy.dir, "backend"));
  });
  afterAll(() => {
    if (data === undefined) return;
    try {
      sh(`${postgres.bin}/pg_ctl`, ["-D", `${data}/db`, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  it("reads the flags Django's migrations wrote, with their state, and keeps the password out of reports", async () => {
    process.env.FLAG_SCAN_TEST_PG = `postgres://postgres:secret@127.0.0.1:${port}/shop`;
    const source: ResolvedRegistrySource = { type: "waffle-db", path: "${FLAG_SCAN_TEST_PG}", index: 0, name: "production", environment: "production" };
    const { definitions, files } = await loadWaffleDbRegistry(source, { root: copy.dir, configFile: undefined });
    expect(files).toEqual([]);
    expect(definitions.map((definition) => [definition.flag, definition.metadata.state])).toEqual([
      ["ff_account_redesign", "partial"],
      ["ff_bulk_export", "partial"],
      ["ff_dark_mode", "partial"],
      ["ff_express_pay", "partial"],
      ["ff_gift_cards", "partial"],
      ["ff_new_checkout", "on"],
      ["ff_order_tracking", "partial"],
      ["ff_payments_kill_switch", "off"],
      ["ff_saved_carts", "partial"],
    ]);
    expect(definitions[0]!.file).toBe(`postgres://postgres@127.0.0.1:${port}/shop`);
    expect(definitions.find((d) => d.flag === "ff_new_checkout")!.metadata.description).toBe("Rolled out to everyone after the Q1 2024 experiment");
  });

  it("names the database in a one-line error when it cannot connect", async () => {
    const source: ResolvedRegistrySource = { type: "waffle-db", path: `postgres://postgres@127.0.0.1:${port}/missing_db`, index: 2, name: "staging" };
    await expect(loadWaffleDbRegistry(source, { root: copy.dir, configFile: undefined })).rejects.toThrow(
      'registry[2] (staging): cannot read waffle_flag from PostgreSQL: database "missing_db" does not exist',
    );
  });
});
