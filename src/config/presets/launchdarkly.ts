import type { AccessorConfig } from "../schema.js";

/** LaunchDarkly server and client SDKs: `client.variation("key", ctx, false)` and the typed variants. */
export const launchdarkly: AccessorConfig[] = [
  { call: "variation", arg: 0, language: "typescript" },
  { call: "boolVariation", arg: 0, language: "typescript" },
  { call: "variationDetail", arg: 0, language: "typescript" },
  { call: "boolVariationDetail", arg: 0, language: "typescript" },
  // Python server SDK: ldclient.get().variation("key", context, False)
  { call: "variation", arg: 0, language: "python" },
];
