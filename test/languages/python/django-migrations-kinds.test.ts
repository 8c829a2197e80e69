import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ResolvedRegistrySource } from "../../../src/config/schema.js";
import { loadDjangoMigrationsRegistry } from "../../../src/languages/python/django-migrations.js";

const root = fileURLToPath(new URL("../../../fixtures/scan/django/switches-and-samples/", import.meta.url));
const source: ResolvedRegistrySource = { type: "django-migrations", path: "shop/migrations/*.py", index: 0, name: "migrations" };

describe("django-migrations registry: switches, samples and the shapes teams write", () => {
  it("replays module-level tuples, dicts, loops, comprehensions, get_model aliases and name__in deletions", async () => {
    const { definitions, problems } = await loadDjangoMigrationsRegistry(source, { root, configFile: undefined });
    expect(
      definitions
        .map((d) => ({ flag: d.flag, kind: d.kind ?? "flag", at: `${path.basename(d.file)}:${d.line}`, state: d.metadata.state ?? null, note: d.metadata.stateNote ?? null }))
        .sort((a, b) => (a.kind + a.flag < b.kind + b.flag ? -1 : 1)),
    ).toEqual([
      // The dict's keys, through a comprehension in bulk_create; only names are given, so waffle's defaults hold.
      { flag: "beta_cart", kind: "flag", at: "0001_toggles.py:12", state: "partial", note: "on for superusers" },
      { flag: "new_checkout", kind: "flag", at: "0001_toggles.py:11", state: "partial", note: "on for superusers" },
      { flag: "survey_sample", kind: "sample", at: "0001_toggles.py:24", state: "partial", note: "on for 5% of checks" },
      // The same name as a flag is another row: waffle keeps switches in their own table.
      { flag: "beta_cart", kind: "switch", at: "0001_toggles.py:25", state: "on", note: null },
      // `defaults={"active": active}` from a loop over tuples: the state cannot be known.
      { flag: "emails_paused", kind: "switch", at: "0001_toggles.py:9", state: null, note: null },
      { flag: "maintenance_mode", kind: "switch", at: "0001_toggles.py:6", state: "off", note: null },
      { flag: "payments_kill", kind: "switch", at: "0001_toggles.py:9", state: null, note: null },
      // old_search: created from the tuple in 0001, deleted through `name__in=OLD` in 0002.
    ]);
    expect(problems).toEqual([
      {
        file: "shop/migrations/0001_toggles.py",
        line: 26,
        column: 36,
        message: "a waffle flag created or deleted here has a name flag-scan cannot know statically (`compute_name()`); the registry may miss it",
      },
    ]);
  });
});
