import type { AccessorConfig } from "../config/schema.js";
import { UsageError } from "../errors.js";
import type { FlagReference } from "../scan/reference.js";

/** The value a flag is frozen at: on/off for boolean flags, any JSON value for value flags. */
export type KeptValue = { kind: "boolean"; value: boolean } | { kind: "value"; value: unknown; json: string };

/**
 * Whether `reference` reads a value rather than a boolean. The TypeScript scanner decides per check (a
 * value entry point with a `true`/`false` default is a boolean read: `variation("k", ctx, false)`) and
 * marks it `returns: "value"`; other languages' checks read a value when their accessor says `returns: "value"`.
 */
export function referenceReadsValue(reference: Pick<FlagReference, "accessor" | "returns" | "language">, accessors: readonly AccessorConfig[]): boolean {
  if (reference.returns === "value") return true;
  if (reference.language === "typescript") return false;
  return accessors.some(
    (a) =>
      a.returns === "value" &&
      (("call" in a && (a.call === reference.accessor || a.call.split(".").pop() === reference.accessor)) || ("member" in a && a.member === reference.accessor)),
  );
}

const HINT = "`on`/`off` for a boolean flag; the kept value as JSON for a value flag (--value '\"blue\"', --value '{\"limit\":3}')";

/** `on`, `off`, true, false, or JSON text (`"blue"`, `3`, `{"limit":3}`). */
export function parseKeptValue(value: string | boolean): KeptValue {
  if (value === true || value === "on") return { kind: "boolean", value: true };
  if (value === false || value === "off") return { kind: "boolean", value: false };
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === "boolean") return { kind: "boolean", value: parsed };
    return { kind: "value", value: parsed, json: JSON.stringify(parsed) };
  } catch {
    throw new UsageError(`--value must be \`on\`, \`off\` or JSON, not \`${value}\``, HINT);
  }
}

/**
 * Checks that the kept value fits every check of the flag: a value flag is never folded as a boolean,
 * and a boolean flag has no other value.
 */
export function checkKeptValue(flag: string, kept: KeptValue, references: readonly FlagReference[], accessors: readonly AccessorConfig[]): void {
  const valueReads = references.filter((reference) => referenceReadsValue(reference, accessors));
  const first = valueReads[0];
  if (kept.kind === "boolean" && first !== undefined)
    throw new UsageError(
      `\`${flag}\` is read as a value (\`${first.accessor}\` at ${first.file}:${first.line}), so on/off does not say what the code gets; give the kept value as JSON`,
      "for example --value '\"blue\"' or --value '{\"limit\":3}'",
    );
  const booleanRead = references.find((reference) => !referenceReadsValue(reference, accessors));
  if (kept.kind === "value" && booleanRead !== undefined && valueReads.length === 0)
    throw new UsageError(
      `\`${flag}\` is checked as on/off (\`${booleanRead.accessor}\` at ${booleanRead.file}:${booleanRead.line}); --value ${kept.json} is not a boolean`,
      "use --value on or --value off, or mark the accessor `returns: \"value\"`",
    );
}
