import path from "node:path";
import { describe, expect, it } from "vitest";
import { fromKeyPath } from "../../src/scan/key-path.js";

describe("fromKeyPath", () => {
  it("is path.join for the key paths the cache writes", () => {
    const root = path.resolve("/project/app");
    for (const key of ["src/a.ts", "a.ts", "", "src/deep/er/x.tsx", ".gitignore"]) expect(fromKeyPath(root, key)).toBe(path.join(root, key));
    expect(fromKeyPath(path.parse(root).root, "src/a.ts")).toBe(path.join(path.parse(root).root, "src/a.ts"));
  });

  it("keeps a path outside the root absolute", () => {
    const outside = path.resolve("/elsewhere/b.ts");
    expect(fromKeyPath(path.resolve("/project"), outside)).toBe(outside);
  });
});
