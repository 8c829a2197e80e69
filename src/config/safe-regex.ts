import { RE2JS } from "re2js";
import { ConfigError } from "../errors.js";

/**
 * A regular expression from a config (`naming.pattern`, `keyPattern`) that matches in linear time: a
 * `RegExp` for every consumer (`.test`, `.source`), whose matching runs on RE2 semantics (re2js), so no
 * pattern can make a scan hang on catastrophic backtracking (`^(a+)+$`).
 */
export class LinearRegExp extends RegExp {
  readonly #re2: RE2JS;

  constructor(pattern: string) {
    super(pattern);
    this.#re2 = RE2JS.compile(pattern);
  }

  override exec(input: string): RegExpExecArray | null {
    const match = this.#re2.exec(String(input)) as (RegExpExecArray & { index: number }) | null;
    if (match === null) return null;
    // RegExp.prototype.test and String.prototype.match read `lastIndex`/`index`; no `g` flag, so 0 stays 0.
    const result = Object.assign([...match], { index: match.index ?? 0, input: String(input), groups: undefined }) as RegExpExecArray;
    return result;
  }

  override test(input: string): boolean {
    return this.#re2.test(String(input));
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
    return new LinearRegExp(pattern);
  } catch (error) {
    throw new ConfigError(
      `${key} ${JSON.stringify(pattern)} cannot be matched in linear time: ${firstLine(error)} (${where})`,
      "flag-scan matches config patterns with RE2 semantics: backreferences and lookaround are not supported",
    );
  }
}

/** The same pattern made linear again after a structured clone (a worker thread's answer) turned it into a plain RegExp. */
export function relinearize(pattern: RegExp): LinearRegExp {
  return pattern instanceof LinearRegExp ? pattern : new LinearRegExp(pattern.source);
}

function firstLine(error: unknown): string {
  return String(error instanceof Error ? error.message : error).split("\n")[0] ?? "";
}
