import type { AccessorConfig, LearnedAccessorConfig } from "../../../config/schema.js";
import { compileTypeScriptAccessors } from "./accessors.js";

/**
 * Whether scanning a file's text can teach the scanner an accessor (a wrapper, a renamed re-export, a
 * component), judged by its text: a file can, unless every mention of every accessor name in it is a call
 * with arguments, all literals (`isFeatureEnabled("new-checkout")`, whose key is known, so it never
 * makes the enclosing function a wrapper) or sits in an `import` that does not rename it. Everything the
 * reference finder learns starts at a mention of another shape: a parameter or expression passed as the
 * key, an export or alias of the name, a JSX element, a declaration. A superset test: comments, strings
 * and look-alikes count as "can". For a scan that needs what is learned and not the references (the
 * ESLint plugin's project load).
 *
 * With `accessors` (the config's and those learned so far), a call of a name that only plain call
 * accessors with the key first use (`SettingsStore.getValue`, `useSettingValue`) is ruled out when its
 * first argument is a string literal, whatever follows (`getValue("x", roomId)`, `useSettingValue<boolean>("x")`,
 * `watchSetting("x", null, callback)`): with a known key the call is a reference, never a wrapper, and the
 * other arguments are checked as any other code is (a mention inside them is a mention of its own).
 */
export function mayTeach(text: string, needles: readonly string[], accessors?: readonly AccessorConfig[]): boolean {
  let imports: Array<[number, number]> | undefined;
  const keyFirst = accessors ? keyFirstCalls(accessors) : undefined;
  for (const needle of needles) {
    const literalKeyEnough = keyFirst?.has(needle) === true;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
      const end = at + needle.length;
      // Part of a longer name (`getValues` for `getValue`): not the accessor.
      if (isNameChar(text.charCodeAt(at - 1)) || isNameChar(text.charCodeAt(end))) continue;
      if (isLiteralCall(text, end)) continue;
      if (literalKeyEnough && isLiteralKeyCall(text, end)) continue;
      imports ??= importSpans(text);
      if (imports.some(([from, to]) => at > from && end < to) && !/^\s+as\b/.test(text.slice(end, end + 8))) continue;
      return true;
    }
  }
  return false;
}

function isNameChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 36 || code === 95 || code > 127;
}

/**
 * `("a", 1, true, null)` from `at`, with whitespace between; a template literal only without `${`. At least
 * one argument: `useFlags()` returns a flags object, and what is done with it (handed to a component,
 * returned by an in-house hook) teaches the scanner.
 */
const LITERAL_CALL = /\s*\(\s*(?:(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`$\\]*`|-?\d[\w.]*|true|false|null|undefined)\s*(?:,\s*|(?=\))))+\)/y;

function isLiteralCall(text: string, at: number): boolean {
  LITERAL_CALL.lastIndex = at;
  return LITERAL_CALL.test(text);
}

/**
 * `<T, U<V>>("key"` or `("key",` from `at`: a string literal first argument, after type arguments without
 * parentheses (one level of nesting). A template literal only without `${`.
 */
const LITERAL_KEY_CALL = /\s*(?:<[^<>()]*(?:<[^<>()]*>[^<>()]*)*>\s*)?\(\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`$\\]*`)\s*[,)]/y;

function isLiteralKeyCall(text: string, at: number): boolean {
  LITERAL_KEY_CALL.lastIndex = at;
  return LITERAL_KEY_CALL.test(text);
}

const NAME_FIELDS = ["call", "flagsObject", "member", "jsx", "hoc", "decorator", "templateTag", "classAttribute", "definitionObject"];

const keyFirstByAccessors = new WeakMap<readonly AccessorConfig[], ReadonlySet<string>>();

/**
 * The names (a call's last segment) that only plain call accessors with the key as first argument use: no
 * other shape of accessor (flags object, member, JSX, HOC...) shares the name, and none of them returns a
 * checker, reads the key at another argument or off a property of it, or takes a list of keys.
 */
function keyFirstCalls(accessors: readonly AccessorConfig[]): ReadonlySet<string> {
  let names = keyFirstByAccessors.get(accessors);
  if (names) return names;
  const plain = (accessor: AccessorConfig): boolean => {
    if (!("call" in accessor)) return false;
    const learned = accessor as LearnedAccessorConfig & { call: string };
    return (accessor.arg ?? 0) === 0 && accessor.returnsChecker !== true && learned.argPath === undefined && learned.items !== true && learned.receives !== true;
  };
  // Every segment of every other accessor's name: the TypeScript needles and the other languages' shapes too.
  const others = new Set<string>();
  for (const accessor of accessors) {
    if (plain(accessor)) continue;
    for (const field of NAME_FIELDS) {
      const name = (accessor as unknown as Record<string, unknown>)[field];
      if (typeof name === "string") for (const segment of name.split(".")) others.add(segment);
    }
  }
  names = new Set(compileTypeScriptAccessors(accessors.filter(plain)).needles.filter((name) => !others.has(name)));
  keyFirstByAccessors.set(accessors, names);
  return names;
}

/** `import X, { a, b as c } from "m"` statements: names, braces, commas, `*`, `type` and `as` only. */
const IMPORT = /\bimport\s+[\w$\s,{}*]*?\bfrom\s*["']/g;

function importSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(IMPORT)].map((match) => [match.index, match.index + match[0].length]);
}
