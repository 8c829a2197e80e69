import type { Rule } from "../src/rule.js";
import dynamicFlagKey from "./dynamic-flag-key.js";
import environmentDrift from "./environment-drift.js";
import flagNaming from "./flag-naming.js";
import nestedFlag from "./nested-flag.js";
import registryMismatch from "./registry-mismatch.js";
import staleFlag from "./stale-flag.js";
import unknownFlag from "./unknown-flag.js";
import unusedFlag from "./unused-flag.js";

/** Every rule, in the order reports list them. A new rule is a file here, its doc, its test and this line. */
export const allRules: readonly Rule[] = [
  unknownFlag,
  environmentDrift,
  unusedFlag,
  staleFlag,
  nestedFlag,
  flagNaming,
  dynamicFlagKey,
  registryMismatch,
];
