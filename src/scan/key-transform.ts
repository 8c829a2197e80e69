import type { FlagRegistry } from "../registry/definition.js";
import type { FlagReference } from "./reference.js";

/**
 * Code that reads a flag under the key its SDK derived from the registry key (`newCheckout` for
 * `new-checkout`) is reported under the registry key, so `unknown-flag`, `unused-flag` and the cleanup
 * all speak of the one flag. A code key no registry key transforms to is left as written.
 */
export function applyKeyTransforms(references: readonly FlagReference[], registry: FlagRegistry): void {
  if (!references.some((reference) => reference.keyTransform !== undefined)) return;
  const byCodeKey = new Map<string, string>();
  for (const slug of registry.bySlug.keys()) {
    const codeKey = camelCase(slug);
    if (!byCodeKey.has(codeKey) || codeKey === slug) byCodeKey.set(codeKey, slug);
  }
  const toRegistryKey = (key: string): string => (registry.bySlug.has(key) ? key : (byCodeKey.get(key) ?? key));
  for (const reference of references) {
    if (reference.keyTransform === undefined) continue;
    if (reference.flag !== undefined) reference.flag = toRegistryKey(reference.flag);
    for (const guard of reference.guards) guard.flag = toRegistryKey(guard.flag);
  }
}

/**
 * lodash's `camelCase`, which the LaunchDarkly React SDK applies to every key: words split at
 * separators and case changes, the first lower-cased, the others capitalised (`dev-test_FLAG` ->
 * `devTestFlag`).
 */
export function camelCase(key: string): string {
  const words = key.match(/[A-Z]{2,}(?=[A-Z][a-z]+[0-9]*|[^A-Za-z0-9]|$)|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+/g) ?? [];
  return words
    .map((word, index) => {
      const lower = word.toLowerCase();
      return index === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join("");
}
