import staleFlag from "../../../rules/stale-flag.js";
import { runRuleTable } from "../rule-table.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const rolledOutDays = Math.floor((Date.now() - Date.parse("2021-03-01T10:00:00Z")) / DAY_MS);

const banner = `import { isFeatureEnabled } from "./flags";

export function Banner() {
  if (isFeatureEnabled("ff_expired")) {
    return <New />;
  }
  return <Old />;
}
`;

runRuleTable(staleFlag, {
  valid: [
    { code: 'if (isFeatureEnabled("ff_live")) render();' },
    // Unknown flags have no lifecycle: unknown-flag reports them.
    { code: 'if (isFeatureEnabled("ff_coming_soon")) render();' },
  ],
  invalid: [
    {
      code: banner,
      errors: [
        {
          messageId: "staleFlag",
          data: { flag: "ff_expired", reason: "expired on 2020-01-15", value: "on" },
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 36,
          suggestions: [
            { messageId: "removeKeepOn", data: { flag: "ff_expired" }, output: "export function Banner() {\n  return <New />;\n}\n" },
            { messageId: "removeKeepOff", data: { flag: "ff_expired" }, output: "export function Banner() {\n  return <Old />;\n}\n" },
          ],
        },
      ],
    },
    {
      code: 'export const el = <Feature flag="ff_rolled_out"><New /></Feature>;',
      errors: [
        {
          messageId: "staleFlag",
          data: { flag: "ff_rolled_out", reason: `has been fully on for ${rolledOutDays} days without a change (more than 90)`, value: "on" },
          line: 1,
          column: 33,
          endLine: 1,
          endColumn: 48,
          suggestions: [
            { messageId: "removeKeepOn", data: { flag: "ff_rolled_out" }, output: "export const el = <New />;" },
            { messageId: "removeKeepOff", data: { flag: "ff_rolled_out" }, output: "export const el = null;" },
          ],
        },
      ],
    },
  ],
});
