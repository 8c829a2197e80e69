// A language that exists only for this test: `.flagtest` files hold lines such as
//   banner = isOn("ff_new_banner") ? "new" : "old"
// It plugs into flag-scan through the same Language interface as TypeScript and Python, with the generic
// file session and the shared cleanup fixpoint, to prove a language needs one folder and nothing else.
import { rewriteToFixpoint, type FixpointRewrite, type Placeholders } from "../../../src/cleanup/fixpoint.js";
import type { Edit } from "../../../src/cleanup/edit.js";
import type { FileScanner, Language, LanguageCleanup } from "../../../src/languages/language.js";
import { createFileScanSession } from "../../../src/scan/file-session.js";
import { LineIndex } from "../../../src/scan/line-index.js";
import type { FlagReference } from "../../../src/scan/reference.js";

function callNames(accessors: Parameters<Language["needles"]>[0]): string[] {
  return accessors.flatMap((accessor) => ("call" in accessor && !accessor.call.includes(".") ? [accessor.call] : []));
}

/** `name("key")`, where name is a configured call accessor. */
function checks(text: string, names: readonly string[]): Array<{ name: string; key: string; start: number; end: number; keyStart: number }> {
  const found = [];
  for (const match of text.matchAll(/\b([A-Za-z_]\w*)\("([^"]*)"\)/g))
    if (names.includes(match[1]!)) found.push({ name: match[1]!, key: match[2]!, start: match.index, end: match.index + match[0].length, keyStart: match.index + match[1]!.length + 1 });
  return found;
}

const scanner: FileScanner = {
  scanFile(file, project) {
    const lines = new LineIndex(file.text);
    const references: FlagReference[] = checks(file.text, callNames(project.config.accessors)).map((check) => {
      const start = lines.position(check.start);
      const end = lines.position(check.end);
      return {
        flag: check.key,
        file: file.relativePath,
        ...start,
        endLine: end.line,
        endColumn: end.column,
        accessor: check.name,
        kind: "call",
        keyText: `"${check.key}"`,
        keyRange: { start: check.keyStart, end: check.keyStart + check.key.length + 2 },
        checkRange: { start: check.start, end: check.end },
        guards: [],
        language: "flagtest",
      };
    });
    return { references, errors: [] };
  },
};

type Step = (text: string, placeholders: Placeholders) => Edit[];

/** `P ? a : b` where P is a placeholder becomes the kept side. */
const collapseTernary: Step = (text, { on, off }) =>
  [...text.matchAll(/(__\w+__) \? ("[^"]*") : ("[^"]*")/g)].flatMap((match) =>
    match[1] === on || match[1] === off ? [{ start: match.index, end: match.index + match[0].length, text: match[1] === on ? match[2]! : match[3]! }] : [],
  );

const rewrite: FixpointRewrite<Step> = {
  placeholderStems: ["flagtestOn", "flagtestOff"],
  literals: ["yes", "no"],
  steps: [collapseTernary],
  runStep: (step, text, placeholders) => step(text, placeholders),
};

const cleanup: LanguageCleanup = {
  cleanupFile(input) {
    const text = rewriteToFixpoint(input.text, rewrite, ({ on, off }) => {
      let seeded = input.text;
      for (const reference of [...input.references].sort((a, b) => b.checkRange.start - a.checkRange.start))
        seeded = seeded.slice(0, reference.checkRange.start) + (input.value ? on : off) + seeded.slice(reference.checkRange.end);
      return seeded;
    });
    return { text, removedReferences: text === input.text ? 0 : input.references.length, problems: [] };
  },
  parseError: (text) => (text.split("\n").every((line) => line === "" || /^\w+ = .+$/.test(line)) ? undefined : "1:1 not a flagtest file"),
};

export const flagtestLanguage: Language = {
  name: "flagtest",
  extensions: [".flagtest"],
  needles: callNames,
  openScanSession: () => createFileScanSession(scanner),
  loadCleanup: async () => cleanup,
};
