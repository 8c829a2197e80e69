import { createRequire } from "node:module";
import type { RE2JS } from "re2js";
import { ConfigError } from "../errors.js";

/** re2js, loaded when a pattern first matches: a cached scan validates its config's patterns and matches none. */
let re2: typeof RE2JS | undefined;
const loadRe2 = (): typeof RE2JS => (re2 ??= (createRequire(import.meta.url)("re2js") as { RE2JS: typeof RE2JS }).RE2JS);

/**
 * A regular expression from a config (`naming.pattern`, `keyPattern`) that matches in linear time: a
 * `RegExp` for every consumer (`.test`, `.source`), whose matching runs on RE2 semantics (re2js), so no
 * pattern can make a scan hang on catastrophic backtracking (`^(a+)+$`). RE2 compiles it at its first
 * match; `compileConfigPattern` has made sure it can.
 */
export class LinearRegExp extends RegExp {
  #re2: RE2JS | undefined;

  constructor(pattern: string) {
    super(pattern);
  }

  get #engine(): RE2JS {
    return (this.#re2 ??= loadRe2().compile(this.source));
  }

  /** Whether V8's own engine matches this pattern as RE2 does, in linear time (`NATIVE_SAFE`). */
  readonly #native = NATIVE_SAFE.test(this.source);

  override exec(input: string): RegExpExecArray | null {
    if (this.#native) return super.exec(String(input));
    const match = this.#engine.exec(String(input)) as (RegExpExecArray & { index: number }) | null;
    if (match === null) return null;
    // RegExp.prototype.test and String.prototype.match read `lastIndex`/`index`; no `g` flag, so 0 stays 0.
    const result = Object.assign([...match], { index: match.index ?? 0, input: String(input), groups: undefined }) as RegExpExecArray;
    return result;
  }

  override test(input: string): boolean {
    if (this.#native) return super.test(String(input));
    return this.#engine.test(String(input));
  }
}

/**
 * Compiles a regular expression taken from a config, in linear time. Every config regex goes through
 * here. A pattern RE2 cannot run in linear time (backreferences, lookaround) or that is not valid is a
 * ConfigError naming the key and the file.
 * @param key the config key, as the message shows it (`naming.pattern`, `accessors[2].keyPattern`).
 * @param where the config file's name, or `config` when the config was given as an object.
 */
export function compileConfigPattern(pattern: string, key = "keyPattern", where = "config"): LinearRegExp {
  try {
    new RegExp(pattern);
  } catch (error) {
    throw new ConfigError(`${key} is not a valid regular expression: ${firstLine(error)} (${where})`);
  }
  try {
    if (!RE2_SUBSET.test(pattern)) loadRe2().compile(pattern);
    return new LinearRegExp(pattern);
  } catch (error) {
    throw new ConfigError(
      `${key} ${JSON.stringify(pattern)} cannot be matched in linear time: ${firstLine(error)} (${where})`,
      "flag-scan matches config patterns with RE2 semantics: backreferences and lookaround are not supported",
    );
  }
}

/**
 * Patterns RE2 compiles whatever they are, told by their syntax alone, so that loading a config does not
 * compile each of them with re2js (9 ms and re2js's load, 4 ms, of a 0.16 s cached scan of the real
 * corpus): literal text, `^` `$` `.` `|`, groups (not `(?` but `(?:`), `* + ?` (lazy too), classes
 * with no `[` or bare `^` inside (RE2 reads `[[:alpha:]]` as a POSIX class and refuses `[^]`), and
 * escapes of class letters and punctuation. Not `{n}` (RE2 refuses counts over 1000), lookaround or
 * backreferences. Anything else is compiled to find out. The JavaScript syntax check comes first.
 */
const RE2_SUBSET = /^(?:[\w\s\-:/@#%&=~,'"<>!;.^$|)]|\((?!\?)|\(\?:|[*+?]\??|\\[dDwWsSbB.\-\\/^$*+?()[\]{}|_:]|\[\^?(?:[^\]\\[^]|\\[dDwWs.\-\\\]^[_])+\])*$/;

/**
 * Patterns V8 matches exactly as RE2 does and in linear time, so they need no RE2 program at all (re2js's
 * load and compile, 11 ms of a scan after one edit): literal text and escaped punctuation, anchors and
 * `|`, with at most one group and no quantifier, class or `.` (`^ff_`, `^feature_`, `^(ff|ft)_`,
 * `_enabled$`). Without quantifiers a backtracking engine tries each alternative once per position; a
 * second group could multiply the alternatives (`(a|a)(a|a)...`), so there is none.
 */
const NATIVE_UNIT = String.raw`(?:[\w\-:/@#%&=~,'"<>!;^$|]|\\[.\-\\/:_^$|()])`;
const NATIVE_SAFE = new RegExp(String.raw`^${NATIVE_UNIT}*(?:\((?:\?:)?${NATIVE_UNIT}*\))?${NATIVE_UNIT}*$`);

/** The same pattern made linear again after a structured clone (a worker thread's answer) turned it into a plain RegExp. */
export function relinearize(pattern: RegExp): LinearRegExp {
  return pattern instanceof LinearRegExp ? pattern : new LinearRegExp(pattern.source);
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0] ?? "";
}
