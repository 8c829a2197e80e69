import type { Linter } from "eslint";
import { findConfigFile, readConfigFileSync } from "../config/load-config.js";
import type { Rule } from "../rule.js";

/**
 * The ESLint severity of each plugin rule as the flag-scan config covering `cwd` (ESLint's working
 * directory) sets it, else the rule's default: `configs.recommended` uses these, so `flag-scan` and
 * `eslint` agree (`"stale-flag": "error"` is an ESLint error too). A later ESLint config object that sets
 * a rule's severity overrides it, as flat config always does. A config that cannot be read gives the
 * defaults: the problem itself is reported on the first linted file.
 */
export function recommendedSeverities(rules: readonly Rule[], cwd: string = process.cwd()): Record<string, Linter.RuleSeverity> {
  let configured: Record<string, unknown> = {};
  try {
    const file = findConfigFile(cwd);
    const found = file === undefined ? undefined : readConfigFileSync(file);
    const fromConfig = (found?.config as { rules?: unknown } | null | undefined)?.rules;
    if (fromConfig && typeof fromConfig === "object") configured = fromConfig as Record<string, unknown>;
  } catch {
    configured = {};
  }
  return Object.fromEntries(
    rules.map((rule) => {
      const severity = Object.hasOwn(configured, rule.id) ? configured[rule.id] : rule.severity;
      return [`flag-scan/${rule.id}`, severity === "off" ? "off" : severity === "warning" ? "warn" : "error"];
    }),
  );
}
