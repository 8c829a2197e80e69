import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RegistrySourceConfig } from "../../src/config/schema.js";
import { loadProjectRegistry } from "../../src/engine.js";
import { configWithRegistry } from "./helpers.js";

const DEMO = path.resolve(import.meta.dirname, "../../fixtures/demo");

/** The demo's JSON and YAML registries: the facts its planted problems rely on. */
describe("demo registries", () => {
  const { registry } = JSON.parse(readFileSync(path.join(DEMO, "flag-scan.config.json"), "utf8")) as { registry: RegistrySourceConfig[] };
  const fileSources = registry.filter((source) => source.type === "yaml" || source.type === "waffle");
  const enumSlugs = [...readFileSync(path.join(DEMO, "src/featureFlags.ts"), "utf8").matchAll(/= "([^"]+)"/g)].map((m) => m[1]);

  it("loads the catalog and the production export", async () => {
    const loaded = await loadProjectRegistry(configWithRegistry(DEMO, fileSources));
    const states = Object.fromEntries(
      [...loaded.bySlug].map(([slug, definitions]) => [
        slug,
        definitions.map((d) => [d.source.type, d.line, d.metadata.state ?? "-", d.metadata.modified ?? d.metadata.expires ?? "-"].join(" ")),
      ]),
    );
    expect(states).toEqual({
      ff_new_checkout: ["yaml 4 - -", "waffle 2 on 2024-02-20T16:03:10Z"],
      ff_saved_carts: ["yaml 9 - -", "waffle 22 partial 2026-11-03T10:41:27Z"],
      ff_express_pay: ["yaml 14 - -", "waffle 42 partial 2026-10-12T09:15:00Z"],
      ff_gift_cards: ["yaml 19 - -", "waffle 62 partial 2026-11-10T14:22:05Z"],
      ff_payments_kill_switch: ["yaml 24 - -", "waffle 84 off 2023-05-09T22:10:31Z"],
      ff_dark_mode: ["yaml 29 - -", "waffle 104 partial 2026-09-01T08:30:00Z"],
      ff_holiday_banner: ["yaml 34 - 2025-01-15", "waffle 124 partial 2024-12-01T06:00:00Z"],
      newSearch: ["yaml 40 - -", "waffle 146 partial 2026-10-30T11:11:11Z"],
      ff_bulk_export: ["yaml 45 - -"],
      ff_account_redesign: ["yaml 50 - -", "waffle 166 partial 2026-11-12T17:45:00Z"],
      ff_address_book: ["yaml 55 - -", "waffle 186 partial 2026-10-21T10:30:00Z"],
      ff_order_tracking: ["yaml 60 - -", "waffle 210 partial 2026-11-18T09:05:00Z"],
      ff_one_click_reorder: ["yaml 65 - -", "waffle 230 partial 2026-09-22T13:00:00Z"],
      ff_recommendations: ["yaml 70 - -", "waffle 250 partial 2026-10-05T10:00:00Z"],
    });
    expect(loaded.bySlug.get("ff_payments_kill_switch")?.[0]?.metadata.permanent).toBe(true);
  });

  it("defines every enum flag but the planted unused one, and no flag the enum lacks", async () => {
    const loaded = await loadProjectRegistry(configWithRegistry(DEMO, fileSources));
    expect(enumSlugs.filter((slug) => !loaded.bySlug.has(slug!))).toEqual(["ff_legacy_invoice_pdf"]);
    expect([...loaded.bySlug.keys()].filter((slug) => !enumSlugs.includes(slug))).toEqual([]);
  });
});
