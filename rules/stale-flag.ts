import { defineRule } from "../src/rule.js";

export default defineRule<"staleFlag" | "removeKeepOn" | "removeKeepOff">({
  id: "stale-flag",
  description: "Report checks of flags that have been fully rolled out or off for too long, or have expired",
  severity: "warning",
  scope: "file",
  hasSuggestions: true,
  messages: {
    staleFlag: "`{{flag}}` {{reason}}; remove it with `flag-scan cleanup {{flag}} --value {{value}}`.",
    removeKeepOn: "Remove `{{flag}}` from this file, keeping the flag-on path",
    removeKeepOff: "Remove `{{flag}}` from this file, keeping the flag-off path",
  },
  *check({ references, getLifecycle }) {
    for (const reference of references) {
      // Switches are toggled at run time; "always off, run cleanup" is never the advice for one.
      if (reference.flag === undefined || reference.flagKind === "switch") continue;
      const lifecycle = getLifecycle(reference.flag);
      if (!lifecycle?.staleReason) continue;
      yield {
        messageId: "staleFlag",
        flag: reference.flag,
        data: { flag: reference.flag, reason: lifecycle.staleReason, value: lifecycle.state === "off" ? "off" : "on" },
        at: reference,
      };
    }
  },
});
