import type { AccessorConfig } from "../schema.js";

/**
 * GrowthBook, following @growthbook/growthbook-react 1.x and @growthbook/growthbook 1.x:
 * `gb.isOn("key")`, React `useFeatureIsOn("key")`, `<IfFeatureEnabled feature="key">`.
 */
export const growthbook: AccessorConfig[] = [
  { call: "isOn", arg: 0, language: "typescript" },
  { call: "isOff", arg: 0, negated: true, language: "typescript" },
  { call: "getFeatureValue", arg: 0, returns: "value", defaultArg: 1, language: "typescript" },
  { call: "evalFeature", arg: 0, property: "on", language: "typescript" },
  { call: "useFeatureIsOn", arg: 0, language: "typescript" },
  { call: "useFeatureIsOff", arg: 0, negated: true, language: "typescript" },
  { call: "useFeatureValue", arg: 0, returns: "value", defaultArg: 1, language: "typescript" },
  // useFeature("k").on is the state; useFeature("k").value is a value.
  { call: "useFeature", arg: 0, property: "on", language: "typescript" },
  { jsx: "IfFeatureEnabled", prop: "feature" },
  { jsx: "FeatureString", prop: "feature", returns: "value" },
  // Python: gb.is_on("key")
  { call: "is_on", arg: 0, language: "python" },
  { call: "is_off", arg: 0, negated: true, language: "python" },
];
