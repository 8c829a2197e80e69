import { describe, expect, it } from "vitest";
import { waffle } from "../../../src/config/presets/waffle.js";
import { scan } from "../../../src/index.js";
import { isJinjaPath } from "../../../src/languages/jinja2/index.js";
import { scanJinjaText } from "../../../src/languages/jinja2/scanner.js";
import { writeTempProject } from "../../helpers/temp-project.js";

function scanText(text: string) {
  return scanJinjaText({ path: "/p/jinja2/t.html", relativePath: "jinja2/t.html", text }, waffle);
}

describe("Jinja2 scanner", () => {
  it("finds waffle.flag/switch/sample with their kind, key and check ranges", () => {
    const text = `{% if waffle.switch('sw') %}{{ waffle.sample("sa") }}{% endif %}\n{{ waffle . flag ( 'fl' , default=True) }}\n`;
    const { references, errors } = scanText(text);
    expect(errors).toEqual([]);
    expect(
      references.map((r) => ({
        flag: r.flag,
        flagKind: r.flagKind ?? "flag",
        at: `${r.line}:${r.column}-${r.endLine}:${r.endColumn}`,
        key: r.keyText,
        check: text.slice(r.checkRange.start, r.checkRange.end),
        guards: r.guards.map((g) => `${g.flag}@${g.line}:${g.column}`),
      })),
    ).toEqual([
      { flag: "sw", flagKind: "switch", at: "1:21-1:25", key: "'sw'", check: "waffle.switch('sw')", guards: [] },
      { flag: "sa", flagKind: "sample", at: "1:46-1:50", key: '"sa"', check: 'waffle.sample("sa")', guards: ["sw@1:21"] },
      { flag: "fl", flagKind: "flag", at: "2:20-2:24", key: "'fl'", check: "waffle . flag ( 'fl' , default=True)", guards: [] },
    ]);
  });

  it("skips comments, raw blocks, string contents and other receivers", () => {
    const text = `{# waffle.flag('a') #}{% raw %}{{ waffle.flag('b') }}{% endraw %}{{ "waffle.flag('c')" }}{{ my.waffle.flag('d') }}{{ notwaffle.flag('e') }}`;
    expect(scanText(text)).toEqual({ references: [], errors: [] });
  });

  it("reports an unclosed block or tag with its position, and still finds what it can", () => {
    const unclosed = scanText(`<p>\n  {% if waffle.flag('x') %}\n`);
    expect(unclosed.errors).toEqual([{ file: "jinja2/t.html", line: 2, column: 3, message: "invalid Jinja2 template: `{% if %}` is never closed" }]);
    expect(unclosed.references.map((r) => r.flag)).toEqual(["x"]);
    expect(scanText(`{{ waffle.flag('x') `).errors).toEqual([
      { file: "jinja2/t.html", line: 1, column: 1, message: "invalid Jinja2 template: `{{` is never closed by `}}`" },
    ]);
    expect(scanText(`{% endif %}`).errors[0]?.message).toBe("invalid Jinja2 template: `{% endif %}` closes no open `{% if %}`");
  });

  it("takes .jinja/.jinja2/.j2 files anywhere and .html files under jinja2/ only", () => {
    expect(["a/b.jinja", "x.jinja2", "deploy/motd.j2", "kuma/wiki/jinja2/wiki/doc.html", "jinja2/base.html"].every((file) => isJinjaPath(file))).toBe(true);
    expect(["app/templates/page.html", "jinja2.html", "src/jinja2x/a.html", "a/jinja2/b.txt"].some((file) => isJinjaPath(file))).toBe(false);
  });
});

describe("accessor languages", () => {
  it("an accessor for typescript or jinja2 does not match Python calls, and one for python does not match TypeScript", async () => {
    const dir = writeTempProject({
      "app/views.py": `from flags import is_on, py_only\nis_on("ff_py")\npy_only("ff_py_only")\nflag("ff_jinja")\n`,
      "web/app.ts": `isOn("ff_ts"); py_only("ff_not_ts");\n`,
    });
    const result = await scan({
      cwd: dir,
      config: {
        accessors: [
          { call: "is_on", language: "typescript" },
          { call: "isOn", language: "typescript" },
          { call: "py_only", language: "python" },
          { call: "flag", language: "jinja2" },
        ],
      },
    });
    expect(result.references.map((r) => `${r.file}:${r.flag}`)).toEqual(["app/views.py:ff_py_only", "web/app.ts:ff_ts"]);
  });
});
