import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import { run } from "../../src/cli/main.js";
import type { ScanResult } from "../../src/result.js";
import { runCli } from "../helpers/cli.js";
import { writeTempProject } from "../helpers/temp-project.js";

const demo = fileURLToPath(new URL("../../fixtures/demo/", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function app(files: Record<string, string>): string {
  const dir = writeTempProject(files);
  dirs.push(dir);
  return dir;
}

const config = (dir: string) => JSON.parse(readFileSync(path.join(dir, "flag-scan.config.json"), "utf8"));

/** Runs `init --yes`, then the scan it configured, and returns both. */
async function initAndScan(dir: string) {
  const init = await runCli(["init", "--yes"], dir);
  const scan = await runCli(["--format", "json"], dir);
  return { init, scan, result: JSON.parse(scan.stdout) as ScanResult };
}

const checkedFlags = (result: ScanResult) => [...new Set(result.references.map((r) => r.flag))].sort();

interface PresetApp {
  preset: string;
  files: Record<string, string>;
  registry: Array<{ type: string; path: string }>;
  flags: string[];
}

/** One small app per SDK preset, each with the kind of registry such an app has. */
const presetApps: PresetApp[] = [
  {
    preset: "launchdarkly",
    files: {
      "package.json": JSON.stringify({ dependencies: { "@launchdarkly/node-server-sdk": "^9.0.0" } }),
      "src/featureFlags.ts": 'export enum Flags {\n  NewCheckout = "ff_new_checkout",\n  DarkMode = "ff_dark_mode",\n}\n',
      "src/server.ts":
        'import { Flags } from "./featureFlags";\ndeclare const client: { variation(key: string, ctx: object, d: boolean): Promise<boolean> };\nexport async function page(ctx: object) {\n  return (await client.variation(Flags.NewCheckout, ctx, false)) ? "new" : "old";\n}\n',
    },
    registry: [{ type: "typescript", path: "src/featureFlags.ts" }],
    flags: ["ff_new_checkout"],
  },
  {
    preset: "openfeature",
    files: {
      "package.json": JSON.stringify({ dependencies: { "@openfeature/web-sdk": "^1.0.0" } }),
      "src/flags.ts": 'export const FLAGS = {\n  search: "ff_new_search",\n  banner: "ff_banner",\n} as const;\n',
      "src/app.ts":
        'import { FLAGS } from "./flags";\ndeclare const client: { getBooleanValue(key: string, d: boolean): boolean };\nexport const search = client.getBooleanValue(FLAGS.search, false);\nexport const banner = client.getBooleanValue(FLAGS.banner, false);\n',
    },
    registry: [{ type: "typescript", path: "src/flags.ts" }],
    flags: ["ff_banner", "ff_new_search"],
  },
  {
    preset: "growthbook",
    files: {
      "package.json": JSON.stringify({ dependencies: { "@growthbook/growthbook-react": "^1.0.0", react: "^18.0.0" } }),
      ".featureFlags/ff_wishlist.json": JSON.stringify({ key: "ff_wishlist", owner: "team-web" }),
      ".featureFlags/ff_reviews.json": JSON.stringify({ key: "ff_reviews", owner: "team-web" }),
      "src/Product.tsx":
        'import { useFeatureIsOn } from "@growthbook/growthbook-react";\nexport function Product() {\n  const wishlist = useFeatureIsOn("ff_wishlist");\n  return wishlist ? <b>wish</b> : null;\n}\n',
    },
    registry: [{ type: "json", path: ".featureFlags/**/*.json" }],
    flags: ["ff_wishlist"],
  },
  {
    preset: "posthog",
    files: {
      "package.json": JSON.stringify({ dependencies: { "posthog-js": "^1.0.0" } }),
      "config/feature-flags.json": JSON.stringify({ flags: { ff_onboarding: { owner: "growth" }, ff_pricing: { owner: "growth" } } }),
      "src/main.ts": 'import posthog from "posthog-js";\nif (posthog.isFeatureEnabled("ff_onboarding")) console.log("hi");\n',
    },
    registry: [{ type: "json", path: "config/feature-flags.json" }],
    flags: ["ff_onboarding"],
  },
  {
    preset: "unleash",
    files: {
      "requirements.txt": "Django==4.2\nUnleashClient>=5.0  # flags\n",
      "app/flags.py": 'NEW_CART = "ff_new_cart"\nQUICK_BUY = "ff_quick_buy"\n',
      "app/views.py":
        "from app.flags import NEW_CART\nfrom app.unleash import client\n\n\ndef cart(request):\n    if client.is_enabled(NEW_CART):\n        return 'new'\n    return 'old'\n",
      "app/unleash.py": "client = None\n",
    },
    registry: [{ type: "python", path: "app/flags.py" }],
    flags: ["ff_new_cart"],
  },
  {
    preset: "waffle",
    files: {
      "pyproject.toml": '[project]\nname = "shop"\ndependencies = [\n  "django>=4.2",\n  "django-waffle>=4.1",\n]\n',
      "shop/migrations/__init__.py": "",
      "shop/migrations/0001_flags.py":
        'from django.db import migrations\n\n\ndef create(apps, schema_editor):\n    Flag = apps.get_model("waffle", "Flag")\n    Flag.objects.create(name="ff_gift_wrap", everyone=True)\n    Flag.objects.get_or_create(name="ff_loyalty")\n\n\nclass Migration(migrations.Migration):\n    dependencies = [("waffle", "0004_update_everyone_nullbooleanfield")]\n    operations = [migrations.RunPython(create, migrations.RunPython.noop)]\n',
      "shop/views.py":
        'from waffle import flag_is_active\n\n\ndef checkout(request):\n    if flag_is_active(request, "ff_gift_wrap"):\n        return "wrap"\n    return "plain"\n',
    },
    registry: [{ type: "django-migrations", path: "shop/migrations/*.py" }],
    flags: ["ff_gift_wrap"],
  },
];

describe("flag-scan init", () => {
  for (const { preset, files, registry, flags } of presetApps) {
    it(`detects ${preset} and its registry, and the first scan finds the checks (exit 0 or 1, never 2)`, async () => {
      const dir = app(files);
      const { init, scan, result } = await initAndScan(dir);
      expect(init.stderr).toBe("");
      expect([0, 1]).toContain(init.code);
      expect(init.code).toBe(scan.code);
      const written = config(dir);
      expect(written.$schema).toBe("./node_modules/flag-scan/schema/flag-scan.schema.json");
      expect(written.presets).toEqual([preset]);
      expect(written.registry.map(({ type, path }: { type: string; path: string }) => ({ type, path }))).toEqual(registry);
      expect(checkedFlags(result)).toEqual(flags);
      expect(result.errors).toEqual([]);
      expect(result.findings.filter((f) => f.rule === "unknown-flag")).toEqual([]);
      expect(init.stdout).toContain(`Found ${result.references.length} flag check`);
      expect(init.stdout).toContain("Next:");
    });
  }

  it("configures the demo without its config: the scan finds what the hand-written config finds", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "flag-scan-init-demo-"));
    dirs.push(dir);
    cpSync(demo, dir, { recursive: true });
    rmSync(path.join(dir, "flag-scan.config.json"));
    const { init, result } = await initAndScan(dir);
    expect(init.code).toBe(1);
    const written = config(dir);
    expect(written.presets).toEqual(["waffle", "flag-scan"]);
    expect(written.registry.map((r: { path: string }) => r.path).sort()).toEqual([
      "backend/feature_flags/flags.py",
      "backend/feature_flags/migrations/*.py",
      "registry/flags.yaml",
      "registry/production.waffle.json",
      "src/featureFlags.ts",
    ]);
    expect(written.registry.find((r: { path: string }) => r.path === "registry/production.waffle.json").environment).toBe("production");
    const handWritten = await runCli(["--format", "json"], demo);
    const expected = JSON.parse(handWritten.stdout) as ScanResult;
    // The hand-written config scans the same code: every check it finds, init's config finds too.
    expect(checkedFlags(result)).toEqual(expect.arrayContaining(checkedFlags(expected)));
    expect(result.references.length).toBeGreaterThanOrEqual(expected.references.length);
    expect(init.stdout).toContain("npx flag-scan retire --dry-run");
  });

  it("keeps only the flag exports of a module that holds other enums, and follows the project's naming style", async () => {
    const dir = app({
      "package.json": JSON.stringify({ dependencies: { "@unleash/proxy-client-react": "^4.0.0" } }),
      "src/featureConfig.ts": [
        "export enum FeatureFlag {",
        '  CreatorTools = "creator-tools",',
        '  LensTeam = "lens-team",',
        '  DarkMode = "dark-mode",',
        '  NewFeed = "new-feed",',
        "}",
        "export enum PriceType {",
        '  Monthly = "monthly",',
        '  Yearly = "yearly",',
        "}",
        "",
      ].join("\n"),
      "src/Page.tsx": [
        'import { useFlag } from "@unleash/proxy-client-react";',
        'import { FeatureFlag } from "./featureConfig";',
        "export function Page() {",
        "  const a = useFlag(FeatureFlag.CreatorTools);",
        "  const b = useFlag(FeatureFlag.LensTeam);",
        "  const c = useFlag(FeatureFlag.DarkMode);",
        "  const d = useFlag(FeatureFlag.NewFeed);",
        '  const old = useFlag("Old_Style");',
        "  return a && b && c && d && old ? <i /> : null;",
        "}",
        "",
      ].join("\n"),
    });
    const { init, result } = await initAndScan(dir);
    expect(init.code).toBe(1);
    const written = config(dir);
    expect(written.registry).toEqual([{ type: "typescript", path: "src/featureConfig.ts", export: "FeatureFlag", name: "featureConfig" }]);
    expect(written.naming).toEqual({ pattern: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$" });
    expect(init.stdout).toContain("4 of 5 keys are kebab-case: naming.pattern set to ^[a-z][a-z0-9]*(-[a-z0-9]+)*$");
    expect(result.findings.filter((f) => f.rule === "flag-naming").map((f) => f.flag)).toEqual(["Old_Style"]);
    expect(result.flags.map((f) => f.flag)).not.toContain("monthly");
  });

  it("never overwrites a config: exit 2 saying so", async () => {
    const dir = app({ "flag-scan.config.json": '{ "presets": ["unleash"] }\n', "src/a.ts": "export {};\n" });
    const { code, stderr } = await runCli(["init", "--yes"], dir);
    expect(code).toBe(2);
    expect(stderr).toContain("flag-scan.config.json already exists; init never overwrites a config");
    expect(config(dir)).toEqual({ presets: ["unleash"] });
    const inPackage = app({ "package.json": JSON.stringify({ name: "x", "flag-scan": { presets: ["posthog"] } }), "src/a.ts": "export {};\n" });
    const second = await runCli(["init", "--yes"], inPackage);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('package.json already has a "flag-scan" config; init never overwrites a config');
  });

  it("asks before writing when someone can answer, and writes nothing on no", async () => {
    const dir = app(presetApps[0]!.files);
    const questions: string[] = [];
    let stdout = "";
    const io: CliIo = {
      stdout: (text) => void (stdout += text),
      stderr: () => {},
      cwd: dir,
      env: {},
      isTTY: true,
      confirm: async (question) => {
        questions.push(question);
        return false;
      },
    };
    expect(await run(["init"], io)).toBe(0);
    expect(questions).toEqual(["Write flag-scan.config.json?"]);
    expect(stdout).toContain('"presets": [\n    "launchdarkly"\n  ]');
    expect(stdout).toContain("Nothing written.");
    expect(() => config(dir)).toThrow();
  });
});
