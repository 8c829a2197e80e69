import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ResolvedRegistrySource } from "../../../src/config/schema.js";
import { run } from "../../../src/cli/main.js";
import { loadWaffleDbRegistry } from "../../../src/registry/waffle-db.js";
import { copyBackend, djangoAvailability, manage } from "./django-helpers.js";

const django = djangoAvailability();
const database: ResolvedRegistrySource = { type: "waffle-db", path: "sqlite:///db.sqlite3", index: 0, name: "db" };

async function flagsInDatabase(dir: string): Promise<Map<string, string | undefined>> {
  const { definitions } = await loadWaffleDbRegistry(database, { root: dir, configFile: undefined });
  return new Map(definitions.map((definition) => [definition.flag, definition.metadata.state]));
}

function io(cwd: string) {
  let stdout = "";
  let stderr = "";
  return {
    io: { stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text), cwd, env: {}, isTTY: false },
    output: () => ({ stdout, stderr }),
  };
}

describe.skipIf(!django.available)(`cleanup --migration on a real Django project${django.label}`, () => {
  let copy: { dir: string; db: string };
  let exitCode: number;
  let output: { stdout: string; stderr: string };
  beforeAll(async () => {
    copy = copyBackend();
    writeFileSync(
      path.join(copy.dir, "flag-scan.config.json"),
      JSON.stringify({
        include: ["backend/**/*.py", "backend/**/templates/**/*.html"],
        presets: ["waffle"],
        registry: [
          { type: "python", path: "backend/feature_flags/flags.py", name: "backend-flags" },
          { type: "django-migrations", path: "backend/*/migrations/*.py", name: "migrations" },
        ],
      }),
    );
    manage(copy, "migrate", "--verbosity", "0");
    const cli = io(copy.dir);
    exitCode = await run(["cleanup", "ff_new_checkout", "--value", "on", "--migration"], cli.io);
    output = cli.output();
  });

  it("rewrites the view, deletes the constant, inlines it in the migration that created the flag, and writes a new migration", () => {
    expect(output.stderr).toBe("");
    expect(exitCode).toBe(0);
    const backend = path.join(copy.dir, "backend");
    expect(readFileSync(path.join(backend, "feature_flags/flags.py"), "utf8")).not.toContain("NEW_CHECKOUT");
    const views = readFileSync(path.join(backend, "storefront/views.py"), "utf8");
    expect(views).toContain('def checkout(request):\n    # Saved carts only exist in the new checkout.\n    saved = flag_is_active(request, flags.SAVED_CARTS)\n    return render(request, "storefront/checkout.html", {"saved_carts": saved})\n');
    const created = readFileSync(path.join(backend, "feature_flags/migrations/0001_create_flags.py"), "utf8");
    expect(created).toContain("from feature_flags.flags import ACCOUNT_REDESIGN, PAYMENTS_KILL_SWITCH\n");
    expect(created).toContain('Flag.objects.create(name="ff_new_checkout", everyone=True,');
    expect(created).toContain('name__in=["ff_new_checkout", PAYMENTS_KILL_SWITCH,');
    const written = readFileSync(path.join(backend, "feature_flags/migrations/0003_delete_ff_new_checkout.py"), "utf8");
    expect(written).toContain('("feature_flags", "0002_bulk_export_and_dark_mode")');
    expect(written).toContain('Flag.objects.get_or_create(name=FLAG_NAME, defaults={"everyone": True, "note": "Rolled out to everyone after the Q1 2024 experiment"})');
  });

  it("the written migration deletes the row, and its reverse brings it back as it was", async () => {
    expect((await flagsInDatabase(copy.dir)).get("ff_new_checkout")).toBe("on");
    manage(copy, "migrate", "--verbosity", "0");
    const after = await flagsInDatabase(copy.dir);
    expect(after.has("ff_new_checkout")).toBe(false);
    expect(after.has("ff_saved_carts")).toBe(true);
    manage(copy, "migrate", "feature_flags", "0002", "--verbosity", "0");
    expect((await flagsInDatabase(copy.dir)).get("ff_new_checkout")).toBe("on");
  });

  it("every migration still runs on a fresh database without the deleted constant", async () => {
    const fresh = { dir: copy.dir, db: path.join(copy.dir, "fresh.sqlite3") };
    manage(fresh, "migrate", "--verbosity", "0");
    const { definitions } = await loadWaffleDbRegistry({ ...database, path: "sqlite:///fresh.sqlite3" }, { root: copy.dir, configFile: undefined });
    expect(definitions.map((definition) => definition.flag)).not.toContain("ff_new_checkout");
    expect(definitions.map((definition) => definition.flag)).toContain("ff_account_redesign");
  });
});
