/**
 * A seeded generator of a synthetic TS/TSX monorepo, shaped like the React frontends flag-scan is
 * written for: `packages/<pkg>/src/{components,pages,hooks,utils,types,api,store,__tests__}`, barrels,
 * imports between files and packages, JSX, types, tests. About 4% of files check flags in the shapes
 * real code uses; more files mention "feature"/"enabled" or mock the flags module without checking a flag,
 * so a prefilter on loose words would not work and a text search on the accessor names over-counts.
 * As in matrix-react-sdk, a settings API (`SettingsStore.getValue`, `useSettingValue`, default-imported)
 * is read in another 13% of files with mostly non-flag keys (`keyPattern: "^feature_"` keeps the flags),
 * and half the files import their neighbour components with default imports, which a scan must follow.
 *
 * The same options and seed always produce the same bytes; a finished tree is reused (see `.complete.json`).
 *
 * Usage: `node dist/bench/generate-monorepo.js [--files 6000] [--seed 1] [--settings-ratio 0.13] [--out DIR]`
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Random } from "./random.js";

/** Bump when the generated content changes, so cached trees are regenerated. */
export const GENERATOR_VERSION = 4;

/**
 * The names a text search for the configured accessors looks for. `getValue`, `useSettingValue` and
 * `watchSetting` are a settings API (as matrix-react-sdk's `SettingsStore`) whose keys are mostly not
 * flags: only `feature_` keys are, through the accessors' `keyPattern`.
 */
export const ACCESSOR_NAMES = ["isFeatureEnabled", "useCheckFeatureFlag", "routeIsFeatureToggled", "getValue", "useSettingValue", "watchSetting"] as const;

export const SETTINGS_REGISTRY_PATH = "packages/settings/src/settings.ts";

/** The flag the cleanup benchmark removes; referenced in exactly `cleanupRefs` files. */
export const CLEANUP_FLAG = { member: "NEW_CHECKOUT_FLOW", slug: "ff_new_checkout_flow" } as const;

export const REGISTRY_PATH = "packages/flags/src/featureFlags.ts";

export interface MonorepoOptions {
  /** Number of TS/TSX source files (the flags package and package.json files come on top). @default 6000 */
  files: number;
  /** @default 1 */
  seed: number;
  /** Average lines per source file; 6,000 files x 135 is about 800k lines. @default 135 */
  linesPerFile: number;
  /** Share of source files that check at least one flag. @default 0.04 */
  flagFileRatio: number;
  /** How many files reference the cleanup flag (`ff_new_checkout_flow`). @default 50 */
  cleanupRefs: number;
  /**
   * Share of source files that read the settings API (1 to 4 reads each, about 1 in 7 of them a `feature_`
   * flag). With `flagFileRatio` it gives the accessor-name density of a real app: 17.5% of
   * matrix-react-sdk's files mention `getValue`/`useSettingValue`/`watchSetting`. @default 0.13
   */
  settingsFileRatio: number;
  /** Make the tree a git repository with one commit, as a user's checkout would be. @default true */
  git: boolean;
}

export const DEFAULT_MONOREPO_OPTIONS: MonorepoOptions = {
  files: 6000,
  seed: 1,
  linesPerFile: 135,
  flagFileRatio: 0.04,
  cleanupRefs: 50,
  settingsFileRatio: 0.13,
  git: true,
};

export interface MonorepoManifest {
  generatorVersion: number;
  options: MonorepoOptions;
  root: string;
  /** Scannable source files (.ts/.tsx), including the flags package. */
  sourceFiles: number;
  lines: number;
  bytes: number;
  /** Files that check at least one flag through a configured accessor. */
  flagFiles: string[];
  /** Files that reference the cleanup flag (plus the registry, which defines it). */
  cleanupFiles: string[];
  /** Every source file's relative path. */
  files: string[];
  definedFlags: number;
  /** Files that contain an accessor name without checking a flag (mocks, the flags package itself). */
  accessorMentionsWithoutCheck: number;
}

type Kind = "component" | "page" | "hook" | "util" | "types" | "api" | "store" | "test" | "routes" | "index";

type Shape =
  | "ifElse"
  | "jsxAnd"
  | "checker"
  | "checkerInline"
  | "ternary"
  | "earlyReturn"
  | "moduleAlias"
  | "combined"
  | "hookReturn"
  | "route";

interface Flag {
  member: string;
  slug: string;
}

interface FlagUse {
  shape: Shape;
  flag: Flag;
  /** A second flag for `combined`. */
  other?: Flag;
  key: "string" | "enum";
  /** A key written literally that the registry does not define, or a template literal. */
  special?: "unknown" | "dynamic";
}

interface PlannedFile {
  path: string;
  pkg: Pkg;
  kind: Kind;
  /** The main exported symbol. */
  name: string;
  noun: string;
  targetLines: number;
  uses: FlagUse[];
  noise: boolean;
  mocksFlags: boolean;
  /** Reads of the settings API: a setting name, or a `feature_` flag. */
  settings: SettingRead[];
  /** Neighbour components imported with a default import (as most real React code does). */
  defaultImports: boolean;
  /** For tests: the component under test. */
  subject?: PlannedFile;
}

interface SettingRead {
  key: string;
  form: "getValue" | "hook" | "watch";
}

interface Pkg {
  name: string;
  files: PlannedFile[];
}

const NOUNS = [
  "Account", "Billing", "Cart", "Checkout", "Invoice", "Order", "Payment", "Product", "Profile", "Report",
  "Search", "Settings", "Team", "User", "Workspace", "Notification", "Dashboard", "Inventory", "Shipment",
  "Subscription", "Coupon", "Review", "Message", "Project", "Task", "Calendar", "Document", "Upload", "Audit",
  "Analytics", "Customer", "Refund", "Plan", "Integration", "Webhook", "Invite", "Comment", "Tag", "Export",
  "Import", "Template", "Workflow", "Channel", "Ticket", "Contract", "Warehouse", "Supplier", "Campaign",
];
const QUALIFIERS = [
  "List", "Table", "Card", "Form", "Modal", "Panel", "Header", "Footer", "Row", "Item", "Summary", "Details",
  "Editor", "Picker", "Badge", "Banner", "Sidebar", "Toolbar", "Menu", "Dialog", "Wizard", "Filter", "Chart",
  "Tabs", "Overview", "Empty", "Skeleton", "Preview", "Settings", "Actions",
];
/** Ordinary settings: read through the same API as the `feature_` flags, but not flags. */
const SETTING_NAMES = [
  "layout", "theme", "language", "useCompactLayout", "showTypingNotifications", "showReadReceipts",
  "autoplayGifs", "autoplayVideo", "showRedactions", "showJoinLeaves", "showAvatarChanges",
  "showDisplaynameChanges", "showChatEffects", "useSystemTheme", "fontSize", "useCustomFontSize",
  "sendTypingNotifications", "alwaysShowTimestamps", "showTwelveHourTimestamps", "enableMarkdown",
  "urlPreviewsEnabled", "ctrlFForSearch", "MessageComposerInput.suggestEmoji", "notificationsEnabled",
  "notificationBodyEnabled", "audioNotificationsEnabled", "breadcrumbs", "recent_emoji", "pseudonymousAnalyticsOptIn",
  "developerMode", "webRtcAllowPeerToPeer", "lowBandwidth", "promptBeforeInviteUnknownUsers", "showHiddenEvents",
  "RoomList.showMessagePreview", "Spaces.allRoomsInHome", "Spaces.enabledMetaSpaces", "blacklistUnverifiedDevices",
  "analyticsOptIn", "deviceNotificationsEnabled",
];
const UTIL_VERBS = ["format", "parse", "normalize", "validate", "compare", "group", "sort", "merge", "build", "compute"];
const PACKAGE_NAMES = [
  "web-app", "admin", "billing", "checkout", "design-system", "analytics", "auth", "search", "notifications",
  "settings", "reports", "shared-utils", "api-client", "i18n", "onboarding", "inventory", "orders", "payments",
  "profile", "teams", "projects", "calendar", "documents", "messaging", "marketplace", "support", "audit-log",
  "experiments", "mobile-web", "integrations", "workflows", "campaigns", "customers", "contracts", "warehouse",
  "suppliers", "tickets", "exports", "imports", "templates",
];
const FLAG_ADJECTIVES = [
  "new", "redesigned", "beta", "improved", "async", "bulk", "inline", "smart", "instant", "unified", "modern",
  "quick", "guided", "advanced", "shared", "live", "ai", "compact", "custom", "streamlined",
];
const FLAG_NOUNS = [
  "checkout", "billing", "search", "dashboard", "onboarding", "invoices", "reports", "editor", "sidebar",
  "notifications", "exports", "imports", "pricing", "permissions", "calendar", "comments", "uploads", "filters",
  "analytics", "navigation", "profile", "settings", "payments", "inventory", "audit_log", "team_invites",
  "webhooks", "workflows", "templates", "timeline",
];
const FLAG_SUFFIXES = ["", "", "", "_v2", "_page", "_flow", "_modal", "_banner", "_experience"];

const KIND_WEIGHTS: Array<[Kind, number]> = [
  ["component", 0.36],
  ["page", 0.06],
  ["hook", 0.1],
  ["util", 0.13],
  ["types", 0.07],
  ["api", 0.06],
  ["store", 0.04],
  ["test", 0.18],
];

const LINE_RANGES: Record<Kind, [number, number]> = {
  component: [60, 320],
  page: [80, 300],
  hook: [30, 140],
  util: [40, 260],
  types: [25, 140],
  api: [40, 180],
  store: [50, 180],
  test: [50, 220],
  routes: [30, 90],
  index: [5, 60],
};

const camel = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
const upperSnake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();

/** The directory a tree with these options lives in, under the bench directory. */
export function monorepoDir(benchDir: string, options: MonorepoOptions): string {
  const o = options;
  return join(
    benchDir,
    `monorepo-f${o.files}-s${o.seed}-l${o.linesPerFile}-r${o.flagFileRatio}-c${o.cleanupRefs}-st${o.settingsFileRatio}${o.git ? "" : "-nogit"}-v${GENERATOR_VERSION}`,
  );
}

/** Generates the tree (or reuses a finished one with the same options) and returns its manifest. */
export function generateMonorepo(benchDir: string, options: MonorepoOptions): { manifest: MonorepoManifest; reused: boolean } {
  const root = monorepoDir(benchDir, options);
  const marker = join(root, ".complete.json");
  if (existsSync(marker)) {
    const manifest = JSON.parse(readFileSync(marker, "utf8")) as MonorepoManifest;
    if (manifest.generatorVersion === GENERATOR_VERSION) return { manifest: { ...manifest, root }, reused: true };
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const manifest = new Generator(options, root).run();
  if (options.git) commitTree(root);
  writeFileSync(marker, JSON.stringify(manifest, null, 2));
  return { manifest, reused: false };
}

function commitTree(root: string): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: "Bench",
    GIT_AUTHOR_EMAIL: "bench@example.com",
    GIT_COMMITTER_NAME: "Bench",
    GIT_COMMITTER_EMAIL: "bench@example.com",
    GIT_AUTHOR_DATE: "2025-06-01T12:00:00Z",
    GIT_COMMITTER_DATE: "2025-06-01T12:00:00Z",
  };
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, env, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "--no-gpg-sign", "-m", "Synthetic monorepo for flag-scan benchmarks");
}

class Generator {
  private readonly r: Random;
  private readonly packages: Pkg[] = [];
  private readonly flags: Flag[] = [];
  /** `feature_` settings: flags in the settings registry, read through the settings API. */
  private readonly settingFlags: string[] = [];
  private readonly written = new Map<string, string>();
  private counter = 0;

  constructor(
    private readonly options: MonorepoOptions,
    private readonly root: string,
  ) {
    this.r = new Random(options.seed);
  }

  run(): MonorepoManifest {
    this.makeFlags();
    const files = this.plan();
    const flagFiles = this.assignFlagUses(files);
    for (const file of this.assignSettingsReads(files)) if (!flagFiles.includes(file)) flagFiles.push(file);
    for (const file of files) this.write(file.path, this.render(file));
    this.writeFlagsPackage();
    this.writeSettingsPackage();
    this.writeProjectFiles();

    let lines = 0;
    let bytes = 0;
    const sources: string[] = [];
    for (const [path, text] of this.written) {
      if (!/\.tsx?$/.test(path)) continue;
      sources.push(path);
      lines += text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      bytes += Buffer.byteLength(text);
    }
    const flagPaths = new Set(flagFiles.map((f) => f.path));
    const cleanupFiles = [...this.written].filter(([, text]) => text.includes(CLEANUP_FLAG.member) || text.includes(CLEANUP_FLAG.slug));
    return {
      generatorVersion: GENERATOR_VERSION,
      options: this.options,
      root: this.root,
      sourceFiles: sources.length,
      lines,
      bytes,
      flagFiles: flagFiles.map((f) => f.path).sort(),
      cleanupFiles: cleanupFiles.map(([path]) => path).filter((p) => p !== REGISTRY_PATH).sort(),
      files: sources.sort(),
      definedFlags: this.flags.length,
      accessorMentionsWithoutCheck: sources.filter(
        (p) => !flagPaths.has(p) && ACCESSOR_NAMES.some((name) => (this.written.get(p) as string).includes(name)),
      ).length,
    };
  }

  private write(path: string, text: string): void {
    this.written.set(path, text);
    const full = join(this.root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }

  private uniqueName(taken: Set<string>, base: string): string {
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    return name;
  }

  private makeFlags(): void {
    const target = Math.min(400, Math.max(24, Math.round(this.options.files * this.options.flagFileRatio * 0.6)));
    const seen = new Set<string>([CLEANUP_FLAG.slug]);
    this.flags.push({ ...CLEANUP_FLAG });
    for (let guard = 0; this.flags.length < target && guard < target * 50; guard++) {
      const slug = `ff_${this.r.pick(FLAG_ADJECTIVES)}_${this.r.pick(FLAG_NOUNS)}${this.r.pick(FLAG_SUFFIXES)}`;
      if (seen.has(slug)) continue;
      seen.add(slug);
      this.flags.push({ member: slug.slice(3).toUpperCase(), slug });
    }
    const settingsTarget = Math.max(8, Math.round(target / 3));
    for (let guard = 0; this.settingFlags.length < settingsTarget && guard < settingsTarget * 50; guard++) {
      const key = `feature_${this.r.pick(FLAG_ADJECTIVES)}_${this.r.pick(FLAG_NOUNS)}`;
      if (!this.settingFlags.includes(key)) this.settingFlags.push(key);
    }
    // A registry entry that breaks the naming convention (flag-naming).
    this.flags.push({ member: "NEW_SEARCH_UI", slug: "newSearchUI" });
  }

  private plan(): PlannedFile[] {
    const { files: total } = this.options;
    const packageCount = Math.min(PACKAGE_NAMES.length, Math.max(3, Math.round(total / 180)));
    for (const name of PACKAGE_NAMES.slice(0, packageCount)) this.packages.push({ name, files: [] });
    // Calibrated so that the average file has about `linesPerFile` lines once fillers are added.
    const scale = this.options.linesPerFile / 160;
    const all: PlannedFile[] = [];
    const taken = new Map<Pkg, Set<string>>();
    const add = (pkg: Pkg, kind: Kind) => {
      const names = taken.get(pkg) ?? new Set<string>();
      taken.set(pkg, names);
      const noun = this.r.pick(NOUNS);
      const qualifier = this.r.pick(QUALIFIERS);
      let name: string;
      let path: string;
      switch (kind) {
        case "component":
          name = this.uniqueName(names, `${noun}${qualifier}`);
          path = this.r.chance(0.5) ? `src/components/${name}/${name}.tsx` : `src/components/${name}.tsx`;
          break;
        case "page":
          name = this.uniqueName(names, `${noun}${qualifier}Page`);
          path = `src/pages/${name}.tsx`;
          break;
        case "hook":
          name = this.uniqueName(names, `use${noun}${qualifier}`);
          path = `src/hooks/${name}.ts`;
          break;
        case "util":
          name = this.uniqueName(names, `${this.r.pick(UTIL_VERBS)}${noun}${qualifier}`);
          path = `src/utils/${name}.ts`;
          break;
        case "types":
          name = this.uniqueName(names, `${noun}${qualifier}Model`);
          path = `src/types/${camel(name)}.ts`;
          break;
        case "api":
          name = this.uniqueName(names, `fetch${noun}${qualifier}`);
          path = `src/api/${camel(name.replace(/^fetch/, ""))}Api.ts`;
          break;
        case "store":
          name = this.uniqueName(names, `${camel(noun)}${qualifier}Reducer`);
          path = `src/store/${name.replace(/Reducer$/, "")}Slice.ts`;
          break;
        case "routes":
          name = "routes";
          path = "src/routes.tsx";
          break;
        case "index":
          name = "index";
          path = "src/index.ts";
          break;
        case "test":
          name = this.uniqueName(names, `${noun}${qualifier}Spec`);
          path = `src/__tests__/${name.replace(/Spec$/, "")}.test.tsx`;
          break;
      }
      const [min, max] = LINE_RANGES[kind];
      // Skewed towards short files with a long tail, as in real repositories.
      const u = this.r.next();
      const targetLines = Math.round((min + (max - min) * u * u * 1.6) * scale);
      const file: PlannedFile = {
        path: `packages/${pkg.name}/${path}`,
        pkg,
        kind,
        name,
        noun,
        targetLines,
        uses: [],
        noise: false,
        mocksFlags: false,
        settings: [],
        defaultImports: false,
      };
      pkg.files.push(file);
      all.push(file);
    };
    for (const pkg of this.packages) {
      add(pkg, "index");
      add(pkg, "routes");
    }
    const weights = this.packages.map(() => 0.4 + this.r.next());
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const kindSum = KIND_WEIGHTS.reduce((a, [, w]) => a + w, 0);
    const pickPackage = () => {
      let x = this.r.next() * weightSum;
      for (let i = 0; i < this.packages.length; i++) {
        x -= weights[i] as number;
        if (x <= 0) return this.packages[i] as Pkg;
      }
      return this.packages[this.packages.length - 1] as Pkg;
    };
    const pickKind = (): Kind => {
      let x = this.r.next() * kindSum;
      for (const [kind, w] of KIND_WEIGHTS) {
        x -= w;
        if (x <= 0) return kind;
      }
      return "component";
    };
    while (all.length < total) add(pickPackage(), pickKind());

    for (const file of all) {
      if (file.kind === "test") {
        const subjects = file.pkg.files.filter((f) => f.kind === "component" || f.kind === "page");
        if (subjects.length > 0) file.subject = this.r.pick(subjects);
        else file.kind = "util";
      }
      if (file.kind !== "index" && this.r.chance(0.09)) file.noise = true;
      if (file.kind === "test" && this.r.chance(0.06)) file.mocksFlags = true;
      if (this.r.chance(0.5)) file.defaultImports = true;
    }
    return all;
  }

  private assignFlagUses(files: PlannedFile[]): PlannedFile[] {
    const { flagFileRatio, cleanupRefs } = this.options;
    const candidates = files.filter((f) => ["component", "page", "hook", "routes", "util"].includes(f.kind));
    const weighted = this.r.shuffle(candidates).sort((a, b) => this.preference(b) - this.preference(a));
    const wanted = Math.max(cleanupRefs + 4, Math.round(files.length * flagFileRatio));
    // Take mostly the preferred kinds, but keep some variety from the rest.
    const preferred = weighted.filter((f) => this.preference(f) >= 2);
    const rest = weighted.filter((f) => this.preference(f) < 2);
    const chosen = [...this.r.sample(preferred, Math.round(wanted * 0.85)), ...this.r.sample(rest, wanted)].slice(0, wanted);
    const others = this.flags.filter((f) => f.slug !== CLEANUP_FLAG.slug);
    const keyStyle = (): "string" | "enum" => (this.r.chance(0.4) ? "string" : "enum");
    chosen.forEach((file, i) => {
      const shapes = this.shapesFor(file);
      const count = file.kind === "routes" ? this.r.int(1, 3) : this.r.int(1, 3);
      for (let j = 0; j < count; j++) {
        const shape = this.r.pick(shapes);
        const use: FlagUse = { shape, flag: this.r.pick(others), key: keyStyle() };
        if (shape === "combined") use.other = this.r.pick(others);
        file.uses.push(use);
      }
      if (i < cleanupRefs) (file.uses[0] as FlagUse).flag = { ...CLEANUP_FLAG };
      if (file.uses.some((u) => u.shape === "moduleAlias")) {
        for (const u of file.uses) if (u.shape === "checker" || u.shape === "checkerInline") u.shape = "ifElse";
      }
    });
    // Planted problems: keys no registry defines, a key computed at run time, a badly named flag.
    const spare = chosen.slice(cleanupRefs);
    const plant = (special: "unknown" | "dynamic", slug: string) => {
      const file = spare.find((f) => f.kind === "component" || f.kind === "page");
      if (!file) return;
      spare.splice(spare.indexOf(file), 1);
      file.uses.push({ shape: "ifElse", flag: { member: "", slug }, key: "string", special });
    };
    plant("unknown", "ff_coming_soon_splash");
    plant("unknown", "ff_legacy_export_v0");
    plant("dynamic", "ff_${section}_redesign");
    const badlyNamed = spare.find((f) => f.kind === "component");
    if (badlyNamed) badlyNamed.uses.push({ shape: "jsxAnd", flag: this.flags[this.flags.length - 1] as Flag, key: "enum" });
    return chosen;
  }

  /**
   * Settings reads, as a settings-heavy app has them (matrix-react-sdk: 479 `getValue`/`useSettingValue`
   * reads, 0.6 flag references per file that names the API). Returns the files that read a `feature_` flag.
   */
  private assignSettingsReads(files: PlannedFile[]): PlannedFile[] {
    const readers = files.filter((f) => ["component", "page", "hook", "util", "api", "store"].includes(f.kind));
    const wanted = Math.round(files.length * this.options.settingsFileRatio);
    const flagged: PlannedFile[] = [];
    for (const file of this.r.sample(readers, Math.min(wanted, readers.length))) {
      const forms: SettingRead["form"][] = file.kind === "component" || file.kind === "page" || file.kind === "hook" ? ["getValue", "hook", "hook", "watch"] : ["getValue", "getValue", "watch"];
      for (let i = this.r.int(1, 4); i > 0; i--) {
        const flag = this.r.chance(0.15);
        file.settings.push({ key: flag ? this.r.pick(this.settingFlags) : this.r.pick(SETTING_NAMES), form: this.r.pick(forms) });
      }
      if (file.settings.some((read) => read.key.startsWith("feature_"))) flagged.push(file);
    }
    return flagged;
  }

  /** A function reading the file's settings: a component in JSX files, a hook or a plain function otherwise. */
  private settingsBlock(file: PlannedFile, jsx: boolean): string[] {
    if (file.settings.length === 0) return [];
    const n = this.n();
    const hook = file.settings.some((read) => read.form === "hook");
    const name = jsx ? `${file.noun}Preferences${n}` : hook ? `use${file.noun}Settings${n}` : `read${file.noun}Settings${n}`;
    const out = [jsx ? `export function ${name}({ roomId }: { roomId: string | null }) {` : `export function ${name}(roomId: string | null = null): Record<string, unknown> {`];
    out.push("  const values: Record<string, unknown> = {};");
    file.settings.forEach((read, i) => {
      if (read.form === "hook") out.push(`  const setting${i} = useSettingValue<boolean>("${read.key}", roomId);`, `  values["${read.key}"] = setting${i};`);
      else if (read.form === "getValue") out.push(`  if (SettingsStore.getValue<boolean>("${read.key}", roomId)) {`, `    values["${read.key}"] = true;`, "  }");
      else out.push(`  SettingsStore.watchSetting("${read.key}", roomId, (value) => {`, `    values["${read.key}"] = value;`, "  });");
    });
    if (jsx) out.push("  return (", `    <ul className="${kebab(file.noun)}-preferences">`, "      {Object.entries(values).map(([key, value]) => (", "        <li key={key}>{String(value)}</li>", "      ))}", "    </ul>", "  );");
    else out.push("  return values;");
    out.push("}", "");
    return out;
  }

  private preference(file: PlannedFile): number {
    return file.kind === "component" || file.kind === "page" ? 3 : file.kind === "hook" || file.kind === "routes" ? 2 : 1;
  }

  private shapesFor(file: PlannedFile): Shape[] {
    switch (file.kind) {
      case "component":
      case "page":
        return ["ifElse", "jsxAnd", "jsxAnd", "checker", "checkerInline", "ternary", "earlyReturn", "moduleAlias", "combined"];
      case "hook":
        return ["hookReturn", "ifElse", "checker", "ternary"];
      case "routes":
        return ["route"];
      default:
        return ["ifElse", "ternary", "moduleAlias"];
    }
  }

  // ---- rendering -------------------------------------------------------------------------------

  private n(): number {
    return ++this.counter;
  }

  private render(file: PlannedFile): string {
    switch (file.kind) {
      case "component":
      case "page":
        return this.renderComponent(file);
      case "hook":
        return this.renderHook(file);
      case "util":
        return this.renderModule(file, "util");
      case "types":
        return this.renderTypes(file);
      case "api":
        return this.renderModule(file, "api");
      case "store":
        return this.renderModule(file, "store");
      case "test":
        return this.renderTest(file);
      case "routes":
        return this.renderRoutes(file);
      case "index":
        return this.renderIndex(file);
    }
  }

  private keyOf(use: FlagUse, flag: Flag = use.flag): string {
    if (use.special === "dynamic") return "`ff_${section}_redesign`";
    if (use.special === "unknown" || use.key === "string") return `"${flag.slug}"`;
    return `FeatureFlags.${flag.member}`;
  }

  private relImport(from: PlannedFile, to: PlannedFile): string {
    let rel = posix.relative(posix.dirname(from.path), to.path).replace(/\.tsx?$/, "");
    if (!rel.startsWith(".")) rel = `./${rel}`;
    return rel;
  }

  /** Import lines shared by every kind: neighbours in the package, a barrel of another package, the flags module. */
  private imports(file: PlannedFile, jsx: boolean): { lines: string[]; components: string[]; hooks: string[]; utils: string[]; types: string[] } {
    const lines: string[] = [];
    const components: string[] = [];
    const hooks: string[] = [];
    const utils: string[] = [];
    const types: string[] = [];
    const neighbours = file.pkg.files.filter((f) => f !== file && ["component", "hook", "util", "types", "api"].includes(f.kind));
    const wantKinds = jsx ? ["component", "component", "hook", "util", "types", "api"] : ["util", "types", "api"];
    // Files that read flags or settings import more, and by default import, as matrix-react-sdk's do (4.9
    // default imports each: components, stores, the dispatcher), which a scan must follow.
    const reads = file.uses.length > 0 || file.settings.length > 0;
    for (const other of this.r.sample(neighbours.filter((f) => wantKinds.includes(f.kind)), reads ? this.r.int(3, 8) : this.r.int(1, 5))) {
      if (other.kind === "types") {
        lines.push(`import type { ${other.name} } from "${this.relImport(file, other)}";`);
        types.push(other.name);
        continue;
      }
      if (other.kind === "component" && !jsx) continue;
      const binding = other.kind === "component" && (file.defaultImports || reads) ? other.name : `{ ${other.name} }`;
      lines.push(`import ${binding} from "${this.relImport(file, other)}";`);
      (other.kind === "component" ? components : other.kind === "hook" ? hooks : utils).push(other.name);
    }
    const otherPkg = this.r.pick(this.packages);
    if (otherPkg !== file.pkg && this.r.chance(0.7)) {
      const exported = otherPkg.files.filter((f) => (jsx ? ["component", "util"] : ["util"]).includes(f.kind));
      const picked = this.r.sample(exported, this.r.int(1, 3)).filter((f) => !components.includes(f.name) && !utils.includes(f.name));
      if (picked.length > 0) {
        lines.push(`import { ${picked.map((f) => f.name).join(", ")} } from "@acme/${otherPkg.name}";`);
        for (const f of picked) (f.kind === "component" ? components : utils).push(f.name);
      }
    }
    const flagImports = new Set<string>();
    for (const use of file.uses) {
      if (use.shape === "checker" || use.shape === "checkerInline") flagImports.add("useCheckFeatureFlag");
      else if (use.shape === "route") flagImports.add("routeIsFeatureToggled");
      else if (use.shape === "moduleAlias" || file.uses.some((u) => u.shape === "moduleAlias")) flagImports.add("isFeatureEnabled as isFF");
      else flagImports.add("isFeatureEnabled");
      if (use.key === "enum" && !use.special) flagImports.add("FeatureFlags");
    }
    if (file.settings.some((read) => read.form !== "hook")) lines.push(`import SettingsStore from "@acme/settings/SettingsStore";`);
    if (file.settings.some((read) => read.form === "hook")) lines.push(`import { useSettingValue } from "@acme/settings/useSettingValue";`);
    if (flagImports.size > 0) {
      const sorted = [...flagImports].sort((a, b) => (a === "FeatureFlags" ? -1 : b === "FeatureFlags" ? 1 : a.localeCompare(b)));
      lines.push(`import { ${sorted.join(", ")} } from "@acme/flags";`);
    }
    return { lines, components, hooks, utils, types };
  }

  private accessorName(file: PlannedFile): string {
    return file.uses.some((u) => u.shape === "moduleAlias") ? "isFF" : "isFeatureEnabled";
  }

  private renderComponent(file: PlannedFile): string {
    const r = this.r;
    const name = file.name;
    const noun = file.noun;
    const imp = this.imports(file, true);
    const hasChecker = file.uses.some((u) => u.shape === "checker");
    const acc = this.accessorName(file);
    const out: string[] = [];
    const reactImports = ["useCallback", "useEffect", "useMemo", "useState"];
    out.push(`import React, { ${reactImports.join(", ")} } from "react";`);
    out.push(...imp.lines);
    if (r.chance(0.5)) out.push(`import styles from "./${name}.module.css";`);
    out.push("");

    const moduleLevel: string[] = [];
    for (const use of file.uses.filter((u) => u.shape === "moduleAlias")) {
      const variable = `is${name}${use.flag.member === CLEANUP_FLAG.member ? "Checkout" : ""}Enabled${this.n()}`;
      moduleLevel.push(`const ${variable} = ${acc}(${this.keyOf(use)});`);
      (use as FlagUse & { variable?: string }).variable = variable;
    }
    if (moduleLevel.length > 0) out.push(...moduleLevel, "");

    out.push(`export interface ${name}Props {`);
    out.push(`  ${camel(noun)}Id: string;`);
    out.push(`  title?: string;`);
    out.push(`  items?: ReadonlyArray<{ id: string; name: string; updatedAt: string; active: boolean; amount: number }>;`);
    out.push(`  onSelect?: (id: string) => void;`);
    if (r.chance(0.5)) out.push(`  variant?: "default" | "compact" | "inline";`);
    if (r.chance(0.4)) out.push(`  className?: string;`);
    out.push("}", "");
    if (file.noise) out.push(...this.noiseLines(file), "");

    const main = this.componentBody(file, imp, acc, hasChecker);
    const newComponents = file.uses.filter((u) => u.shape === "jsxAnd" || u.shape === "earlyReturn" || u.shape === "combined");
    for (const use of newComponents) out.push(...this.smallComponent(`${use.shape === "earlyReturn" ? "Legacy" : "New"}${name}${this.idOf(use)}`, noun), "");

    out.push(...this.settingsBlock(file, true));
    const budget = file.targetLines - out.length - main.length - 3;
    out.push(...this.fill(budget, true, noun));
    out.push(...main, "");
    out.push(`export default ${name};`);
    return out.join("\n") + "\n";
  }

  private idOf(use: FlagUse): string {
    const u = use as FlagUse & { id?: number };
    u.id ??= this.n();
    return String(u.id);
  }

  private componentBody(
    file: PlannedFile,
    imp: { components: string[]; hooks: string[]; utils: string[] },
    acc: string,
    hasChecker: boolean,
  ): string[] {
    const r = this.r;
    const { name, noun } = file;
    const idVar = `${camel(noun)}Id`;
    const b: string[] = [];
    b.push(`export function ${name}({ ${idVar}, title = "${noun}", items = [], onSelect }: ${name}Props) {`);
    for (const use of file.uses.filter((u) => u.shape === "earlyReturn")) {
      b.push(`  if (!${acc}(${this.keyOf(use)})) {`);
      b.push(`    return <Legacy${name}${this.idOf(use)} title={title} />;`);
      b.push("  }");
    }
    if (hasChecker) b.push("  const checkFeatureFlag = useCheckFeatureFlag();");
    b.push("  const [isOpen, setIsOpen] = useState(false);");
    b.push(`  const [query, setQuery] = useState("");`);
    for (const hook of imp.hooks) b.push(`  const ${camel(hook.replace(/^use/, ""))}State = ${hook}(${idVar});`);
    const flagVars: string[] = [];
    for (const use of file.uses) {
      const id = this.idOf(use);
      switch (use.shape) {
        case "checker":
          b.push(`  const show${noun}Insights${id} = checkFeatureFlag(${this.keyOf(use)});`);
          flagVars.push(`show${noun}Insights${id}`);
          break;
        case "checkerInline":
          b.push(`  const canExport${id} = useCheckFeatureFlag()(${this.keyOf(use)});`);
          flagVars.push(`canExport${id}`);
          break;
        case "ternary":
          b.push(`  const columns${id} = ${acc}(${this.keyOf(use)}) ? ["name", "status", "owner", "updatedAt"] : ["name", "status"];`);
          break;
        default:
          break;
      }
    }
    b.push("  const visibleItems = useMemo(");
    b.push("    () => items.filter((item) => item.name.toLowerCase().includes(query.trim().toLowerCase())),");
    b.push("    [items, query],");
    b.push("  );");
    if (imp.utils.length > 0) b.push(`  const summary = useMemo(() => ${r.pick(imp.utils)}(visibleItems), [visibleItems]);`);
    b.push("");
    b.push("  useEffect(() => {");
    b.push("    if (!isOpen) {");
    b.push(`      setQuery("");`);
    b.push("    }");
    b.push("  }, [isOpen]);");
    b.push("");
    b.push("  const handleSelect = useCallback(");
    b.push("    (id: string) => {");
    const ifElse = file.uses.filter((u) => u.shape === "ifElse");
    for (const use of ifElse) {
      b.push(`      if (${acc}(${this.keyOf(use)})) {`);
      b.push(`        trackEvent("${kebab(noun)}_selected_v2", { id });`);
      b.push("      } else {");
      b.push(`        trackEvent("${kebab(noun)}_selected", { id });`);
      b.push("      }");
    }
    for (const use of file.uses.filter((u) => u.shape === "moduleAlias")) {
      const variable = (use as FlagUse & { variable?: string }).variable as string;
      b.push(`      if (${variable}) {`);
      b.push("        setIsOpen(false);");
      b.push("      }");
    }
    b.push("      onSelect?.(id);");
    b.push("    },");
    b.push("    [onSelect],");
    b.push("  );");
    b.push("");
    if (ifElse.some((u) => u.special === "dynamic")) b.splice(1, 0, `  const section = "${kebab(noun)}";`);
    for (const use of file.uses.filter((u) => u.shape === "combined")) {
      b.push(`  if (${acc}(${this.keyOf(use)}) && ${acc}(${this.keyOf(use, use.other)})) {`);
      b.push(`    return <New${name}${this.idOf(use)} title={title} />;`);
      b.push("  }");
      b.push("");
    }
    b.push("  return (");
    b.push(`    <section className="${kebab(name)}" aria-label={title}>`);
    b.push(`      <header className="${kebab(name)}__header">`);
    b.push("        <h2>{title}</h2>");
    b.push(`        <button type="button" onClick={() => setIsOpen((open) => !open)}>`);
    b.push(`          {isOpen ? "Hide" : "Show"} ${noun.toLowerCase()}s`);
    b.push("        </button>");
    b.push("      </header>");
    for (const use of file.uses.filter((u) => u.shape === "jsxAnd")) {
      b.push(`      {${acc}(${this.keyOf(use)}) && <New${name}${this.idOf(use)} title={title} />}`);
    }
    for (const v of flagVars) b.push(`      {${v} && <p className="hint">Try the new ${noun.toLowerCase()} view.</p>}`);
    for (const component of imp.components.slice(0, 3)) b.push(`      <${component} ${idVar}={${idVar}} />`);
    b.push("      {isOpen && (");
    b.push("        <>");
    b.push(`          <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search" />`);
    b.push("          <ul>");
    b.push("            {visibleItems.map((item) => (");
    b.push("              <li key={item.id} onClick={() => handleSelect(item.id)}>");
    b.push("                <span>{item.name}</span>");
    b.push(`                <time dateTime={item.updatedAt}>{new Date(item.updatedAt).toLocaleDateString()}</time>`);
    b.push("              </li>");
    b.push("            ))}");
    b.push("          </ul>");
    b.push("        </>");
    b.push("      )}");
    if (imp.utils.length > 0) b.push("      <footer>{String(summary)}</footer>");
    b.push("    </section>");
    b.push("  );");
    b.push("}");
    return b;
  }

  private smallComponent(name: string, noun: string): string[] {
    return [
      `function ${name}({ title }: { title: string }) {`,
      "  return (",
      `    <div className="${kebab(name)}">`,
      `      <strong>{title}</strong>`,
      `      <p>Manage your ${noun.toLowerCase()}s in one place.</p>`,
      "    </div>",
      "  );",
      "}",
    ];
  }

  private renderHook(file: PlannedFile): string {
    const { name, noun } = file;
    const imp = this.imports(file, false);
    const acc = this.accessorName(file);
    const out: string[] = [`import { useEffect, useMemo, useState } from "react";`, ...imp.lines, ""];
    if (file.noise) out.push(...this.noiseLines(file), "");
    const body: string[] = [];
    body.push(`export function ${name}(${camel(noun)}Id: string) {`);
    if (file.uses.some((u) => u.shape === "checker")) body.push("  const checkFeatureFlag = useCheckFeatureFlag();");
    body.push(`  const [data, setData] = useState<unknown[]>([]);`);
    body.push("  const [error, setError] = useState<Error | undefined>(undefined);");
    body.push("  const [isLoading, setIsLoading] = useState(true);");
    body.push("");
    body.push("  useEffect(() => {");
    body.push("    let cancelled = false;");
    body.push("    setIsLoading(true);");
    body.push(`    fetch(\`/api/${kebab(noun)}s/\${${camel(noun)}Id}\`)`);
    body.push("      .then((response) => response.json())");
    body.push("      .then((json: { items: unknown[] }) => {");
    body.push("        if (!cancelled) setData(json.items);");
    body.push("      })");
    body.push("      .catch((reason: Error) => {");
    body.push("        if (!cancelled) setError(reason);");
    body.push("      })");
    body.push("      .finally(() => {");
    body.push("        if (!cancelled) setIsLoading(false);");
    body.push("      });");
    body.push("    return () => {");
    body.push("      cancelled = true;");
    body.push("    };");
    body.push(`  }, [${camel(noun)}Id]);`);
    body.push("");
    const extra: string[] = [];
    for (const use of file.uses) {
      const id = this.idOf(use);
      if (use.shape === "hookReturn") {
        body.push(`  const isRedesigned${id} = ${acc}(${this.keyOf(use)}) && data.length > 0;`);
        extra.push(`isRedesigned${id}`);
      } else if (use.shape === "checker") {
        body.push(`  const canBulkEdit${id} = checkFeatureFlag(${this.keyOf(use)});`);
        extra.push(`canBulkEdit${id}`);
      } else if (use.shape === "ternary") {
        body.push(`  const pageSize${id} = ${acc}(${this.keyOf(use)}) ? 100 : 25;`);
        extra.push(`pageSize${id}`);
      } else if (use.shape === "ifElse") {
        body.push(`  let mode${id}: "list" | "grid" = "list";`);
        body.push(`  if (${acc}(${this.keyOf(use)})) {`);
        body.push(`    mode${id} = "grid";`);
        body.push("  } else {");
        body.push(`    mode${id} = "list";`);
        body.push("  }");
        extra.push(`mode${id}`);
      }
    }
    body.push("  const count = useMemo(() => data.length, [data]);");
    body.push(`  return { data, error, isLoading, count${extra.map((e) => `, ${e}`).join("")} };`);
    body.push("}");
    out.push(...this.settingsBlock(file, false));
    out.push(...this.fill(file.targetLines - out.length - body.length - 1, false, noun));
    out.push(...body);
    return out.join("\n") + "\n";
  }

  private renderModule(file: PlannedFile, flavour: "util" | "api" | "store"): string {
    const { name, noun } = file;
    const imp = this.imports(file, false);
    const acc = this.accessorName(file);
    const out: string[] = [...imp.lines];
    if (out.length > 0) out.push("");
    if (file.noise) out.push(...this.noiseLines(file), "");
    for (const use of file.uses.filter((u) => u.shape === "moduleAlias")) {
      out.push(`const use${noun}V2Rules${this.idOf(use)} = ${acc}(${this.keyOf(use)});`, "");
    }
    const main: string[] = [];
    if (flavour === "api") {
      main.push(`export async function ${name}(id: string, init?: RequestInit): Promise<unknown> {`);
      main.push(`  const response = await fetch(\`/api/${kebab(noun)}s/\${encodeURIComponent(id)}\`, init);`);
      main.push("  if (!response.ok) {");
      main.push(`    throw new Error(\`Failed to load ${noun.toLowerCase()} \${id}: \${response.status}\`);`);
      main.push("  }");
      main.push("  return response.json();");
      main.push("}");
    } else if (flavour === "store") {
      main.push(`export interface ${noun}State {`, "  ids: string[];", "  selectedId: string | undefined;", "  status: \"idle\" | \"loading\" | \"failed\";", "}", "");
      main.push(`export type ${noun}Action =`, `  | { type: "${camel(noun)}/loaded"; ids: string[] }`, `  | { type: "${camel(noun)}/selected"; id: string }`, `  | { type: "${camel(noun)}/failed" };`, "");
      main.push(`export function ${name}(state: ${noun}State, action: ${noun}Action): ${noun}State {`);
      main.push("  switch (action.type) {");
      main.push(`    case "${camel(noun)}/loaded":`, `      return { ...state, ids: action.ids, status: "idle" };`);
      main.push(`    case "${camel(noun)}/selected":`, "      return { ...state, selectedId: action.id };");
      main.push(`    case "${camel(noun)}/failed":`, `      return { ...state, status: "failed" };`);
      main.push("    default:", "      return state;", "  }", "}");
    } else {
      main.push(`export function ${name}(items: ReadonlyArray<{ id: string; amount: number }>): number {`);
      main.push("  let total = 0;");
      for (const use of file.uses) {
        if (use.shape === "ifElse") {
          main.push(`  if (${acc}(${this.keyOf(use)})) {`, "    total += items.length;", "  } else {", "    total -= items.length;", "  }");
        } else if (use.shape === "ternary") {
          main.push(`  const precision${this.idOf(use)} = ${acc}(${this.keyOf(use)}) ? 4 : 2;`, `  total = Number(total.toFixed(precision${this.idOf(use)}));`);
        }
      }
      main.push("  for (const item of items) {", "    total += item.amount;", "  }", "  return total;", "}");
    }
    out.push(...this.settingsBlock(file, false));
    out.push(...this.fill(file.targetLines - out.length - main.length - 1, false, noun));
    out.push(...main);
    return out.join("\n") + "\n";
  }

  private renderTypes(file: PlannedFile): string {
    const { name, noun } = file;
    const out: string[] = [];
    if (file.noise) out.push(...this.noiseLines(file), "");
    out.push(`export interface ${name} {`, "  id: string;", "  createdAt: string;", "  updatedAt: string;", `  ${camel(noun)}Type: ${noun}Kind;`, "  metadata?: Record<string, string>;", "}", "");
    out.push(`export enum ${noun}Kind {`, `  Standard = "standard",`, `  Premium = "premium",`, `  Legacy = "legacy",`, "}", "");
    while (out.length < file.targetLines - 4) out.push(...this.tsBlock(noun, true), "");
    return out.join("\n") + "\n";
  }

  private renderTest(file: PlannedFile): string {
    const subject = file.subject as PlannedFile;
    const out: string[] = [
      `import { fireEvent, render, screen } from "@testing-library/react";`,
      `import { describe, expect, it, vi } from "vitest";`,
    ];
    if (file.mocksFlags) out.push(`import { isFeatureEnabled } from "@acme/flags";`);
    out.push(`import { ${subject.name} } from "${this.relImport(file, subject)}";`, "");
    if (file.mocksFlags) {
      out.push(`vi.mock("@acme/flags", () => ({`);
      out.push("  isFeatureEnabled: vi.fn(() => false),");
      out.push("  useCheckFeatureFlag: () => () => false,");
      out.push("}));", "");
    }
    if (file.noise) out.push(...this.noiseLines(file), "");
    const idProp = `${camel(subject.noun)}Id`;
    out.push(`describe("${subject.name}", () => {`);
    const cases = [
      () => [
        `  it("renders the title", () => {`,
        `    render(<${subject.name} ${idProp}="${kebab(subject.noun)}-1" title="${subject.noun}s" />);`,
        `    expect(screen.getByText("${subject.noun}s")).toBeInTheDocument();`,
        "  });",
      ],
      () => [
        `  it("toggles the list", () => {`,
        `    render(<${subject.name} ${idProp}="${kebab(subject.noun)}-${this.n()}" items={[{ id: "a", name: "Alpha", updatedAt: "2024-01-02", active: true, amount: 3 }]} />);`,
        `    fireEvent.click(screen.getByRole("button"));`,
        `    expect(screen.getByText("Alpha")).toBeInTheDocument();`,
        "  });",
      ],
      () => [
        `  it("calls onSelect with the item id (${this.n()})", () => {`,
        "    const onSelect = vi.fn();",
        `    render(<${subject.name} ${idProp}="x" onSelect={onSelect} items={[{ id: "b", name: "Beta", updatedAt: "2024-03-04", active: false, amount: 1 }]} />);`,
        `    fireEvent.click(screen.getByRole("button"));`,
        `    fireEvent.click(screen.getByText("Beta"));`,
        `    expect(onSelect).toHaveBeenCalledWith("b");`,
        "  });",
      ],
      () => [
        `  it("filters by query (${this.n()})", () => {`,
        `    render(<${subject.name} ${idProp}="y" items={[{ id: "c", name: "Gamma", updatedAt: "2024-05-06", active: true, amount: 2 }]} />);`,
        `    fireEvent.click(screen.getByRole("button"));`,
        `    fireEvent.change(screen.getByPlaceholderText("Search"), { target: { value: "zzz" } });`,
        `    expect(screen.queryByText("Gamma")).not.toBeInTheDocument();`,
        "  });",
      ],
    ];
    if (file.mocksFlags) {
      out.push("  it(\"renders the old view when the flag is off\", () => {");
      out.push("    vi.mocked(isFeatureEnabled).mockReturnValue(false);");
      out.push(`    render(<${subject.name} ${idProp}="z" />);`);
      out.push("    expect(screen.getByRole(\"button\")).toBeInTheDocument();");
      out.push("  });");
    }
    let i = 0;
    while (out.length < file.targetLines - 2) {
      out.push(...(cases[i % cases.length] as () => string[])(), "");
      i++;
    }
    if (out[out.length - 1] === "") out.pop();
    out.push("});");
    return out.join("\n") + "\n";
  }

  private renderRoutes(file: PlannedFile): string {
    const pages = file.pkg.files.filter((f) => f.kind === "page" || f.kind === "component").slice(0, 40);
    const imp: string[] = [`import React from "react";`, `import { Route, Switch } from "react-router-dom";`];
    const flagImports = this.imports({ ...file, pkg: { name: "", files: [] } }, true).lines.filter((l) => l.includes("@acme/flags"));
    imp.push(...flagImports);
    for (const page of pages) imp.push(`import { ${page.name} } from "${this.relImport(file, page)}";`);
    const out = [...imp, ""];
    if (file.noise) out.push(...this.noiseLines(file), "");
    out.push(`export function ${this.pascal(file.pkg.name)}Routes() {`, "  return (", "    <Switch>");
    const uses = [...file.uses];
    pages.forEach((page, i) => {
      const path = `/${file.pkg.name}/${kebab(page.name.replace(/Page$/, ""))}`;
      const use = uses.shift();
      if (use) {
        out.push("      <Route");
        out.push(`        path="${path}"`);
        out.push(`        component={routeIsFeatureToggled(${page.name})}`);
        out.push(`        featureSlug=${use.key === "string" ? `"${use.flag.slug}"` : `{FeatureFlags.${use.flag.member}}`}`);
        out.push("      />");
      } else if (i < 25 || out.length < file.targetLines - 6) {
        out.push(`      <Route exact path="${path}" component={${page.name}} />`);
      }
    });
    for (const use of uses) {
      const page = pages[0];
      if (!page) break;
      out.push(`      <Route path="/${file.pkg.name}/beta-${this.idOf(use)}" component={routeIsFeatureToggled(${page.name})} featureSlug=${use.key === "string" ? `"${use.flag.slug}"` : `{FeatureFlags.${use.flag.member}}`} />`);
    }
    out.push("    </Switch>", "  );", "}");
    return out.join("\n") + "\n";
  }

  private pascal(s: string): string {
    return s.split("-").map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join("");
  }

  private renderIndex(file: PlannedFile): string {
    const out: string[] = [];
    for (const other of file.pkg.files) {
      if (!["component", "page", "hook", "util", "api", "types"].includes(other.kind)) continue;
      const rel = this.relImport(file, other);
      out.push(other.kind === "types" ? `export type { ${other.name} } from "${rel}";` : `export { ${other.name} } from "${rel}";`);
    }
    out.push(`export { ${this.pascal(file.pkg.name)}Routes } from "./routes";`);
    return out.join("\n") + "\n";
  }

  /** Words that look like flags to a loose search but are not flag checks. */
  private noiseLines(file: PlannedFile): string[] {
    const n = this.n();
    const variants = [
      [
        "// This feature is enabled for every workspace once billing has been set up.",
        `export const ${camel(file.noun)}FeatureList${n} = [`,
        `  { feature: "exports", enabled: true, label: "Exports" },`,
        `  { feature: "audit", enabled: false, label: "Audit trail" },`,
        "];",
      ],
      [
        `export function isFeatureAvailable${n}(plan: { features: string[] }, feature: string): boolean {`,
        "  // Plan features are billing entitlements, not feature flags.",
        "  return plan.features.includes(feature);",
        "}",
      ],
      [
        `const notificationsEnabled${n} = typeof window !== "undefined" && "Notification" in window;`,
        `export const enabledFeatureCount${n} = [notificationsEnabled${n}].filter(Boolean).length;`,
      ],
      [
        `export function logRollout${n}(flagName: string, enabled: boolean): void {`,
        `  console.info(\`feature \${flagName} is now \${enabled ? "enabled" : "disabled"}\`);`,
        "}",
      ],
    ];
    return this.r.pick(variants);
  }

  /** Filler declarations (helpers, tables, types, sub-components) until about `budget` lines. */
  private fill(budget: number, jsx: boolean, noun: string): string[] {
    const out: string[] = [];
    while (out.length < budget) {
      const block = jsx && this.r.chance(0.45) ? this.tsxBlock(noun) : this.tsBlock(noun, false);
      out.push(...block, "");
    }
    return out;
  }

  private tsBlock(noun: string, typesOnly: boolean): string[] {
    const n = this.n();
    const r = this.r;
    const lower = noun.toLowerCase();
    const choice = typesOnly ? r.pick([0, 1, 2]) : r.int(0, 8);
    switch (choice) {
      case 0:
        return [
          `export interface ${noun}Record${n} {`,
          "  id: string;",
          "  name: string;",
          "  createdAt: string;",
          "  updatedAt: string;",
          `  ownerId: string | null;`,
          "  tags: string[];",
          `  status: "draft" | "active" | "archived";`,
          ...(r.chance(0.5) ? ["  amount: number;", "  currency: string;"] : []),
          "}",
        ];
      case 1:
        return [
          `export type ${noun}Status${n} = "pending" | "active" | "suspended" | "closed";`,
          "",
          `export type ${noun}Event${n} =`,
          `  | { type: "created"; at: string; by: string }`,
          `  | { type: "updated"; at: string; changes: Record<string, unknown> }`,
          `  | { type: "deleted"; at: string };`,
        ];
      case 2:
        return [
          `export interface ${noun}Filters${n} {`,
          "  query?: string;",
          `  status?: ReadonlyArray<"open" | "closed">;`,
          "  createdAfter?: Date;",
          "  createdBefore?: Date;",
          "  page: number;",
          "  pageSize: number;",
          `  sort?: { field: keyof ${noun}Filters${n}; direction: "asc" | "desc" };`,
          "}",
        ];
      case 3:
        return [
          `type ${noun}Phase${n} = "pending" | "active" | "suspended" | "closed";`,
          "",
          `export function describe${noun}Phase${n}(phase: ${noun}Phase${n}): string {`,
          "  switch (phase) {",
          `    case "pending":`,
          `      return "Waiting for confirmation";`,
          `    case "active":`,
          `      return "Active";`,
          `    case "suspended":`,
          `      return "Suspended until the next payment";`,
          `    case "closed":`,
          `      return "Closed";`,
          "    default:",
          `      return "Unknown";`,
          "  }",
          "}",
        ];
      case 4:
        return [
          `function summarize${noun}s${n}(items: ReadonlyArray<{ id: string; amount: number; tags: string[] }>) {`,
          "  const totals = new Map<string, number>();",
          "  for (const item of items) {",
          "    if (item.amount <= 0) {",
          "      continue;",
          "    }",
          "    for (const tag of item.tags) {",
          "      totals.set(tag, (totals.get(tag) ?? 0) + item.amount);",
          "    }",
          "  }",
          "  return [...totals.entries()].sort((a, b) => b[1] - a[1]);",
          "}",
        ];
      case 5:
        return [
          `const ${upperSnake(noun)}_OPTIONS_${n} = [`,
          ...r.sample(["open", "closed", "pending", "archived", "draft", "review", "blocked", "done"], r.int(3, 7)).map(
            (v) => `  { value: "${v}", label: "${v.charAt(0).toUpperCase()}${v.slice(1)}", description: "${noun} is ${v}" },`,
          ),
          "] as const;",
        ];
      case 6:
        return [
          `export class ${noun}Cache${n} {`,
          "  private readonly entries = new Map<string, { value: unknown; expiresAt: number }>();",
          "",
          "  constructor(private readonly ttlMs = 60_000) {}",
          "",
          "  get(key: string): unknown {",
          "    const entry = this.entries.get(key);",
          "    if (!entry || entry.expiresAt < Date.now()) {",
          "      this.entries.delete(key);",
          "      return undefined;",
          "    }",
          "    return entry.value;",
          "  }",
          "",
          "  set(key: string, value: unknown): void {",
          "    this.entries.set(key, { value, expiresAt: Date.now() + this.ttlMs });",
          "  }",
          "}",
        ];
      case 7:
        return [
          `export async function load${noun}Page${n}(cursor?: string, limit = 50): Promise<{ items: unknown[]; next?: string }> {`,
          "  try {",
          `    const params = new URLSearchParams({ limit: String(limit) });`,
          "    if (cursor) {",
          `      params.set("cursor", cursor);`,
          "    }",
          `    const response = await fetch(\`/api/${lower}s?\${params.toString()}\`);`,
          "    if (response.status === 404) {",
          "      return { items: [] };",
          "    }",
          "    const body = (await response.json()) as { items: unknown[]; next?: string };",
          "    return { items: body.items, next: body.next };",
          "  } catch (error) {",
          `    console.warn("Failed to load ${lower}s", error);`,
          "    throw error;",
          "  }",
          "}",
        ];
      default:
        return [
          `export function validate${noun}${n}(input: { name?: string; email?: string; quantity?: number }): string[] {`,
          "  const errors: string[] = [];",
          "  if (!input.name || input.name.trim().length === 0) {",
          `    errors.push("Name is required");`,
          "  }",
          "  if (input.email !== undefined && !/^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$/.test(input.email)) {",
          `    errors.push("Email is invalid");`,
          "  }",
          "  if (typeof input.quantity === \"number\" && (input.quantity < 1 || input.quantity > 999)) {",
          `    errors.push("Quantity must be between 1 and 999");`,
          "  }",
          "  return errors;",
          "}",
        ];
    }
  }

  private tsxBlock(noun: string): string[] {
    const n = this.n();
    const lower = noun.toLowerCase();
    switch (this.r.int(0, 2)) {
      case 0:
        return [
          `function ${noun}Row${n}({ item, onSelect }: { item: { id: string; name: string; active: boolean; updatedAt: string }; onSelect: (id: string) => void }) {`,
          "  return (",
          `    <tr className="row" onClick={() => onSelect(item.id)}>`,
          "      <td>{item.name}</td>",
          "      <td>{new Date(item.updatedAt).toLocaleDateString()}</td>",
          "      <td>",
          `        <span className={item.active ? "badge badge--active" : "badge"}>{item.active ? "Active" : "Inactive"}</span>`,
          "      </td>",
          "    </tr>",
          "  );",
          "}",
        ];
      case 1:
        return [
          `function ${noun}EmptyState${n}({ onCreate }: { onCreate: () => void }) {`,
          "  return (",
          `    <div className="empty-state" role="status">`,
          `      <img src="/illustrations/${lower}-empty.svg" alt="" width={120} height={120} />`,
          `      <h3>No ${lower}s yet</h3>`,
          `      <p>Create your first ${lower} to get started.</p>`,
          `      <button type="button" className="button button--primary" onClick={onCreate}>`,
          `        New ${lower}`,
          "      </button>",
          "    </div>",
          "  );",
          "}",
        ];
      default:
        return [
          `function ${noun}QuickForm${n}({ onSubmit }: { onSubmit: (value: { name: string; note: string }) => void }) {`,
          `  const [name, setName] = useState("");`,
          `  const [note, setNote] = useState("");`,
          "  const isValid = name.trim().length > 0;",
          "  return (",
          "    <form",
          "      onSubmit={(event) => {",
          "        event.preventDefault();",
          "        if (isValid) onSubmit({ name, note });",
          "      }}",
          "    >",
          `      <label htmlFor="${lower}-name-${n}">Name</label>`,
          `      <input id="${lower}-name-${n}" value={name} onChange={(event) => setName(event.target.value)} />`,
          `      <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} />`,
          `      <button type="submit" disabled={!isValid}>`,
          "        Save",
          "      </button>",
          "    </form>",
          "  );",
          "}",
        ];
    }
  }

  // ---- fixed files ---------------------------------------------------------------------------------

  private writeFlagsPackage(): void {
    const registry = [
      "/**",
      " * Every feature flag the frontend may check. Values are the flag slugs stored in the flag service.",
      " */",
      "export enum FeatureFlags {",
      ...this.flags.map((f) => `  ${f.member} = "${f.slug}",`),
      "}",
      "",
    ];
    this.write(REGISTRY_PATH, registry.join("\n"));
    this.write(
      "packages/flags/src/isFeatureEnabled.ts",
      [
        `import type { FeatureFlags } from "./featureFlags";`,
        "",
        "const enabled = new Set<string>();",
        "",
        "export function setEnabledFlags(slugs: Iterable<string>): void {",
        "  enabled.clear();",
        "  for (const slug of slugs) enabled.add(slug);",
        "}",
        "",
        "/** Whether the flag is on for the current user. */",
        "export function isFeatureEnabled(flag: FeatureFlags | string): boolean {",
        "  return enabled.has(flag);",
        "}",
        "",
      ].join("\n"),
    );
    this.write(
      "packages/flags/src/useCheckFeatureFlag.ts",
      [
        `import { useCallback } from "react";`,
        `import type { FeatureFlags } from "./featureFlags";`,
        `import { isFeatureEnabled } from "./isFeatureEnabled";`,
        "",
        "/** Returns a checker bound to the current user: `useCheckFeatureFlag()(FeatureFlags.X)`. */",
        "export function useCheckFeatureFlag(): (flag: FeatureFlags | string) => boolean {",
        "  return useCallback((flag: FeatureFlags | string) => isFeatureEnabled(flag), []);",
        "}",
        "",
      ].join("\n"),
    );
    this.write(
      "packages/flags/src/routeIsFeatureToggled.tsx",
      [
        `import React from "react";`,
        `import { isFeatureEnabled } from "./isFeatureEnabled";`,
        "",
        "/** Wraps a route component so it renders only when the route's `featureSlug` flag is on. */",
        "export function routeIsFeatureToggled<P extends object>(Component: React.ComponentType<P>) {",
        "  return function FeatureToggledRoute(props: P & { featureSlug: string }) {",
        "    return isFeatureEnabled(props.featureSlug) ? <Component {...props} /> : null;",
        "  };",
        "}",
        "",
      ].join("\n"),
    );
    this.write(
      "packages/flags/src/index.ts",
      [
        `export { FeatureFlags } from "./featureFlags";`,
        `export { isFeatureEnabled, setEnabledFlags } from "./isFeatureEnabled";`,
        `export { useCheckFeatureFlag } from "./useCheckFeatureFlag";`,
        `export { routeIsFeatureToggled } from "./routeIsFeatureToggled";`,
        "",
      ].join("\n"),
    );
    this.write("packages/flags/package.json", JSON.stringify({ name: "@acme/flags", private: true, main: "src/index.ts" }, null, 2) + "\n");
  }

  /** A settings store with a static `getValue`, a hook over it, and the settings registry (flags are `feature_`). */
  private writeSettingsPackage(): void {
    const entries = [
      ...this.settingFlags.map((key) => `  "${key}": { isFeature: true, default: false, displayName: "${key.slice(8).replace(/_/g, " ")}", supportedLevels: LEVELS_FEATURE },`),
      ...SETTING_NAMES.map((key) => `  "${key}": { default: false, supportedLevels: LEVELS_ACCOUNT },`),
    ];
    this.write(
      SETTINGS_REGISTRY_PATH,
      [
        "export interface SettingDefinition {",
        "  isFeature?: boolean;",
        "  default: unknown;",
        "  displayName?: string;",
        "  supportedLevels: readonly string[];",
        "}",
        "",
        `const LEVELS_FEATURE = ["device", "config"] as const;`,
        `const LEVELS_ACCOUNT = ["device", "account", "config", "default"] as const;`,
        "",
        "/** Every setting, flags (`feature_`) and ordinary settings alike. */",
        "export const SETTINGS: Record<string, SettingDefinition> = {",
        ...entries,
        "};",
        "",
      ].join("\n"),
    );
    this.write(
      "packages/settings/src/SettingsStore.ts",
      [
        `import { SETTINGS } from "./settings";`,
        "",
        "type Watcher = (value: unknown) => void;",
        "",
        "export default class SettingsStore {",
        "  private static readonly values = new Map<string, unknown>();",
        "  private static readonly watchers = new Map<string, Watcher[]>();",
        "",
        "  public static getValue<T = unknown>(settingName: string, roomId: string | null = null): T {",
        "    const key = roomId ? `${roomId}:${settingName}` : settingName;",
        "    return (SettingsStore.values.get(key) ?? SETTINGS[settingName]?.default) as T;",
        "  }",
        "",
        "  public static watchSetting(settingName: string, roomId: string | null, watcher: Watcher): string {",
        "    const key = roomId ? `${roomId}:${settingName}` : settingName;",
        "    SettingsStore.watchers.set(key, [...(SettingsStore.watchers.get(key) ?? []), watcher]);",
        "    return key;",
        "  }",
        "",
        "  public static setValue(settingName: string, roomId: string | null, value: unknown): void {",
        "    const key = roomId ? `${roomId}:${settingName}` : settingName;",
        "    SettingsStore.values.set(key, value);",
        "    for (const watcher of SettingsStore.watchers.get(key) ?? []) watcher(value);",
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    this.write(
      "packages/settings/src/useSettingValue.ts",
      [
        `import { useEffect, useState } from "react";`,
        `import SettingsStore from "./SettingsStore";`,
        "",
        "/** The value of a setting, re-rendering when it changes. */",
        "export function useSettingValue<T>(settingName: string, roomId: string | null = null): T {",
        "  const [value, setValue] = useState(() => SettingsStore.getValue<T>(settingName, roomId));",
        "  useEffect(() => {",
        "    SettingsStore.watchSetting(settingName, roomId, (next) => setValue(next as T));",
        "  }, [settingName, roomId]);",
        "  return value;",
        "}",
        "",
      ].join("\n"),
    );
    this.write("packages/settings/src/index.ts", [`export { default as SettingsStore } from "./SettingsStore";`, `export { useSettingValue } from "./useSettingValue";`, `export { SETTINGS } from "./settings";`, ""].join("\n"));
    this.write("packages/settings/package.json", JSON.stringify({ name: "@acme/settings", private: true, main: "src/index.ts" }, null, 2) + "\n");
  }

  private writeProjectFiles(): void {
    for (const pkg of this.packages) {
      this.write(
        `packages/${pkg.name}/package.json`,
        JSON.stringify({ name: `@acme/${pkg.name}`, private: true, main: "src/index.ts", dependencies: { "@acme/flags": "workspace:*", react: "^18.3.1" } }, null, 2) + "\n",
      );
    }
    this.write(
      "package.json",
      JSON.stringify({ name: "acme-monorepo", private: true, workspaces: ["packages/*"], devDependencies: { typescript: "^5.6.0" } }, null, 2) + "\n",
    );
    this.write(
      "tsconfig.json",
      JSON.stringify(
        {
          compilerOptions: {
            target: "ES2022",
            module: "ESNext",
            moduleResolution: "Bundler",
            jsx: "react-jsx",
            strict: true,
            baseUrl: ".",
            paths: { "@acme/*": ["packages/*/src"], "@acme/settings/*": ["packages/settings/src/*"] },
          },
          include: ["packages/*/src"],
        },
        null,
        2,
      ) + "\n",
    );
    this.write(".gitignore", "node_modules/\ndist/\ncoverage/\n");
    this.write(
      "flag-scan.config.json",
      JSON.stringify(
        {
          accessors: [
            { call: "isFeatureEnabled", arg: 0 },
            { call: "useCheckFeatureFlag", returnsChecker: true },
            { hoc: "routeIsFeatureToggled", prop: "featureSlug" },
            { call: "SettingsStore.getValue", keyPattern: "^feature_" },
            { call: "useSettingValue", keyPattern: "^feature_" },
            { call: "SettingsStore.watchSetting", keyPattern: "^feature_" },
          ],
          registry: [
            { type: "typescript", path: REGISTRY_PATH },
            { type: "typescript", path: SETTINGS_REGISTRY_PATH, keys: true, keyPattern: "^feature_" },
          ],
        },
        null,
        2,
      ) + "\n",
    );
  }
}

function parseArgs(argv: string[]): { options: MonorepoOptions; out: string | undefined } {
  const options = { ...DEFAULT_MONOREPO_OPTIONS };
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--files") options.files = Number(value());
    else if (arg === "--seed") options.seed = Number(value());
    else if (arg === "--lines-per-file") options.linesPerFile = Number(value());
    else if (arg === "--flag-ratio") options.flagFileRatio = Number(value());
    else if (arg === "--cleanup-refs") options.cleanupRefs = Number(value());
    else if (arg === "--settings-ratio") options.settingsFileRatio = Number(value());
    else if (arg === "--no-git") options.git = false;
    else if (arg === "--out") out = value();
    else throw new Error(`Unknown option ${arg}; see the comment at the top of bench/generate-monorepo.ts`);
  }
  return { options, out };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { options, out } = parseArgs(process.argv.slice(2));
  const benchDir = out ?? join(dirname(fileURLToPath(import.meta.url)), "..", "..", ".bench");
  const started = performance.now();
  const { manifest, reused } = generateMonorepo(benchDir, options);
  console.log(
    `${reused ? "Reused" : "Generated"} ${manifest.root}: ${manifest.sourceFiles} source files, ${manifest.lines} lines, ` +
      `${(manifest.bytes / 1e6).toFixed(1)} MB, ${manifest.flagFiles.length} files check flags, ` +
      `${manifest.cleanupFiles.length} reference ${CLEANUP_FLAG.slug} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
