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
  let importStatements: Array<[number, number]> | undefined;
  const keyFirst = accessors ? keyFirstCalls(accessors) : undefined;
  for (const needle of needles) {
    const literalKeyEnough = keyFirst?.has(needle) === true;
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
      const end = at + needle.length;
      // Part of a longer name (`getValues` for `getValue`): not the accessor.
      if (isNameChar(text.charCodeAt(at - 1)) || isNameChar(text.charCodeAt(end))) continue;
      if (isLiteralCall(text, end)) continue;
      if (isInComment(text, at)) continue;
      if (literalKeyEnough) {
        if (isMethodDeclaration(text, at, end)) continue;
        const key = knownKeyOfCall(text, end);
        if (key === true) continue;
        if (key !== undefined) {
          importStatements ??= importStatementSpans(text);
          if (isOnlyReadAsNamespace(text, key, importStatements)) continue;
        }
      }
      imports ??= importSpans(text);
      if (imports.some(([from, to]) => at > from && end < to) && !/^\s+as\b/.test(text.slice(end, end + 8))) continue;
      return true;
    }
  }
  return false;
}

/**
 * Whether the mention at `at` is in a comment, judged by its line: a line starting with `//`, or a line of
 * a block comment whose lines from its opening `/*` on each start with `*` and none closes it. A line with a
 * backtick or `${` is never taken for a comment (a template literal may span it).
 */
function isInComment(text: string, at: number): boolean {
  let start = text.lastIndexOf("\n", at - 1) + 1;
  let line = text.slice(start, at).trimStart();
  if (line.includes("`") || line.includes("${")) return false;
  if (line.startsWith("//")) return !restOfLine(text, at).includes("`");
  if (!line.startsWith("*") || line.includes("*/")) return false;
  // Up through lines starting with `*` to the one that opens the comment.
  for (let lines = 0; lines < 200 && start > 0; lines++) {
    const end = start - 1;
    start = text.lastIndexOf("\n", end - 1) + 1;
    line = text.slice(start, end).trim();
    if (line.includes("`") || line.includes("${") || line.includes("*/")) return false;
    if (line.startsWith("/*")) return true;
    if (!line.startsWith("*")) return false;
  }
  return false;
}

function restOfLine(text: string, at: number): string {
  const end = text.indexOf("\n", at);
  return text.slice(at, end === -1 ? text.length : end);
}

/**
 * Class member modifiers on the name's line: what precedes a method's name and never a call's (a `get` that
 * ends the line above may end a statement there).
 */
const MEMBER_MODIFIER = /(?:^|[\s;{}])(?:public|private|protected|static|abstract|override|async|get|set)[ \t]+$/;

/**
 * `public getValue(settingName: string): T {`: the declaration of a method (after a member modifier, before
 * its parameter list), not a call. The name being declared teaches nothing; what its body calls is a
 * mention of its own.
 */
function isMethodDeclaration(text: string, at: number, end: number): boolean {
  if (!MEMBER_MODIFIER.test(text.slice(Math.max(0, at - 40), at))) return false;
  return /^\s*(?:<[^<>()]*(?:<[^<>()]*>[^<>()]*)*>\s*)?\(/.test(text.slice(end, end + 200));
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
 * `<T, U<V>>("key",` or `(UIFeature.Widgets)` from `at`: a call whose first argument is a string literal
 * (a template literal only without `${`), or a dotted name, after type arguments without parentheses (one
 * level of nesting). Group 1 is the dotted name's root.
 */
const KEY_CALL = /\s*(?:<[^<>()]*(?:<[^<>()]*>[^<>()]*)*>\s*)?\(\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`$\\]*`|([A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)+)\s*[,)]/y;

/** `true` for a literal first argument, the root of a dotted first argument, else undefined. */
function knownKeyOfCall(text: string, at: number): true | string | undefined {
  KEY_CALL.lastIndex = at;
  const match = KEY_CALL.exec(text);
  if (!match) return undefined;
  const root = match[1];
  return root === undefined ? true : root === "this" || root === "super" ? undefined : root;
}

/**
 * Whether every mention of `name` in `text` is followed by a `.` or sits in an `import`: then no function
 * of the file binds it as a parameter (a binding is never followed by `.`), and a key read off it
 * (`UIFeature.Widgets`, `Features.VoiceBroadcast`) cannot make the function a wrapper or a gate component,
 * which both need the key to come from a parameter. Mentions in comments and strings count against,
 * except in an import statement (its names and its module path).
 */
function isOnlyReadAsNamespace(text: string, name: string, imports: ReadonlyArray<[number, number]>): boolean {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    const end = at + name.length;
    if (isNameChar(text.charCodeAt(at - 1)) || isNameChar(text.charCodeAt(end))) continue;
    // `UIFeature.Widgets`, or a property named so (`x.UIFeature`, not a rest parameter `...UIFeature`): neither binds the name.
    if (text.charCodeAt(end) === 46 /* . */ || (text.charCodeAt(at - 1) === 46 && text.slice(at - 3, at) !== "...")) continue;
    if (imports.some(([from, to]) => at > from && end < to)) continue;
    return false;
  }
  return true;
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

/** `import X, { a } from "./m"` statements with their module path. */
const IMPORT_STATEMENT = /\bimport\s+[\w$\s,{}*]*?\bfrom\s*(["'])[^"'\n]*\1/g;

function importStatementSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(IMPORT_STATEMENT)].map((match) => [match.index, match.index + match[0].length]);
}

function importSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(IMPORT)].map((match) => [match.index, match.index + match[0].length]);
}
