/**
 * Whether scanning a file's text can teach the scanner an accessor (a wrapper, a renamed re-export, a
 * component), judged by its text: a file can, unless every mention of every accessor name in it is a call
 * with arguments, all literals (`isFeatureEnabled("new-checkout")`, whose key is known, so it never
 * makes the enclosing function a wrapper) or sits in an `import` that does not rename it. Everything the
 * reference finder learns starts at a mention of another shape: a parameter or expression passed as the
 * key, an export or alias of the name, a JSX element, a declaration. A superset test: comments, strings
 * and look-alikes count as "can". For a scan that needs what is learned and not the references (the
 * ESLint plugin's project load).
 */
export function mayTeach(text: string, needles: readonly string[]): boolean {
  let imports: Array<[number, number]> | undefined;
  for (const needle of needles) {
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
      const end = at + needle.length;
      // Part of a longer name (`getValues` for `getValue`): not the accessor.
      if (isNameChar(text.charCodeAt(at - 1)) || isNameChar(text.charCodeAt(end))) continue;
      if (isLiteralCall(text, end)) continue;
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

/** `import X, { a, b as c } from "m"` statements: names, braces, commas, `*`, `type` and `as` only. */
const IMPORT = /\bimport\s+[\w$\s,{}*]*?\bfrom\s*["']/g;

function importSpans(text: string): Array<[number, number]> {
  return [...text.matchAll(IMPORT)].map((match) => [match.index, match.index + match[0].length]);
}
