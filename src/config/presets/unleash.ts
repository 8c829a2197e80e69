import type { AccessorConfig } from "../schema.js";

/**
 * Unleash, following @unleash/proxy-client-react 4.x, unleash-proxy-client 3.x and unleash-client
 * (Node) 6.x: `unleash.isEnabled("name")`, React `useFlag("name")`, variants.
 */
export const unleash: AccessorConfig[] = [
  { call: "isEnabled", arg: 0 },
  { call: "getVariant", arg: 0, returns: "value", language: "typescript" },
  { call: "useFlag", arg: 0, language: "typescript" },
  { call: "useVariant", arg: 0, returns: "value", language: "typescript" },
  // useFlags().find((toggle) => toggle.name === "k")?.enabled: the list of toggles the proxy returned.
  { flagsObject: "useFlags", list: true, language: "typescript" },
  // Python: client.is_enabled("name", context)
  { call: "is_enabled", arg: 0, language: "python" },
  { call: "get_variant", arg: 0, language: "python" },
];
