import type { AccessorConfig } from "../schema.js";

/** Unleash SDKs: `unleash.isEnabled("name")`, React `useFlag("name")`, variants. */
export const unleash: AccessorConfig[] = [
  { call: "isEnabled", arg: 0 },
  { call: "getVariant", arg: 0, language: "typescript" },
  { call: "useFlag", arg: 0, language: "typescript" },
  { call: "useVariant", arg: 0, language: "typescript" },
  // Python: client.is_enabled("name", context)
  { call: "is_enabled", arg: 0, language: "python" },
  { call: "get_variant", arg: 0, language: "python" },
];
