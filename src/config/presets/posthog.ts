import type { AccessorConfig } from "../schema.js";

/** PostHog: `posthog.isFeatureEnabled("key")`, React hooks and `<PostHogFeature flag="key">`. */
export const posthog: AccessorConfig[] = [
  { call: "isFeatureEnabled", arg: 0, language: "typescript" },
  { call: "getFeatureFlag", arg: 0, language: "typescript" },
  { call: "useFeatureFlagEnabled", arg: 0, language: "typescript" },
  { call: "useFeatureFlagVariantKey", arg: 0, language: "typescript" },
  { call: "useFeatureFlagPayload", arg: 0, language: "typescript" },
  { jsx: "PostHogFeature", prop: "flag" },
  // Python: posthog.feature_enabled("key", distinct_id)
  { call: "feature_enabled", arg: 0, language: "python" },
  { call: "get_feature_flag", arg: 0, language: "python" },
];
