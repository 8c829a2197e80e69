// These declarations are the one source of the config's shape: `npm run schema` generates the published JSON
// Schema (`schema/flag-scan.schema.json`, what `loadConfig` validates with) from them, JSDoc included, and
// test/config/schema.test.ts fails when the committed file differs from what they give. Constraints the
// types cannot say are JSDoc tags the generator copies into the schema: `@minimum 0`, `@minItems 2`,
// `@minLength 1`, `@pattern ^x`, `@asType integer`; a closed set of strings is a literal union (an `enum`).
// Descriptions are the JSDoc text; `@default` and `@example` must be JSON (they become `default`, `examples`).

/**
 * Configuration of flag-scan (`flag-scan.config.json`, `.js`/`.mjs`/`.ts`, or the `"flag-scan"` key of
 * package.json): where flags are defined, how code checks them, and which rules apply. Every field is
 * optional; `resolveConfig` fills in the defaults documented here.
 * @title flag-scan configuration
 */
export interface UserConfig {
  /** JSON Schema reference, ignored by flag-scan. */
  $schema?: string;
  /**
   * Globs of files to scan, relative to the config file's directory.
   * @default ["**\/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,vue,svelte,py}", "**\/templates/**\/*.html", "**\/jinja2/**\/*.html", "**\/*.{jinja,jinja2,j2}"]
   * @example ["src/**\/*.{ts,tsx}", "backend/**\/*.py"]
   */
  include?: string[];
  /**
   * Globs to skip, on top of `.gitignore`, `node_modules` and build output (dist, build, out, .next, coverage).
   * @default []
   * @example ["**\/*.test.ts", "legacy/**"]
   */
  exclude?: string[];
  /**
   * Honour `.gitignore` files (the root one and nested ones).
   * @default true
   */
  gitignore?: boolean;
  /**
   * Where flags are defined. A flag defined in several sources is one flag; a source with an
   * `environment` describes what exists in that environment.
   * @default []
   * @example [{ "type": "typescript", "path": "src/flags.ts" }, { "type": "waffle", "path": "exports/prod.json", "environment": "production" }]
   */
  registry?: RegistrySourceConfig[];
  /**
   * Groups of registry sources that must agree with each other (e.g. a TS enum mirroring a Python
   * constants module). Each group lists indexes into `registry` or source `name`s.
   * @default []
   * @example [{ "sources": ["frontend-enum", "backend-flags"] }]
   */
  mirrors?: MirrorGroupConfig[];
  /**
   * How code checks a flag. Added to the accessors of `presets`.
   * @default []
   * @example [{ "call": "isFeatureEnabled", "arg": 0 }, { "jsx": "Feature", "prop": "flag" }]
   */
  accessors?: AccessorConfig[];
  /**
   * Named accessor sets for popular SDKs: `launchdarkly`, `unleash`, `openfeature`, `growthbook`,
   * `posthog`, `waffle`, `flag-scan` (the `isFeatureEnabled` family most in-house code uses).
   * Default: `["flag-scan"]` when neither `presets` nor `accessors` is given, else `[]`.
   * @example ["launchdarkly"]
   */
  presets?: PresetName[];
  naming?: {
    /**
     * Regular expression every flag slug must match (`flag-naming`).
     * @default "^ff_[a-z0-9_]+$" with the `flag-scan` preset; with other presets, no pattern (the rule is quiet)
     */
    pattern?: string;
  };
  stale?: {
    /**
     * A flag fully on or fully off and unchanged for longer than this is stale (`stale-flag`). At most 36500.
     * @default 90
     * @asType integer
     * @minimum 0
     * @maximum 36500
     */
    maxAgeDays?: number;
  };
  nesting?: {
    /**
     * How many flags may guard one another. 1 means a flag check must not sit inside a branch of another. At most 100.
     * @default 1
     * @asType integer
     * @minimum 1
     * @maximum 100
     */
    maxDepth?: number;
  };
  /**
   * Severity per rule id: `"error"`, `"warning"` or `"off"`.
   * @default {}
   * @example { "unused-flag": "error", "flag-naming": "off" }
   */
  rules?: Record<string, RuleSetting>;
  /**
   * Resolve keys the syntactic resolver cannot (function results, generic wrappers) with the
   * TypeScript type checker, loading `tsconfig`. Slower: opt in for accuracy on unusual code.
   * @default false
   */
  typeInformation?: boolean | { tsconfig?: string };
  /**
   * Files the project starts from besides what is found on its own (package.json `main`/`exports`/`bin`,
   * Next.js `pages/` and `app/`): a deep cleanup never deletes them nor their exports, whoever imports them.
   * @default []
   * @example ["src/main.tsx", "scripts/*.ts"]
   */
  entry?: string[];
  /**
   * Message catalogs (JSON) whose keys a deep cleanup removes when only the removed code used them.
   * @default ["**\/i18n/**\/*.json", "**\/locales/**\/*.json", "**\/*_*.json"]
   * @example ["src/translations/*.json"]
   */
  catalogs?: string[];
}

/** The accessor sets of `presets`; `src/config/presets/index.ts` maps each name to its accessors. */
export type PresetName = "flag-scan" | "launchdarkly" | "unleash" | "openfeature" | "growthbook" | "posthog" | "waffle" | "edx-toggles";

/** What a rule reports at, or `"off"`. */
export type RuleSetting = "error" | "warning" | "off";

export type Severity = Exclude<RuleSetting, "off">;

/**
 * A position in the config's `registry` list.
 * @asType integer
 * @minimum 0
 */
export type RegistryIndex = number;

export interface MirrorGroupConfig {
  /** Indexes into `registry` or the `name` of registry sources that must define the same flags. */
  /** @minItems 2 */
  sources: Array<RegistryIndex | string>;
  /** Also compare constant names (e.g. `FeatureFlags.NEW_CHECKOUT` vs `NEW_CHECKOUT`). @default false */
  compareConstants?: boolean;
}

export type RegistryType =
  | "typescript"
  | "json"
  | "yaml"
  | "waffle"
  | "python"
  | "django-migrations"
  | "edx-toggles"
  | "waffle-db";

/** One source of defined flags. */
export interface RegistrySourceConfig {
  /** How to read the source. */
  type: RegistryType;
  /**
   * File path or glob relative to the config file's directory. For `waffle-db`, a connection URL
   * (`sqlite:///path/to/db.sqlite3`, `postgres://user@host/db`, `mysql://user@host/db` with the optional
   * `mysql2` package); `${ENV_VAR}` is expanded.
   * @minLength 1
   */
  path: string;
  /** A name for reports and `mirrors`. Defaults to the path. */
  name?: string;
  /** The environment this source describes (e.g. `production`); references missing from it are `environment-drift`. */
  environment?: string;
  /** `typescript`/`python`: read only this export. */
  export?: string;
  /** `typescript`: take the keys of an object literal instead of its string values. @default false */
  keys?: boolean;
  /** Keep only slugs matching this regular expression (a settings registry where only `feature_*` entries are flags). */
  keyPattern?: string;
  /**
   * Read this source although its path (or a symlink on it) leads outside the project root. Registry
   * files are echoed in reports and errors, so by default flag-scan refuses to read outside the project.
   * @default false
   */
  allowOutsideRoot?: boolean;
  /**
   * `python`: keep only constants whose name matches this regular expression, for a constants module that
   * also holds other strings (`"_(FLAG|SWITCH|SAMPLE)$"`). `Class.NAME` is matched as written.
   * @example "_(FLAG|SWITCH|SAMPLE)(_NAME)?$"
   */
  constantPattern?: string;
  /**
   * `waffle-db`: a custom `WAFFLE_FLAG_MODEL` (`"shop.Flag"`): its table `shop_flag` and many-to-many
   * tables `shop_flag_groups`/`shop_flag_users` are read instead of waffle's.
   */
  model?: string;
  /** `waffle-db`: the flag model's `db_table`, when it is not `<app>_<model>`. @default "waffle_flag" */
  table?: string;
}

export type AccessorConfig =
  | CallAccessorConfig
  | MemberAccessorConfig
  | JsxAccessorConfig
  | HocAccessorConfig
  | DecoratorAccessorConfig
  | TemplateTagAccessorConfig
  | ClassAttributeAccessorConfig
  | FlagsObjectAccessorConfig
  | DefinitionObjectAccessorConfig;

interface AccessorBase {
  /** Keep only keys matching this regular expression (for generic settings accessors). */
  keyPattern?: string;
  /**
   * What the check gives: the flag's boolean (on or off), or a value (`useVariant("x")`,
   * `getFeatureFlag("x") === "test"`, `useFeatureValue("x", {})`, a JSON variation). A value flag is cleaned
   * with `cleanup --value <JSON>` and never folded as a boolean.
   * @default "boolean"
   */
  returns?: AccessorReturns;
  /**
   * What the key names: `flag`, `switch` (toggled at run time, never stale), `sample`, or an SDK's own word.
   * Carried by every reference the accessor finds; rules and messages use it.
   * @default "flag"
   * @minLength 1
   */
  kind?: string;
}

/** Call and member accessors exist in several languages; the other forms belong to one. */
interface AnyLanguageAccessor extends AccessorBase {
  /**
   * Apply only to files of this language (`flag_is_active` takes the key at 1 in Python, at 0 in JS). Jinja2
   * templates read only call accessors that say `"jinja2"` (`{ "call": "waffle.flag", "language": "jinja2" }`).
   * @default TypeScript and Python
   */
  language?: "typescript" | "python" | "jinja2";
}

/** `isFeatureEnabled("ff_x")`, `client.variation("ff_x", ctx, false)`, `useFlag("x").enabled`. */
export interface CallAccessorConfig extends AnyLanguageAccessor {
  /**
   * Function or method name; a dotted name (`SettingsStore.getValue`) also requires that receiver.
   * @minLength 1
   */
  call: string;
  /**
   * Index of the argument holding the key.
   * @default 0
   * @asType integer
   * @minimum 0
   * @maximum 255
   */
  arg?: number;
  /** Python keyword argument holding the key, when passed by name. */
  keyword?: string;
  /** The flag's boolean value is this property of the result (`useFlag("x").enabled`). */
  property?: string;
  /**
   * The call returns a checker function and the key is that function's argument:
   * `useCheckFeatureFlag()(FeatureFlags.X)` or `const check = useCheckFeatureFlag(); check(X)`.
   * @default false
   */
  returnsChecker?: boolean;
  /** The call returns true when the flag is OFF (GrowthBook `useFeatureIsOff`). @default false */
  negated?: boolean;
  /**
   * Index of the argument holding the default value; negative counts from the end (`-1`: the last).
   * With `returns: "value"`, a `true`/`false` literal there makes this check a boolean one
   * (`client.variation("k", ctx, false)`).
   */
  defaultArg?: number;
}

/**
 * A call whose result is an object keyed by flag: `const { newCheckout } = useFlags()`,
 * `flags.newCheckout`, `useFlags()["new-checkout"]`, `ldClient.allFlags()`. Followed through
 * destructuring (renames, defaults, rest), locals, and member and element access.
 */
export interface FlagsObjectAccessorConfig extends AnyLanguageAccessor {
  /**
   * The function (a dotted name also requires that receiver). With `prop`, a HOC instead: the
   * components it wraps receive the object as that prop (`withLDConsumer()(App)` reads `props.flags.x`).
   */
  flagsObject: string;
  /** The prop a wrapped component receives the object under; `flagsObject` is then a HOC. */
  prop?: string;
  /**
   * The call returns the object under this property instead (an app's hook returning `{ featureFlags,
   * reset }`): `useFeatureFlags().featureFlags.x`, `const { featureFlags: { x } } = useFeatureFlags()`,
   * `const { featureFlags } = useFeatureFlags()` then `featureFlags.x`. A dotted path goes deeper
   * (`config.featureFlags`: `const { config: { featureFlags } } = useApp()`).
   */
  property?: string;
  /**
   * The result lists the flags that are on instead (PostHog `useActiveFeatureFlags()`): a flag is
   * checked by `.includes("k")`, or `.find`/`.some` of an item whose `name` is `"k"` (Unleash `useFlags()`).
   * @default false
   */
  list?: boolean;
  /**
   * How the SDK turns a registry key into the key code reads: `camelCase` (`new-checkout` is read as
   * `newCheckout`, as the LaunchDarkly React SDK does unless `useCamelCaseFlagKeys: false`). A code key
   * that is the transform of a registry key is reported as that registry key.
   * @default none
   */
  keyTransform?: "camelCase";
  /**
   * The SDK hands the object to a callback instead of returning it: the index of the parameter that
   * receives it, in the function passed to the call (`posthog.onFeatureFlags((flags) =>
   * flags.includes("k"))` is `0`).
   * @asType integer
   * @minimum 0
   * @maximum 255
   */
  parameter?: number;
  /**
   * The object's keys are the app's names for flags, each standing for one flag key (an app store filled
   * from the SDK: `{ "SIMPLE_SOCKET_UI": "simple-socket-ui" }`). Only the keys listed are flags; a
   * property not listed is not a flag read. Learned from the store's code when every property is set from
   * a literal key.
   * @example { "SIMPLE_SOCKET_UI": "simple-socket-ui" }
   */
  keyMap?: Record<string, string>;
}

/** What an accessor's check evaluates to: `boolean` (on/off) or `value` (any JSON value). */
export type AccessorReturns = "boolean" | "value";

/** `config.featureToggles.ff_x` or `config.featureToggles["ff_x"]`. */
export interface MemberAccessorConfig extends AnyLanguageAccessor {
  /**
   * The object whose properties are flags, as a dotted path.
   * @minLength 1
   */
  member: string;
}

/** `<Feature flag="ff_x">...</Feature>`: renders children when on, `fallback` when off. */
export interface JsxAccessorConfig extends AccessorBase {
  /**
   * The component's name.
   * @minLength 1
   */
  jsx: string;
  /** Attribute holding the key. @default "flag" */
  prop?: string;
  /** Attribute rendered when the flag is off. @default "fallback" */
  fallbackProp?: string;
  /** Attribute rendered when the flag is on, instead of the children (`then={<New />}`). @default the children */
  thenProp?: string;
}

/** Accessors flag-scan learns from the code: wrapper functions and wrapper components. */
export type LearnedAccessorConfig = (CallAccessorConfig | JsxAccessorConfig | FlagsObjectAccessorConfig) & {
  /** The accessor the learned one calls (for the "matched nothing" warning). */
  wraps?: string;
  /** A learned component that renders more than the side its flag picks: the cleanup reports its uses. */
  opaque?: boolean;
  /**
   * The argument is a list, tuple or set of keys, each checked (`def requires(switches): for s in switches:
   * ...switch_is_active(s)`): every item of a literal collection is a reference.
   */
  items?: boolean;
  /**
   * A learned wrapper that reads the key off its argument: the properties to read at each call
   * (`["feature", "id"]` for `({ feature }) => gb.getFeatureValue(feature.id)`).
   */
  argPath?: string[];
  /**
   * A component or function that callers hand a flags object (`<Banner flags={useFlags()} />`,
   * `isBeta(flags)`): `flagsObject` names it, and it receives the object as the prop `prop` or as the
   * parameter at `param`. Only its declaration in `module` is followed.
   */
  receives?: boolean;
  /**
   * The parameter of a receiving function that holds the flags object.
   * @asType integer
   */
  param?: number;
  /** The file (relative to the root, `/`-separated) declaring a receiving component or function. */
  module?: string;
  /** Some call site hands the receiver something other than a flags object: its reads are not flags. */
  mixed?: boolean;
};

/** `<Route component={routeIsFeatureToggled(Page)} featureSlug="ff_x" />`. */
export interface HocAccessorConfig extends AccessorBase {
  /**
   * The higher-order function's name.
   * @minLength 1
   */
  hoc: string;
  /** Attribute holding the key. @default "featureSlug" */
  prop?: string;
}

/** Python `@waffle_flag("x")`. */
export interface DecoratorAccessorConfig extends AccessorBase {
  /**
   * The decorator's name; a dotted name also requires that receiver.
   * @minLength 1
   */
  decorator: string;
  /**
   * Index of the decorator argument holding the key.
   * @default 0
   * @asType integer
   * @minimum 0
   * @maximum 255
   */
  arg?: number;
  /** Keyword argument holding the key, when passed by name. */
  keyword?: string;
}

/** Django template `{% flag "x" %}...{% endflag %}`. */
export interface TemplateTagAccessorConfig extends AccessorBase {
  /**
   * The template tag's name.
   * @minLength 1
   */
  templateTag: string;
}

/** Python class attribute `feature_flag = "x"` on classes using `mixin`. */
export interface ClassAttributeAccessorConfig extends AccessorBase {
  /**
   * The class attribute holding the key.
   * @minLength 1
   */
  classAttribute: string;
  /** Only classes that list one of these bases. Omitted: any class. */
  mixins?: string[];
}

/**
 * Python flag definition objects (edx-toggles): a module-level `X = WaffleSwitch("ns.x", __name__)` stands
 * for its key, and `X.is_enabled()` (also `toggles.X.is_enabled()`, and `X` imported from another module)
 * is a check of it. Example: `{ "definitionObject": "WaffleSwitch", "kind": "switch" }`.
 */
export interface DefinitionObjectAccessorConfig extends AccessorBase {
  /**
   * The class whose instances define flags (`WaffleSwitch`); a dotted name matches its last segment.
   * @minLength 1
   */
  definitionObject: string;
  /**
   * Index of the constructor argument holding the key (a string, a constant, or an f-string of constants).
   * @default 0
   * @asType integer
   * @minimum 0
   * @maximum 255
   */
  arg?: number;
  /** Constructor keyword argument holding the key, when passed by name. @default "name" */
  keyword?: string;
  /** The methods whose call on the object is the check. @default ["is_enabled"] */
  methods?: string[];
}

/** The configuration with every default applied and paths made absolute. */
export interface ResolvedConfig {
  /** Directory of the config file (or the scan directory when there is none): the project root. */
  root: string;
  /** The config file, when one was found. */
  configFile: string | undefined;
  include: string[];
  exclude: string[];
  gitignore: boolean;
  registry: ResolvedRegistrySource[];
  mirrors: MirrorGroupConfig[];
  accessors: AccessorConfig[];
  presets: string[];
  /** `pattern` is undefined when the naming rule has nothing to check against. */
  naming: { pattern: RegExp | undefined };
  stale: { maxAgeDays: number };
  nesting: { maxDepth: number };
  rules: Record<string, RuleSetting>;
  typeInformation: false | { tsconfig: string | undefined };
  /** Globs, relative to `root`; undefined when unset. */
  entry?: string[];
  /** Globs, relative to `root`; undefined means the defaults. */
  catalogs?: string[];
}

export interface ResolvedRegistrySource extends RegistrySourceConfig {
  /** Position in the config's `registry` list. */
  index: number;
  /** `name`, or `path` when unnamed. */
  name: string;
}

/** Never scanned, whatever the config says. */
export const ALWAYS_EXCLUDED = [
  "**/node_modules/**",
  "**/.git/**",
  "**/dist/**",
  "**/build/**",
  "**/out/**",
  "**/.next/**",
  "**/.nuxt/**",
  "**/.turbo/**",
  "**/coverage/**",
  "**/*.min.js",
  "**/*.d.ts",
];
export const DEFAULT_NAMING_PATTERN = "^ff_[a-z0-9_]+$";
export const DEFAULT_STALE_MAX_AGE_DAYS = 90;
export const DEFAULT_NESTING_MAX_DEPTH = 1;
