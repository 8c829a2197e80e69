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
}

/** Indexes the TypeScript/JavaScript accessors of a config. */
export function compileTypeScriptAccessors(accessors: readonly AccessorConfig[]): CompiledAccessors {
  const compiled: CompiledAccessors = { calls: new Map(), flagsObjects: new Map(), flagsReceivers: new Map(), members: [], jsx: new Map(), hocs: new Map(), needles: [] };
  const needles = new Set<string>();
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
      needles.add(name);
    } else if ("flagsObject" in accessor) {
      const segments = accessor.flagsObject.split(".");
      const name = segments.pop()!;
      const into = (accessor as LearnedAccessorConfig).receives === true ? compiled.flagsReceivers : compiled.flagsObjects;
      into.set(name, [...(into.get(name) ?? []), { config: accessor, name, receiver: segments, keyPattern }]);
      needles.add(name);
    } else if ("member" in accessor) {
      const path = accessor.member.split(".");
      compiled.members.push({ config: accessor, path, keyPattern });
      needles.add(path[path.length - 1]!);
    } else if ("jsx" in accessor) {
      compiled.jsx.set(accessor.jsx, { config: accessor, prop: accessor.prop ?? "flag", fallbackProp: accessor.fallbackProp ?? "fallback", keyPattern });
      needles.add(accessor.jsx.split(".").pop()!);
    } else if ("hoc" in accessor) {
      compiled.hocs.set(accessor.hoc, { config: accessor, prop: accessor.prop ?? "featureSlug", keyPattern });
      needles.add(accessor.hoc);
    }
  }
  compiled.needles = [...needles];
  return compiled;
}
