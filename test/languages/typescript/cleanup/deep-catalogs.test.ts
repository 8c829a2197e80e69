import { describe, expect, it } from "vitest";
import { removeCatalogKeys } from "../../../../src/languages/typescript/cleanup/deep/catalogs.js";

const remove = (text: string, keys: string[]) => removeCatalogKeys("en.json", text, (key) => keys.includes(key));

describe("removeCatalogKeys", () => {
  it("removes a middle key and keeps the formatting", () => {
    expect(remove('{\n  "a": "A",\n  "b": "B",\n  "c": "C"\n}\n', ["b"])?.text).toBe('{\n  "a": "A",\n  "c": "C"\n}\n');
  });

  it("removes the last key and the comma before it", () => {
    expect(remove('{\n  "a": "A",\n  "b": "B"\n}\n', ["b"])?.text).toBe('{\n  "a": "A"\n}\n');
  });

  it("treats react-intl entries ({ string, context }) as one message", () => {
    const text = '{\n  "x1": {\n    "context": "c",\n    "string": "X"\n  },\n  "y2": {\n    "string": "Y"\n  }\n}\n';
    const result = remove(text, ["x1"]);
    expect(result?.removed).toEqual(["x1"]);
    expect(JSON.parse(result!.text)).toEqual({ y2: { string: "Y" } });
  });

  it("follows dotted paths into nested catalogs and drops an object left empty", () => {
    const text = '{\n  "home": {\n    "old": "Old",\n    "gone": { "a": "A" }\n  },\n  "keep": "K"\n}\n';
    const result = remove(text, ["home.old", "home.gone.a"]);
    expect(JSON.parse(result!.text)).toEqual({ keep: "K" });
  });

  it("leaves files that are not catalogs alone", () => {
    expect(remove('{ "name": "x", "version": 1 }', ["name"])).toBeUndefined();
  });
});
