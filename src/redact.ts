/**
 * The one place secrets are removed from what flag-scan prints: every error (FlagScanError redacts its
 * message), every report (the CLI's outputs, the library's results) and every ESLint message go through
 * {@link redact}. Two kinds of secret: the password of a `scheme://user:password@host` URL, and the value
 * of each `${ENV}` variable a registry URL expanded (registered by {@link registerSecret}).
 */

const secrets = new Set<string>();

/** Shortest value treated as a secret: shorter ones (`1`, `db`) would blank out ordinary words. */
const MIN_SECRET_LENGTH = 3;

/** `scheme://user:password@`: the password is dropped, the user kept (it helps to tell databases apart). */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi;

export const REDACTED = "***";

/** Remembers a value that must never be printed (an expanded `${ENV}` variable). */
export function registerSecret(value: string): void {
  if (value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/** `text` without URL passwords and registered secrets. */
export function redact(text: string): string {
  let result = text.replace(URL_CREDENTIALS, "$1$2@");
  for (const secret of secrets) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
  return result;
}

/** {@link redact} applied to every string of a JSON-like value (a scan result before a reporter renders it). */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactDeep(item)])) as T;
  }
  return value;
}
