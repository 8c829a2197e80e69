import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { scan } from "../../../src/index.js";

const fixture = fileURLToPath(new URL("../../../fixtures/scan/python/learned-wrappers/", import.meta.url));
const scratch = mkdtempSync(path.join(tmpdir(), "flag-scan-py-wrappers-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function project(files: Record<string, string>, config: object): string {
  const dir = mkdtempSync(path.join(scratch, "p-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  writeFileSync(path.join(dir, "flag-scan.config.json"), JSON.stringify(config));
  return dir;
}

describe("learned Python wrappers", () => {
  it("keep the kind of the accessor they wrap, and say which one", async () => {
    const result = await scan({ cwd: fixture });
    expect(result.references.map((r) => [r.flag ?? null, r.accessor, r.flagKind ?? "flag"])).toEqual([
      // A decorator factory looping over its parameter: each item of the list its callers pass.
      ["sw_offers", "check_condition_applicability", "switch"],
      ["sw_literal_item", "check_condition_applicability", "switch"],
      [null, "switch_is_active", "switch"],
      ["ff_through_self", "self.is_enabled", "flag"],
      ["sw_through_cls", "self.switch", "switch"],
      ["ff_wrapped", "is_waffle_flag_active", "flag"],
      ["sw_wrapped", "switch_on", "switch"],
      ["ff_keyword", "twice_wrapped", "flag"],
      ["sw_class", "Toggles.switch", "switch"],
    ]);
  });

  it("keep the key pattern of the accessor they wrap", async () => {
    const dir = project(
      {
        "app/settings_store.py": "def get_setting(name):\n    return settings_store.get_value(name)\n",
        "app/views.py": "from app.settings_store import get_setting\n\n\ndef view():\n    return get_setting('feature_new'), get_setting('theme')\n",
      },
      { include: ["**/*.py"], accessors: [{ call: "settings_store.get_value", keyPattern: "^feature_" }] },
    );
    const result = await scan({ cwd: dir });
    expect(result.references.map((r) => [r.flag, r.file, r.line, r.accessor])).toEqual([["feature_new", "app/views.py", 5, "get_setting"]]);
  });

  it("are learned in a file scanned after their callers", async () => {
    // `a_views.py` is discovered (and scanned) before `z_toggles.py` teaches the wrapper.
    const dir = project(
      {
        "app/a_views.py": "from app.z_toggles import on\n\n\ndef view(request):\n    return on(request, 'ff_late')\n",
        "app/z_toggles.py": "from waffle import flag_is_active\n\n\ndef on(request, name):\n    return flag_is_active(request, name)\n",
      },
      { include: ["**/*.py"], presets: ["waffle"] },
    );
    const result = await scan({ cwd: dir });
    expect(result.references.map((r) => [r.flag, r.file])).toEqual([["ff_late", "app/a_views.py"]]);
  });
});
