import { compileConfigPattern } from "../../config/safe-regex.js";
import type { AccessorConfig, CallAccessorConfig, ClassAttributeAccessorConfig, DecoratorAccessorConfig, DefinitionObjectAccessorConfig } from "../../config/schema.js";

export interface CallMatcher {
  accessor: CallAccessorConfig | DecoratorAccessorConfig;
  /** The function or method name: the last segment of the configured name. */
  name: string;
  /** The required receiver, for dotted names (`waffle.flag_is_active` -> `waffle`). */
  receiver: string | undefined;
  keyPattern: RegExp | undefined;
}

export interface PythonAccessors {
  calls: CallMatcher[];
  decorators: CallMatcher[];
  classAttributes: Array<{ accessor: ClassAttributeAccessorConfig; keyPattern: RegExp | undefined }>;
  /** `X = WaffleSwitch("ns.x")`, checked as `X.is_enabled()`. */
  definitionObjects: Array<{ accessor: DefinitionObjectAccessorConfig; constructor: string; methods: string[]; keyPattern: RegExp | undefined }>;
}

export function compilePythonAccessors(accessors: readonly AccessorConfig[]): PythonAccessors {
  const result: PythonAccessors = { calls: [], decorators: [], classAttributes: [], definitionObjects: [] };
  const matcher = (accessor: CallAccessorConfig | DecoratorAccessorConfig, configured: string): CallMatcher => {
    const dot = configured.lastIndexOf(".");
    return {
      accessor,
      name: configured.slice(dot + 1),
      receiver: dot === -1 ? undefined : configured.slice(0, dot),
      keyPattern: accessor.keyPattern === undefined ? undefined : compileConfigPattern(accessor.keyPattern),
    };
  };
  for (const accessor of accessors) {
    // An accessor meant for another language (`"language": "typescript"`) must not match Python calls.
    if ("language" in accessor && accessor.language !== undefined && accessor.language !== "python") continue;
    if ("call" in accessor) {
      // A checker-returning call has no Python equivalent worth guessing at.
      if (!accessor.returnsChecker) result.calls.push(matcher(accessor, accessor.call));
    } else if ("decorator" in accessor) result.decorators.push(matcher(accessor, accessor.decorator));
    else if ("definitionObject" in accessor)
      result.definitionObjects.push({
        accessor,
        constructor: accessor.definitionObject.split(".").pop()!,
        methods: accessor.methods ?? ["is_enabled"],
        keyPattern: accessor.keyPattern === undefined ? undefined : compileConfigPattern(accessor.keyPattern),
      });
    else if ("classAttribute" in accessor)
      result.classAttributes.push({
        accessor,
        keyPattern: accessor.keyPattern === undefined ? undefined : compileConfigPattern(accessor.keyPattern),
      });
  }
  return result;
}

/** The names whose presence in a file makes it worth parsing. */
export function pythonNeedles(accessors: readonly AccessorConfig[]): string[] {
  const compiled = compilePythonAccessors(accessors);
  return [
    ...new Set([
      // `Flag.objects.get`, `get_waffle_flag_model().get`: the model's name is rarer in a file than `get`.
      ...compiled.calls.map((call) => (call.receiver !== undefined && /\(\)$|(^|\.)objects$|^[A-Z]/.test(call.receiver) ? call.receiver.split(/[.(]/)[0]! : call.name)),
      ...compiled.decorators.map((decorator) => decorator.name),
      ...compiled.classAttributes.map(({ accessor }) => accessor.classAttribute),
      ...compiled.definitionObjects.flatMap((definition) => definition.methods),
    ]),
  ];
}
