import { describe, expect, it } from "vitest";
import { proposeNaming } from "../../src/cli/init/naming.js";

describe("init's naming proposal", () => {
  it("keeps the default when the keys already follow it", () => {
    expect(proposeNaming(["ff_a", "ff_new_checkout", "ff_b"])).toEqual({ pattern: undefined, note: "3 of 3 keys are `ff_` + snake_case: the default naming pattern fits" });
  });

  it("proposes the style at least 80% of the keys follow", () => {
    expect(proposeNaming(["newProfilePage", "growl", "mcpIntegrationsEnabled", "futarchy"]).pattern).toBe("^[a-z][a-zA-Z0-9]*$");
    expect(proposeNaming(["image-builder.rhel9.beta.enabled", "edgeParity.image-list"]).pattern).toBe("^[a-zA-Z][a-zA-Z0-9_-]*(\\.[a-zA-Z0-9_-]+)+$");
    expect(proposeNaming(["enable_braze", "create_enrollment_codes", "x"]).pattern).toBe("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
  });

  it("keeps the default and says why when the keys are mixed or absent", () => {
    expect(proposeNaming(["a-b", "c_d", "eF"])).toEqual({
      pattern: undefined,
      note: "flag keys follow no single style (at most 1 of 3 keys are snake_case): keeping the default naming pattern",
    });
    expect(proposeNaming([]).pattern).toBeUndefined();
  });
});
