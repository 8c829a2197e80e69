import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { RegistryType, ResolvedRegistrySource } from "../../../src/config/schema.js";
import { loadDjangoMigrationsRegistry } from "../../../src/languages/python/django-migrations.js";
import { loadPythonRegistry } from "../../../src/languages/python/registry.js";
import { loadWaffleDbRegistry, sqlitePath } from "../../../src/registry/waffle-db.js";

const demo = fileURLToPath(new URL("../../../fixtures/demo/", import.meta.url));

function source(type: RegistryType, sourcePath: string, extra: Partial<ResolvedRegistrySource> = {}): ResolvedRegistrySource {
  return { type, path: sourcePath, index: 0, name: sourcePath, ...extra };
}

describe("python registry", () => {
  it("reads module-level string constants with their constant names and positions", async () => {
    const { definitions } = await loadPythonRegistry(source("python", "backend/feature_flags/flags.py"), { root: demo, configFile: undefined });
    expect(definitions.slice(0, 2).map(({ flag, file, line, column, constant }) => ({ flag, file, line, column, constant }))).toEqual([
      { flag: "ff_new_checkout", file: "backend/feature_flags/flags.py", line: 3, column: 16, constant: "NEW_CHECKOUT" },
      { flag: "ff_saved_carts", file: "backend/feature_flags/flags.py", line: 4, column: 15, constant: "SAVED_CARTS" },
    ]);
    expect(definitions).toHaveLength(14);
  });

  it("reads class attributes, honours export and keyPattern, and keeps trailing comments as descriptions", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "flag-scan-py-"));
    writeFileSync(
      path.join(root, "settings.py"),
      'DEBUG = "yes"\nfeature_search = "feature_search"  # new search backend\n\nclass Flags(str, Enum):\n    NEW = "ff_new"\n    count = 3\n',
    );
    const context = { root, configFile: undefined };
    const all = await loadPythonRegistry(source("python", "settings.py"), context);
    expect(all.definitions.map((d) => [d.constant, d.flag, d.metadata])).toEqual([
      ["DEBUG", "yes", {}],
      ["feature_search", "feature_search", { description: "new search backend" }],
      ["Flags.NEW", "ff_new", {}],
    ]);
    const onlyClass = await loadPythonRegistry(source("python", "settings.py", { export: "Flags" }), context);
    expect(onlyClass.definitions.map((d) => d.flag)).toEqual(["ff_new"]);
    const pattern = await loadPythonRegistry(source("python", "settings.py", { keyPattern: "^feature_" }), context);
    expect(pattern.definitions.map((d) => d.flag)).toEqual(["feature_search"]);
  });

  it("fails with a located one-line error on a syntax error, and on a missing file", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "flag-scan-py-"));
    writeFileSync(path.join(root, "flags.py"), 'A = "ff_a"\nB = ("ff_b"\n');
    const context = { root, configFile: path.join(root, "flag-scan.config.json") };
    await expect(loadPythonRegistry(source("python", "flags.py"), context)).rejects.toThrow("flags.py:2:5: invalid Python syntax: `(` is never closed");
    await expect(loadPythonRegistry(source("python", "nope.py"), context)).rejects.toThrow(
      'registry[0].path "nope.py" matches no file (flag-scan.config.json)',
    );
  });
});

describe("django-migrations registry", () => {
  it("replays creations and deletions of forward RunPython code in dependency order", async () => {
    const { definitions } = await loadDjangoMigrationsRegistry(source("django-migrations", "backend/*/migrations/*.py"), { root: demo, configFile: undefined });
    expect(definitions.map(({ flag, file, line, metadata }) => ({ flag, file, line, state: metadata.state, modified: metadata.modified }))).toEqual([
      { flag: "ff_new_checkout", file: "backend/feature_flags/migrations/0001_create_flags.py", line: 10, state: "on", modified: "2023-11-06T09:12:00.000Z" },
      { flag: "ff_payments_kill_switch", file: "backend/feature_flags/migrations/0001_create_flags.py", line: 11, state: "off", modified: "2023-11-06T09:12:00.000Z" },
      { flag: "ff_account_redesign", file: "backend/feature_flags/migrations/0001_create_flags.py", line: 12, state: "partial", modified: "2023-11-06T09:12:00.000Z" },
      { flag: "ff_saved_carts", file: "backend/feature_flags/migrations/0001_create_flags.py", line: 13, state: "partial", modified: "2023-11-06T09:12:00.000Z" },
      { flag: "ff_express_pay", file: "backend/feature_flags/migrations/0001_create_flags.py", line: 13, state: "partial", modified: "2023-11-06T09:12:00.000Z" },
      { flag: "ff_gift_cards", file: "backend/feature_flags/migrations/0001_create_flags.py", line: 13, state: "partial", modified: "2023-11-06T09:12:00.000Z" },
      { flag: "ff_dark_mode", file: "backend/feature_flags/migrations/0002_bulk_export_and_dark_mode.py", line: 10, state: "partial", modified: "2026-05-27T12:00:00.000Z" },
      { flag: "ff_bulk_export", file: "backend/feature_flags/migrations/0002_bulk_export_and_dark_mode.py", line: 11, state: "partial", modified: "2026-05-27T12:00:00.000Z" },
      { flag: "ff_order_tracking", file: "backend/feature_flags/migrations/0002_bulk_export_and_dark_mode.py", line: 12, state: "partial", modified: "2026-05-27T12:00:00.000Z" },
    ]);
  });

  it("orders by dependencies, not by file name", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "flag-scan-mig-"));
    mkdirSync(path.join(root, "a/migrations"), { recursive: true });
    mkdirSync(path.join(root, "b/migrations"), { recursive: true });
    const migration = (deps: string, body: string): string =>
      `from django.db import migrations\n\ndef f(apps, schema_editor):\n    Flag = apps.get_model("waffle.Flag")\n    ${body}\n\nclass Migration(migrations.Migration):\n    dependencies = [${deps}]\n    operations = [migrations.RunPython(f, migrations.RunPython.noop)]\n`;
    // a.0001 deletes what b.0001 created; a sorts first by name but depends on b.
    writeFileSync(path.join(root, "a/migrations/0001_drop.py"), migration('("b", "0001_make")', 'Flag.objects.get(name="ff_x").delete()'));
    writeFileSync(path.join(root, "b/migrations/0001_make.py"), migration("", 'Flag.objects.bulk_create([Flag(name="ff_x"), Flag(name="ff_y", everyone=True)])'));
    // b.0002 turns ff_y off and updates a flag that does not exist (which creates nothing).
    writeFileSync(
      path.join(root, "b/migrations/0002_off.py"),
      migration('("b", "0001_make")', 'Flag.objects.filter(name="ff_y").update(everyone=False)\n    Flag.objects.filter(name="ff_none").update(everyone=True)'),
    );
    const { definitions } = await loadDjangoMigrationsRegistry(source("django-migrations", "*/migrations/*.py"), { root, configFile: undefined });
    expect(definitions.map((d) => [d.flag, d.metadata.state, d.file])).toEqual([["ff_y", "off", "b/migrations/0001_make.py"]]);
  });
});

describe("waffle-db registry", () => {
  it("spells SQLite URLs like SQLAlchemy", () => {
    expect(sqlitePath("sqlite:///db/prod.sqlite3", "/repo")).toBe("/repo/db/prod.sqlite3");
    expect(sqlitePath("sqlite:////var/lib/prod.sqlite3", "/repo")).toBe("/var/lib/prod.sqlite3");
  });

  it("names an unset environment variable and a missing database", async () => {
    await expect(loadWaffleDbRegistry(source("waffle-db", "${NO_SUCH_FLAG_DB_URL}"), { root: demo, configFile: undefined })).rejects.toThrow(
      "registry[0].path uses ${NO_SUCH_FLAG_DB_URL}, which is not set",
    );
    await expect(loadWaffleDbRegistry(source("waffle-db", "sqlite:///missing.sqlite3"), { root: demo, configFile: undefined })).rejects.toThrow(
      /cannot read SQLite database .*missing\.sqlite3: ENOENT/,
    );
  });
});
