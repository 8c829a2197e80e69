import dynamicFlagKey from "../../../rules/dynamic-flag-key.js";
import { runRuleTable } from "../rule-table.js";

runRuleTable(dynamicFlagKey, {
  valid: [
    { code: 'if (isFeatureEnabled("ff_live")) render();' },
    { code: 'import { LIVE } from "./flags";\nif (isFeatureEnabled(LIVE)) render();' },
    { code: 'const name = "ff_live";\nif (isFeatureEnabled(name)) render();' },
    { code: "if (isFeatureEnabled(`ff_live`)) render();" },
    // A component passing its prop to the accessor is a gate: its callers hold the keys.
    { code: "export function Promo(props: { flagName: string }) {\n  return isFeatureEnabled(props.flagName) ? <New /> : null;\n}", filename: "src/Promo.tsx" },
    // Not a component (lower case), but the key is read off its parameter: a wrapper whose callers
    // (`promo({ flagName: "x" })`) hold the keys, learned with that path.
    { code: "export function promo(props: { flagName: string }) {\n  return isFeatureEnabled(props.flagName) ? <New /> : null;\n}", filename: "src/promo.tsx" },
    { code: 'export function promo(props: { flagName: string }) {\n  return isFeatureEnabled(props.flagName);\n}\nexport const shown = promo({ flagName: "ff_live" });', filename: "src/promo.tsx" },
  ],
  invalid: [
    {
      code: "const prefix = 'ff_';\nexport const on = (team: string) => isFeatureEnabled(`${prefix}${team}`);",
      filename: "src/team.ts",
      errors: [
        { messageId: "dynamicKey", data: { key: "`${prefix}${team}`", accessor: "isFeatureEnabled" }, line: 2, column: 54, endLine: 2, endColumn: 72 },
      ],
    },
  ],
});
