/**
 * The id of every rule, for validating `rules` in a config (the config layer does not import the rules
 * themselves; a test keeps this list equal to rules/index.ts).
 */
export const RULE_IDS = [
  "dynamic-flag-key",
  "environment-drift",
  "flag-naming",
  "nested-flag",
  "registry-mismatch",
  "stale-flag",
  "unknown-flag",
  "unused-flag",
] as const;
