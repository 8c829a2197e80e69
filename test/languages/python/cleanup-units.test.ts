import { describe, expect, it } from "vitest";
import { djangoTemplateCleanup } from "../../../src/languages/django-template/cleanup.js";
import { djangoTemplateLanguage } from "../../../src/languages/django-template/index.js";
import { cleanupPythonFile, pythonParseError } from "../../../src/languages/python/cleanup/python.js";
import type { FlagReference } from "../../../src/scan/reference.js";

function reference(text: string, check: string, overrides: Partial<FlagReference> = {}): FlagReference {
  const start = text.indexOf(check);
  return {
    flag: "ff_x",
    file: "app/views.py",
    line: 1,
    column: start + 1,
    endLine: 1,
    endColumn: start + check.length + 1,
    kind: "call",
    accessor: "flag_is_active",
    keyText: '"ff_x"',
    keyRange: { start, end: start + check.length },
    checkRange: { start, end: start + check.length },
    guards: [],
    language: "python",
    ...overrides,
  };
}

describe("Python cleanup units", () => {
  it("describes the first syntax error as line:column message", async () => {
    expect(await pythonParseError('x = 1\ny = ("a"\n')).toBe("2:5 invalid Python syntax: `(` is never closed");
    expect(await pythonParseError("x = 1\n")).toBeUndefined();
  });

  it("returns the very same string when nothing changes", async () => {
    const text = "x = flag_is_active(request, name)\n";
    const output = await cleanupPythonFile({ path: "/p/app/views.py", relativePath: "app/views.py", text, flag: "ff_x", value: true, references: [] });
    expect(output.text).toBe(text);
    expect(output.removedReferences).toBe(0);
  });

  it("reports a check that is assigned to instead of replacing it", async () => {
    const text = 'flags["ff_x"] = 1\n';
    const output = await cleanupPythonFile({
      path: "/p/app/views.py",
      relativePath: "app/views.py",
      text,
      flag: "ff_x",
      value: true,
      references: [reference(text, 'flags["ff_x"]')],
    });
    expect(output.text).toBe(text);
    expect(output.problems).toEqual([{ file: "app/views.py", line: 1, column: 1, message: "the flag is assigned to here, not checked" }]);
  });

  it("keeps a True the author wrote", async () => {
    const text = 'def f(request):\n    if True:\n        warm_up()\n    return flag_is_active(request, "ff_x")\n';
    const output = await cleanupPythonFile({
      path: "/p/app/views.py",
      relativePath: "app/views.py",
      text,
      flag: "ff_x",
      value: false,
      references: [reference(text, 'flag_is_active(request, "ff_x")')],
    });
    expect(output.text).toBe("def f(request):\n    if True:\n        warm_up()\n    return False\n");
  });
});

describe("template cleanup units", () => {
  it("describes an unclosed block as line:column message", () => {
    expect(djangoTemplateCleanup.parseError('<p>\n  {% flag "x" %}\n', "t.html")).toBe("2:3 `{% flag %}` is never closed");
    expect(djangoTemplateCleanup.parseError('{% flag "x" %}{% endflag %}', "t.html")).toBeUndefined();
  });

  it("takes only .html files under a templates directory", () => {
    expect(djangoTemplateLanguage.accepts?.("shop/templates/shop/page.html")).toBe(true);
    expect(djangoTemplateLanguage.accepts?.("static/page.html")).toBe(false);
  });
});
