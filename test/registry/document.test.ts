import { describe, expect, it } from "vitest";
import { parseJsonDocument, parseYamlDocument, RegistryDocument } from "../../src/registry/document.js";

describe("RegistryDocument.position", () => {
  it("counts LF, CRLF and lone CR line endings as one line each", () => {
    const document = new RegistryDocument("flags.json", "a\nb\r\nc\rd", []);
    expect([0, 2, 5, 7].map((offset) => document.position(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
    expect(document.position(3)).toEqual({ line: 2, column: 2 });
  });
});

describe("parseJsonDocument", () => {
  it("reports the first syntax error at its position, after a byte-order mark", () => {
    expect(() => parseJsonDocument("flags.json", '\uFEFF{\n  "ff_a": true,\n  ff_b: true\n}')).toThrow(
      "flags.json:3:3: invalid JSON: unexpected `ff_b` (strings and property names need double quotes)",
    );
  });

  it("reports an unterminated list at the end of the file", () => {
    expect(() => parseJsonDocument("flags.json", '[\n  "ff_a"')).toThrow("flags.json:2:9: invalid JSON: expected `]` to close the list");
  });

  it("accepts comments and trailing commas", () => {
    const document = parseJsonDocument("flags.json", '/* flags */ ["ff_a", // on\n "ff_b",]');
    expect(document.roots).toEqual([
      {
        kind: "array",
        offset: 12,
        items: [
          { kind: "scalar", offset: 13, value: "ff_a" },
          { kind: "scalar", offset: 28, value: "ff_b" },
        ],
      },
    ]);
  });
});

describe("parseYamlDocument", () => {
  it("keeps positions of Markdown front matter in the Markdown file", () => {
    const document = parseYamlDocument("flags/ff_a.md", "---\r\nname: ff_a\r\n---\r\nText\r\n");
    const root = document.roots[0]!;
    expect(root.kind === "object" && root.entries.map((entry) => [entry.key, document.position(entry.offset)])).toEqual([
      ["name", { line: 2, column: 1 }],
    ]);
  });

  it("accepts `...` as the end of front matter", () => {
    expect(parseYamlDocument("ff_a.md", "---\nname: ff_a\n...\nText\n").roots).toHaveLength(1);
  });
});

describe("parseJsonDocument messages", () => {
  it("names a stray symbol without suggesting quotes", () => {
    expect(() => parseJsonDocument("flags.json", '{ "ff_a" = true }')).toThrow("flags.json:1:10: invalid JSON: unexpected `=`");
    expect(() => parseJsonDocument("flags.json", '{ "ff_a" = true }')).not.toThrow("double quotes");
  });
});
