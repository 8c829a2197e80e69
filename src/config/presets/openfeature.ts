import type { AccessorConfig } from "../schema.js";

/** OpenFeature clients (`client.getBooleanValue("key", false)`) and the React hooks. */
export const openfeature: AccessorConfig[] = [
  { call: "getBooleanValue", arg: 0, language: "typescript" },
  { call: "getBooleanDetails", arg: 0, language: "typescript" },
  { call: "getStringValue", arg: 0, language: "typescript" },
  { call: "getNumberValue", arg: 0, language: "typescript" },
  { call: "getObjectValue", arg: 0, language: "typescript" },
  { call: "useBooleanFlagValue", arg: 0, language: "typescript" },
  { call: "useBooleanFlagDetails", arg: 0, language: "typescript" },
  { call: "useStringFlagValue", arg: 0, language: "typescript" },
  { call: "useNumberFlagValue", arg: 0, language: "typescript" },
  { call: "useObjectFlagValue", arg: 0, language: "typescript" },
  // Python: client.get_boolean_value("key", False)
  { call: "get_boolean_value", arg: 0, language: "python" },
  { call: "get_boolean_details", arg: 0, language: "python" },
];
