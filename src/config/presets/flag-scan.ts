import type { AccessorConfig } from "../schema.js";

/** The in-house shapes most React codebases grow: a function, a checker hook, a route HOC, a gate component. */
export const flagScan: AccessorConfig[] = [
  { call: "isFeatureEnabled", arg: 0 },
  { call: "useCheckFeatureFlag", returnsChecker: true },
  { hoc: "routeIsFeatureToggled", prop: "featureSlug" },
  { jsx: "Feature", prop: "flag" },
];
