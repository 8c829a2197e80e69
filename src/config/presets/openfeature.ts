import type { AccessorConfig } from "../schema.js";

/**
 * OpenFeature, following @openfeature/react-sdk 1.x, @openfeature/web-sdk 1.x and
 * @openfeature/server-sdk 1.x: typed client getters and the React hooks.
 */
export const openfeature: AccessorConfig[] = [
  // React: const { value } = useFlag("k", false); useSuspenseFlag likewise.
  { call: "useFlag", arg: 0, property: "value", returns: "value", defaultArg: 1, language: "typescript" },
  { call: "useSuspenseFlag", arg: 0, property: "value", returns: "value", defaultArg: 1, language: "typescript" },
  { call: "useBooleanFlagValue", arg: 0, language: "typescript" },
  { call: "useBooleanFlagDetails", arg: 0, property: "value", language: "typescript" },
  { call: "useStringFlagValue", arg: 0, returns: "value", language: "typescript" },
  { call: "useStringFlagDetails", arg: 0, property: "value", returns: "value", language: "typescript" },
  { call: "useNumberFlagValue", arg: 0, returns: "value", language: "typescript" },
  { call: "useNumberFlagDetails", arg: 0, property: "value", returns: "value", language: "typescript" },
  { call: "useObjectFlagValue", arg: 0, returns: "value", language: "typescript" },
  { call: "useObjectFlagDetails", arg: 0, property: "value", returns: "value", language: "typescript" },
  // Web and server clients: client.getBooleanValue("k", false)
  { call: "getBooleanValue", arg: 0, language: "typescript" },
  { call: "getBooleanDetails", arg: 0, property: "value", language: "typescript" },
  { call: "getStringValue", arg: 0, returns: "value", language: "typescript" },
  { call: "getStringDetails", arg: 0, property: "value", returns: "value", language: "typescript" },
  { call: "getNumberValue", arg: 0, returns: "value", language: "typescript" },
  { call: "getNumberDetails", arg: 0, property: "value", returns: "value", language: "typescript" },
  { call: "getObjectValue", arg: 0, returns: "value", language: "typescript" },
  { call: "getObjectDetails", arg: 0, property: "value", returns: "value", language: "typescript" },
  // Python: client.get_boolean_value("key", False)
  { call: "get_boolean_value", arg: 0, language: "python" },
  { call: "get_boolean_details", arg: 0, language: "python" },
];
