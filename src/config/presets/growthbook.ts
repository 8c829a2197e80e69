import type { AccessorConfig } from "../schema.js";

/** GrowthBook: `gb.isOn("key")`, React `useFeatureIsOn("key")`, `<IfFeatureEnabled feature="key">`. */
export const growthbook: AccessorConfig[] = [
  { call: "isOn", arg: 0, language: "typescript" },
  { call: "isOff", arg: 0, negated: true, language: "typescript" },
  { call: "getFeatureValue", arg: 0, language: "typescript" },
  { call: "evalFeature", arg: 0, language: "typescript" },
  { call: "useFeatureIsOn", arg: 0, language: "typescript" },
  { call: "useFeatureIsOff", arg: 0, negated: true, language: "typescript" },
  { call: "useFeatureValue", arg: 0, language: "typescript" },
  { call: "useFeature", arg: 0, property: "on", language: "typescript" },
  { jsx: "IfFeatureEnabled", prop: "feature" },
  // Python: gb.is_on("key")
  { call: "is_on", arg: 0, language: "python" },
  { call: "is_off", arg: 0, negated: true, language: "python" },
];
