import { describe, expect, it } from "vitest";
import { gitlabReporter } from "../../src/reporters/gitlab.js";
import { sampleResult } from "../helpers/sample-result.js";

describe("gitlab reporter", () => {
  it("prints unsuppressed findings as Code Quality issues", async () => {
    await expect(gitlabReporter(sampleResult(), {})).toMatchFileSnapshot("./__snapshots__/gitlab.json");
  });

  it("fills the fields GitLab requires", () => {
    const issues = JSON.parse(gitlabReporter(sampleResult(), {}));
    expect(issues).toHaveLength(6);
    expect(issues[1]).toEqual({
      type: "issue",
      check_name: "unknown-flag",
      description: "`ff_new_cart` is not defined in any registry; add it to `src/flags.ts` or fix the key.",
      categories: ["Bug Risk"],
      fingerprint: "3f1c2a9e5b7d4c01",
      severity: "major",
      location: { path: "src/checkout/Cart.tsx", lines: { begin: 12 } },
    });
    expect(issues.at(-1).location).toEqual({ path: ".", lines: { begin: 1 } });
    const anchored = JSON.parse(gitlabReporter(sampleResult(), { projectFile: "flag-scan.config.json" }));
    expect(anchored.at(-1).location).toEqual({ path: "flag-scan.config.json", lines: { begin: 1 } });
  });
});
