/** The syntactic shape of a flag check. */
export type ReferenceKind =
  | "call" // isFeatureEnabled("ff_x"), client.variation("ff_x")
  | "checker-call" // useCheckFeatureFlag()(X) or check(X) where check = useCheckFeatureFlag()
  | "member" // config.featureToggles.ff_x
  | "jsx" // <Feature flag="ff_x">
  | "hoc" // <Route component={routeIsFeatureToggled(Page)} featureSlug="ff_x" />
  | "decorator" // @waffle_flag("x")
  | "template-tag" // {% flag "x" %}
  | "class-attribute" // feature_flag = "x"
  | "flags-object"; // const { newCheckout } = useFlags(), flags.newCheckout, active.includes("x")

/** A half-open range of UTF-16 offsets into a file's text, after a leading BOM is removed. */
export interface TextRange {
  start: number;
  end: number;
}

/** One place in code that checks a flag. */
export interface FlagReference {
  /** The slug, or undefined when the key cannot be resolved statically (`dynamic-flag-key`). */
  flag: string | undefined;
  /** Relative to the project root, with `/`. */
  file: string;
  /** 1-based position of the key expression. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  kind: ReferenceKind;
  /**
   * What the key names, from the accessor's `kind`: `switch`, `sample`, an SDK's own word; undefined is a
   * plain `flag`.
   */
  flagKind?: string;
  /** The configured accessor name that matched (`isFeatureEnabled`, `Feature`, `waffle_flag`). */
  accessor: string;
  /** The source text of the key expression (`"ff_x"`, `FeatureFlags.NEW_CHECKOUT`, `name`). */
  keyText: string;
  /** Where the key expression is. */
  keyRange: TextRange;
  /**
   * The whole expression whose value is the flag's boolean state: the call, the `.enabled`
   * property access, the JSX element. The cleanup codemod replaces this.
   */
  checkRange: TextRange;
  /** True when the check's value is the flag's negation (`useFeatureIsOff("x")`). */
  negated?: boolean;
  /** `value` when the check reads a string, number or JSON variation, not on/off; absent for booleans. */
  returns?: "value";
  /**
   * Set when the code key is the registry key transformed by the SDK (`camelCase`: `newCheckout` for
   * `new-checkout`); `flag` is the registry key once the registries are known.
   */
  keyTransform?: "camelCase";
  /**
   * Set when the check calls an app's own wrapper that returns more than the flag's value
   * (`useConditionalFeature({ feature })` returns `{ value, isLoading }`), or reads an app store of flags
   * the scan learned (`featureFlagsStore.NEW_UI`): the cleanup leaves it.
   */
  opaque?: true;
  /**
   * Set when the key is one of several flags chosen at run time (`FLOW_FLAGS[flowId]` over a constant table,
   * `TABLE[id] ?? "x"`): the check is a reference to each of them, and no single flag's cleanup may fold it.
   */
  sharedCheck?: true;
  /**
   * Set when the file itself creates the flag's row (a Django test's `Switch.objects.update_or_create(name=
   * "x")`): the flag exists where it is checked, so it is not `unknown-flag` there.
   */
  createdHere?: true;
  /** Flags of the conditions this check sits under, outermost first (for `nested-flag`). */
  guards: GuardInfo[];
  /** The language of the file. */
  language: string;
}

/** A flag condition that encloses a reference. */
export interface GuardInfo {
  flag: string;
  line: number;
  column: number;
}

/** A file that could not be parsed or read: reported, never fatal. */
export interface ScanError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}
