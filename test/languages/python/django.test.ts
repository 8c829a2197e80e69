import { beforeAll, describe, expect, it } from "vitest";
import type { RegistryType, ResolvedRegistrySource } from "../../../src/config/schema.js";
import { loadDjangoMigrationsRegistry } from "../../../src/languages/python/django-migrations.js";
import { loadWaffleDbRegistry } from "../../../src/registry/waffle-db.js";
import { copyBackend, djangoAvailability, djangoShell, manage } from "./django-helpers.js";

const django = djangoAvailability();

function source(type: RegistryType, sourcePath: string): ResolvedRegistrySource {
  return { type, path: sourcePath, index: 0, name: type, environment: "production" };
}

// A real Django project (fixtures/demo/backend) with django-waffle and a real SQLite database.
describe.skipIf(!django.available)(`waffle registries against a real Django database${django.label}`, () => {
  let copy: { dir: string; db: string };
  beforeAll(() => {
    copy = copyBackend();
    manage(copy, "migrate", "--verbosity", "0");
  });

  it("the migrations registry predicts exactly the rows Django's migrations leave in waffle_flag", async () => {
    const context = { root: copy.dir, configFile: undefined };
    const fromMigrations = await loadDjangoMigrationsRegistry(source("django-migrations", "backend/*/migrations/*.py"), context);
    const fromDatabase = await loadWaffleDbRegistry(source("waffle-db", "sqlite:///db.sqlite3"), context);
    const byName = (definitions: typeof fromDatabase.definitions) =>
      definitions.map((d) => [d.flag, d.metadata.state ?? "partial"]).sort();
    expect(byName(fromDatabase.definitions)).toEqual(byName(fromMigrations.definitions));
    expect(fromDatabase.definitions.map((d) => d.flag)).toContain("ff_bulk_export");
    expect(fromDatabase.definitions.map((d) => d.flag)).not.toContain("ff_coming_soon_splash");
    expect(fromDatabase.files).toEqual([copy.db]);
    expect(fromDatabase.definitions[0]!.file).toBe("db.sqlite3");
  });

  it("reads flags created through Django's ORM, with the fields dumpdata exports", async () => {
    djangoShell(
      copy,
      [
        "from waffle.models import Flag",
        'Flag.objects.create(name="ff_orm_made", percent=50, note="made in a test")',
        'Flag.objects.filter(name="ff_gift_cards").update(everyone=False)',
      ].join("\n"),
    );
    const dumped = JSON.parse(manage(copy, "dumpdata", "waffle.flag")) as Array<{ fields: { name: string; everyone: boolean | null; percent: string | null; modified: string } }>;
    const { definitions } = await loadWaffleDbRegistry(source("waffle-db", `sqlite:///${copy.db}`), { root: "/", configFile: undefined });
    expect(definitions.map((d) => d.flag).sort()).toEqual(dumped.map((row) => row.fields.name).sort());
    const made = definitions.find((d) => d.flag === "ff_orm_made")!;
    const dumpedMade = dumped.find((row) => row.fields.name === "ff_orm_made")!.fields;
    expect(made.metadata).toMatchObject({ state: "partial", description: "made in a test" });
    expect(new Date(made.metadata.modified!).getTime()).toBe(new Date(dumpedMade.modified).getTime());
    expect(definitions.find((d) => d.flag === "ff_gift_cards")!.metadata.state).toBe("off");
  });

  it("reads switches and samples created through the ORM, each with its kind, next to a flag of the same name", async () => {
    djangoShell(
      copy,
      [
        "from waffle.models import Sample, Switch",
        'Switch.objects.create(name="maintenance_mode", active=True)',
        'Switch.objects.create(name="ff_bulk_export")',
        'Sample.objects.create(name="survey", percent=5)',
      ].join("\n"),
    );
    const { definitions } = await loadWaffleDbRegistry(source("waffle-db", `sqlite:///${copy.db}`), { root: "/", configFile: undefined });
    expect(definitions.filter((d) => d.kind !== undefined).map((d) => [d.kind, d.flag, d.metadata.state, d.metadata.stateNote ?? null])).toEqual([
      ["switch", "ff_bulk_export", "off", null],
      ["switch", "maintenance_mode", "on", null],
      ["sample", "survey", "partial", "on for 5% of checks"],
    ]);
    expect(definitions.filter((d) => d.flag === "ff_bulk_export").map((d) => d.kind ?? "flag")).toEqual(["flag", "switch"]);
  });

  it("reads a custom flag table by `table`, and names it in a one-line error when it is not there", async () => {
    const custom = { ...source("waffle-db", `sqlite:///${copy.db}`), table: "waffle_flag" };
    expect((await loadWaffleDbRegistry(custom, { root: "/", configFile: undefined })).definitions.length).toBeGreaterThan(0);
    await expect(loadWaffleDbRegistry({ ...custom, table: undefined, model: "shop.Flag" }, { root: "/", configFile: undefined })).rejects.toMatchObject({
      message: `${copy.db}: cannot read the shop_flag table: no such table: shop_flag`,
      hint: "is `shop_flag` the db_table of your WAFFLE_FLAG_MODEL? Set the source's `table` to it",
    });
    await expect(loadWaffleDbRegistry({ ...custom, table: "flag; DROP TABLE x" }, { root: "/", configFile: undefined })).rejects.toThrow(/is not a table name/);
  });
});
