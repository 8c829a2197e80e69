import type { AccessorConfig, CallAccessorConfig } from "../../config/schema.js";
import type { FlagReference, GuardInfo, ScanError } from "../../scan/reference.js";
import { LineIndex } from "../../scan/line-index.js";
import type { FileScanner, FileScanResult, SourceFileInput } from "../language.js";
import { findCalls, jinjaString, parseJinja, type JinjaBlock, type JinjaCall, type ParsedJinja } from "./template.js";

/** The call accessors that apply to Jinja2 templates (`"language": "jinja2"`), by their dotted name. */
export function jinjaAccessors(accessors: readonly AccessorConfig[]): Map<string, CallAccessorConfig> {
  const byCallee = new Map<string, CallAccessorConfig>();
  for (const accessor of accessors)
    if ("call" in accessor && accessor.language === "jinja2" && !accessor.returnsChecker) byCallee.set(accessor.call, accessor);
  return byCallee;
}

/** A flag check found in a template, with the call it is. */
export interface JinjaCheck {
  call: JinjaCall;
  accessor: CallAccessorConfig;
  key: JinjaCall["args"][number];
  flag: string | undefined;
}

/** Every configured accessor call in a parsed template, in source order. */
export function findChecks(text: string, parsed: ParsedJinja, accessors: Map<string, CallAccessorConfig>): JinjaCheck[] {
  const checks: JinjaCheck[] = [];
  for (const tag of parsed.tags) {
    for (const call of findCalls(text, tag)) {
      const accessor = accessors.get(call.callee);
      const key = accessor && call.args[accessor.arg ?? 0];
      if (accessor === undefined || key === undefined) continue;
      const flag = jinjaString(key.text);
      if (accessor.keyPattern !== undefined && (flag === undefined || !new RegExp(accessor.keyPattern).test(flag))) continue;
      checks.push({ call, accessor, key, flag });
    }
  }
  return checks;
}

/** Finds `waffle.flag('x')` (and any `"language": "jinja2"` call accessor) in statements and expressions. */
export const jinjaScanner: FileScanner = {
  independent: true,
  scanFile: (file, project) => scanJinjaText(file, project.config.accessors),
};

export function scanJinjaText(file: SourceFileInput, accessors: readonly AccessorConfig[]): FileScanResult {
  const lines = new LineIndex(file.text);
  const parsed = parseJinja(file.text);
  const errors: ScanError[] = [];
  if (parsed.error !== undefined)
    errors.push({ file: file.relativePath, ...lines.position(parsed.error.offset), message: `invalid Jinja2 template: ${parsed.error.message}` });
  const checks = findChecks(file.text, parsed, jinjaAccessors(accessors));
  // An `if` whose condition checks a flag guards what its branches hold.
  const guardOf = new Map<JinjaBlock, GuardInfo>();
  for (const block of parsed.blocks) {
    if (block.open.name !== "if") continue;
    const first = checks.find((check) => check.call.tag === block.open && check.flag !== undefined);
    if (first !== undefined) guardOf.set(block, { flag: first.flag!, ...lines.position(first.key.start) });
  }
  const references = checks.map((check): FlagReference => {
    const start = lines.position(check.key.start);
    const end = lines.position(check.key.end);
    const guards: GuardInfo[] = [];
    for (const [block, guard] of guardOf) {
      const inside = check.call.start >= block.open.end && check.call.end <= block.close.start;
      const ownCondition = block.middles.includes(check.call.tag);
      if (inside && !ownCondition && guard.flag !== check.flag) guards.push(guard);
    }
    guards.sort((a, b) => a.line - b.line || a.column - b.column);
    return {
      flag: check.flag,
      file: file.relativePath,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      kind: "call",
      ...(check.accessor.kind === undefined ? {} : { flagKind: check.accessor.kind }),
      accessor: check.accessor.call,
      keyText: check.key.text,
      keyRange: { start: check.key.start, end: check.key.end },
      checkRange: { start: check.call.start, end: check.call.end },
      guards,
      language: "jinja2",
    };
  });
  return { references, errors };
}
