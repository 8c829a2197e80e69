import type { AccessorConfig } from "../schema.js";

/**
 * LaunchDarkly, following launchdarkly-react-client-sdk 3.x, launchdarkly-js-client-sdk 3.x and
 * @launchdarkly/node-server-sdk 9.x. The React SDK hands out camelCased keys (`new-checkout` is
 * `newCheckout`) unless `useCamelCaseFlagKeys: false`; `allFlags()` and `variation` use the keys as they are.
 */
export const launchdarkly: AccessorConfig[] = [
  // React: const { newCheckout } = useFlags(); flags.newCheckout; withLDConsumer()(App) -> props.flags.x
  { flagsObject: "useFlags", keyTransform: "camelCase", language: "typescript" },
  { flagsObject: "withLDConsumer", prop: "flags", keyTransform: "camelCase", language: "typescript" },
  // Browser and server: ldClient.allFlags()["new-checkout"]
  { flagsObject: "allFlags", language: "typescript" },
  // useLDClient().variation("k", false) in the browser, client.variation("k", context, false) on the server.
  { call: "variation", arg: 0, returns: "value", defaultArg: -1, language: "typescript" },
  { call: "boolVariation", arg: 0, language: "typescript" },
  { call: "stringVariation", arg: 0, returns: "value", language: "typescript" },
  { call: "numberVariation", arg: 0, returns: "value", language: "typescript" },
  { call: "jsonVariation", arg: 0, returns: "value", language: "typescript" },
  { call: "variationDetail", arg: 0, returns: "value", language: "typescript" },
  { call: "boolVariationDetail", arg: 0, returns: "value", language: "typescript" },
  // Server: (await client.allFlagsState(context)).getFlagValue("k")
  { call: "getFlagValue", arg: 0, returns: "value", language: "typescript" },
  // Python server SDK: ldclient.get().variation("key", context, False)
  { call: "variation", arg: 0, language: "python" },
];
