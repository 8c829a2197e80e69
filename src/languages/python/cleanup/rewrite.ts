import type { FixpointRewrite } from "../../../cleanup/fixpoint.js";
import { withContext, type PyStep, type PyStepContext } from "./context.js";
import { collapseConditional } from "./steps/collapse-conditional.js";
import { collapseIf } from "./steps/collapse-if.js";
import { inlineLocals } from "./steps/inline-locals.js";
import { removeUnused } from "./steps/remove-unused.js";
import { simplifyBoolean } from "./steps/simplify-boolean.js";

/** The generic Python steps, in the order each round runs them. */
export const PYTHON_CLEANUP_STEPS: readonly PyStep[] = [simplifyBoolean, collapseConditional, collapseIf, inlineLocals, removeUnused];

/** How Python steps run inside the shared fixpoint: each on a fresh parse, freed right after. */
export function pythonRewrite(base: Omit<PyStepContext, "root" | "text" | "on" | "off">, steps: readonly PyStep[] = PYTHON_CLEANUP_STEPS): FixpointRewrite<PyStep> {
  return {
    placeholderStems: ["flag_scan_on", "flag_scan_off"],
    literals: ["True", "False"],
    steps,
    runStep: (step, text, placeholders) => withContext({ ...base, ...placeholders }, text, step),
  };
}

