import type { AccessorConfig } from "../schema.js";

/**
 * PostHog, following posthog-js 1.x (`posthog-js/react`) and posthog-node 4.x: the React hooks,
 * `<PostHogFeature>`, and the client methods (the same names in the browser and on the server).
 */
export const posthog: AccessorConfig[] = [
  { call: "useFeatureFlagEnabled", arg: 0, language: "typescript" },
  { call: "useFeatureFlagVariantKey", arg: 0, returns: "value", language: "typescript" },
  { call: "useFeatureFlagPayload", arg: 0, returns: "value", language: "typescript" },
  // useActiveFeatureFlags()?.includes("k"): the list of flags that are on.
  { flagsObject: "useActiveFeatureFlags", list: true, language: "typescript" },
  // posthog.onFeatureFlags((flags) => flags.includes("k")): the callback gets the same list.
  { flagsObject: "onFeatureFlags", list: true, parameter: 0, language: "typescript" },
  // ...and, second, the variants: `(flags, variants) => variants["k"] === "test"`.
  { flagsObject: "onFeatureFlags", parameter: 1, returns: "value", language: "typescript" },
  { jsx: "PostHogFeature", prop: "flag" },
  { call: "isFeatureEnabled", arg: 0, language: "typescript" },
  { call: "getFeatureFlag", arg: 0, returns: "value", language: "typescript" },
  { call: "getFeatureFlagPayload", arg: 0, returns: "value", language: "typescript" },
  // Python: posthog.feature_enabled("key", distinct_id)
  { call: "feature_enabled", arg: 0, language: "python" },
  { call: "get_feature_flag", arg: 0, language: "python" },
];
