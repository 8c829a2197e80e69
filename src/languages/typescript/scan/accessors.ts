import { compileConfigPattern } from "../../../config/safe-regex.js";
import type {
  AccessorConfig,
  CallAccessorConfig,
  FlagsObjectAccessorConfig,
  HocAccessorConfig,
  JsxAccessorConfig,
  LearnedAccessorConfig,
  MemberAccessorConfig,
} from "../../../config/schema.js";

export interface CallMatcher {
  config: CallAccessorConfig;
  /** Function or method name (the last segment of `call`). */
  name: string;
  /** Receiver segments a dotted `call` requires (`["SettingsStore"]` for `SettingsStore.getValue`). */
  receiver: string[];
  arg: number;
  keyPattern: RegExp | undefined;
}

export interface MemberMatcher {
  config: MemberAccessorConfig;
  /** The object path, split (`["config", "featureToggles"]`). */
  path: string[];
  keyPattern: RegExp | undefined;
}

export interface JsxMatcher {
  config: JsxAccessorConfig;
  prop: string;
  fallbackProp: string;
  keyPattern: RegExp | undefined;
}

export interface HocMatcher {
  config: HocAccessorConfig;
  prop: string;
  keyPattern: RegExp | undefined;
}

export interface FlagsObjectMatcher {
  config: FlagsObjectAccessorConfig;
  /** Function (or HOC) name: the last segment of `flagsObject`. */
  name: string;
  receiver: string[];
  keyPattern: RegExp | undefined;
}

/** The accessors of one language, indexed for the one walk per file. */
export interface CompiledAccessors {
  calls: Map<string, CallMatcher[]>;
  /** Calls returning an object (or list) keyed by flag, by name; HOCs passing one as a prop. */
  flagsObjects: Map<string, FlagsObjectMatcher[]>;
  /** Learned components and functions that callers hand a flags object, by name (`receives`). */
  flagsReceivers: Map<string, FlagsObjectMatcher[]>;
  members: MemberMatcher[];
  jsx: Map<string, JsxMatcher>;
  hocs: Map<string, HocMatcher>;
  /** Words a file must contain to be worth parsing. */
  needles: string[];
  /**
   * What must accompany a needle for it to name an accessor (`Language.qualifiers`): a dotted call is
   * matched only through its receiver as written (`endsWith(receiverPath, m.receiver)`), a member path and
   * a dotted JSX tag only whole, so their other segments are in the text of any file that references them.
   */
  qualifiers: Map<string, string[][]>;
}

/** Indexes the TypeScript/JavaScript accessors of a config. */
export function compileTypeScriptAccessors(accessors: readonly AccessorConfig[]): CompiledAccessors {
  const compiled: CompiledAccessors = { calls: new Map(), flagsObjects: new Map(), flagsReceivers: new Map(), members: [], jsx: new Map(), hocs: new Map(), needles: [], qualifiers: new Map() };
  const needles = new Set<string>();
  // Per needle, the other words of each accessor it stands for; an empty list: the needle alone suffices.
  const alongside = new Map<string, string[][]>();
  const need = (needle: string, words: readonly string[]) => {
    needles.add(needle);
    const lists = alongside.get(needle);
    const list = words.map((word) => word.replace(/\(\)$/, ""));
    if (lists) lists.push(list);
    else alongside.set(needle, [list]);
  };
  for (const accessor of accessors) {
    if ("language" in accessor && accessor.language !== undefined && accessor.language !== "typescript") continue;
    const keyPattern = accessor.keyPattern === undefined ? undefined : compileConfigPattern(accessor.keyPattern);
    if ("call" in accessor) {
      const segments = accessor.call.split(".");
      const name = segments.pop()!;
      const matcher: CallMatcher = { config: accessor, name, receiver: segments, arg: accessor.arg ?? 0, keyPattern };
      const matchers = compiled.calls.get(name);
      if (matchers === undefined) compiled.calls.set(name, [matcher]);
      else matchers.push(matcher);
      need(name, segments);
    } else if ("flagsObject" in accessor) {
      const segments = accessor.flagsObject.split(".");
      const name = segments.pop()!;
      const into = (accessor as LearnedAccessorConfig).receives === true ? compiled.flagsReceivers : compiled.flagsObjects;
      into.set(name, [...(into.get(name) ?? []), { config: accessor, name, receiver: segments, keyPattern }]);
      // Not qualified: a HOC or a learned receiver is matched by its name alone (flags-object.ts).
      need(name, []);
    } else if ("member" in accessor) {
      const path = accessor.member.split(".");
      compiled.members.push({ config: accessor, path, keyPattern });
      need(path[path.length - 1]!, path.slice(0, -1));
    } else if ("jsx" in accessor) {
      compiled.jsx.set(accessor.jsx, { config: accessor, prop: accessor.prop ?? "flag", fallbackProp: accessor.fallbackProp ?? "fallback", keyPattern });
      const segments = accessor.jsx.split(".");
      need(segments.pop()!, segments);
    } else if ("hoc" in accessor) {
      compiled.hocs.set(accessor.hoc, { config: accessor, prop: accessor.prop ?? "featureSlug", keyPattern });
      need(accessor.hoc, []);
    }
  }
  compiled.needles = [...needles];
  for (const [needle, lists] of alongside) if (lists.every((list) => list.length > 0)) compiled.qualifiers.set(needle, lists);
  return compiled;
}
