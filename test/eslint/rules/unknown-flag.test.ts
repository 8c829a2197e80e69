import unknownFlag from "../../../rules/unknown-flag.js";
import { runRuleTable } from "../rule-table.js";

runRuleTable(unknownFlag, {
  valid: [
    { code: 'if (isFeatureEnabled("ff_live")) render();' },
    { code: 'import { LIVE } from "./flags";\nif (isFeatureEnabled(LIVE)) render();' },
    // A string that merely mentions a slug is not a check.
    { code: 'log("ff_coming_soon is not a check");\nisFeatureEnabled;' },
    { code: 'const el = <Feature flag="ff_rolled_out"><New /></Feature>;' },
  ],
  invalid: [
    {
      code: 'if (isFeatureEnabled("ff_coming_soon")) render();',
      errors: [{ messageId: "unknownFlag", data: { flag: "ff_coming_soon", kind: "flag", asKind: "" }, line: 1, column: 22, endLine: 1, endColumn: 38 }],
    },
    {
      code: 'const a = 1;\nexport const el = (\n  <Feature flag="ff_typo_live">\n    <New />\n  </Feature>\n);',
      errors: [{ messageId: "unknownFlag", data: { flag: "ff_typo_live", kind: "flag", asKind: "" }, line: 3, column: 17, endLine: 3, endColumn: 31 }],
    },
    {
      code: 'const KEY = "ff_nowhere";\nexport const on = isFeatureEnabled(KEY) && isFeatureEnabled("ff_live");',
      filename: "src/plain.ts",
      errors: [{ messageId: "unknownFlag", data: { flag: "ff_nowhere", kind: "flag", asKind: "" }, line: 2, column: 36, endLine: 2, endColumn: 39 }],
    },
  ],
});

// LaunchDarkly's React SDK hands code camelCased keys: `newCheckout` is the registry's `new-checkout`.
runRuleTable(unknownFlag, {
  project: {
    "flag-scan.config.json": JSON.stringify({ presets: ["launchdarkly"], registry: [{ type: "json", path: "flags.json" }] }),
    "flags.json": JSON.stringify({ flags: ["new-checkout"] }),
  },
  valid: [{ code: "const { newCheckout } = useFlags();\nexport const on = newCheckout;" }, { code: 'export const on = useFlags()["new-checkout"];' }],
  invalid: [
    {
      code: "const flags = useFlags();\nexport const on = flags.oldCheckout;",
      errors: [{ messageId: "unknownFlag", data: { flag: "oldCheckout", kind: "flag", asKind: "" }, line: 2, column: 25, endLine: 2, endColumn: 36 }],
    },
  ],
});
