import { compileConfigPattern } from "../../config/safe-regex.js";
import type { AccessorConfig } from "../../config/schema.js";
import type { FlagReference, GuardInfo, ScanError } from "../../scan/reference.js";
import type { FileScanner, FileScanResult, SourceFileInput } from "../language.js";
import { LineIndex } from "../../scan/line-index.js";

/** One `{% ... %}` tag. Offsets are UTF-16, `end` exclusive. */
export interface TemplateTag {
  name: string;
  /** The words after the name, with their offsets. */
  args: Array<{ text: string; start: number; end: number }>;
  start: number;
  end: number;
}

/** A block tag with its matching end tag: `{% flag "x" %}...{% else %}...{% endflag %}`. */
export interface TemplateBlock {
  open: TemplateTag;
  /** `{% else %}`/`{% elif %}`/`{% empty %}` tags that split the body, in order. */
  middles: TemplateTag[];
  close: TemplateTag;
  /** Enclosing block, if any. */
  parent: TemplateBlock | undefined;
}

export interface ParsedTemplate {
  tags: TemplateTag[];
  blocks: TemplateBlock[];
  error: { offset: number; message: string } | undefined;
}

const TAG = /\{%-?\s*([\s\S]*?)\s*-?%\}|\{#[\s\S]*?#\}/g;
const ARG = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s"']+/g;
const MIDDLE_TAGS = new Set(["else", "elif", "empty"]);
/** Block tags known without seeing their end tag, so a missing `{% endflag %}` is an error, not a lone tag. */
const KNOWN_BLOCK_TAGS = ["flag", "switch", "sample", "if", "for", "block", "with", "ifchanged", "spaceless", "autoescape", "filter", "blocktrans", "blocktranslate"];
/** Tags whose content is text, not template code. */
const RAW_BLOCKS = new Set(["comment", "verbatim"]);

/**
 * Tokenizes a Django template's tags and pairs block tags with their end tags. A tag is a block tag
 * when its `end<name>` appears in the file, so custom block tags (waffle's `flag`) need no list.
 */
export function parseTemplate(text: string, blockTags: Iterable<string> = []): ParsedTemplate {
  const tags: TemplateTag[] = [];
  let raw: string | undefined;
  for (const match of text.matchAll(TAG)) {
    if (match[1] === undefined) continue;
    const inner = match[1];
    const innerStart = match.index + match[0].indexOf(inner);
    const args = [...inner.matchAll(ARG)].map((arg) => ({ text: arg[0], start: innerStart + arg.index, end: innerStart + arg.index + arg[0].length }));
    const name = args.shift()?.text ?? "";
    if (raw !== undefined) {
      if (name === `end${raw}`) raw = undefined;
      else continue;
    }
    if (RAW_BLOCKS.has(name)) raw = name;
    tags.push({ name, args, start: match.index, end: match.index + match[0].length });
  }
  const closers = new Set([...KNOWN_BLOCK_TAGS, ...blockTags, ...tags.filter((tag) => tag.name.startsWith("end")).map((tag) => tag.name.slice(3))]);
  const blocks: TemplateBlock[] = [];
  const stack: Array<{ open: TemplateTag; middles: TemplateTag[]; parent: TemplateBlock | undefined; placeholder: TemplateBlock }> = [];
  let error: ParsedTemplate["error"];
  for (const tag of tags) {
    if (RAW_BLOCKS.has(tag.name) || tag.name === "endcomment" || tag.name === "endverbatim") continue;
    const top = stack[stack.length - 1];
    if (MIDDLE_TAGS.has(tag.name)) {
      if (top !== undefined) top.middles.push(tag);
    } else if (tag.name.startsWith("end") && closers.has(tag.name.slice(3))) {
      const name = tag.name.slice(3);
      if (top === undefined || top.open.name !== name) {
        error ??= {
          offset: tag.start,
          message: top === undefined ? `\`{% ${tag.name} %}\` closes no open \`{% ${name} %}\`` : `\`{% ${tag.name} %}\` found where \`{% end${top.open.name} %}\` was expected`,
        };
        continue;
      }
      stack.pop();
      Object.assign(top.placeholder, { open: top.open, middles: top.middles, close: tag, parent: top.parent });
      blocks.push(top.placeholder);
    } else if (closers.has(tag.name)) {
      const placeholder = {} as TemplateBlock;
      stack.push({ open: tag, middles: [], parent: top?.placeholder, placeholder });
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed !== undefined) error ??= { offset: unclosed.open.start, message: `\`{% ${unclosed.open.name} %}\` is never closed` };
  blocks.sort((a, b) => a.open.start - b.open.start);
  return { tags, blocks, error };
}

/** The value of a template string literal (`"x"` or `'x'`), undefined for variables and filters. */
export function templateString(arg: string): string | undefined {
  return /^(["'])(.*)\1$/s.exec(arg)?.[2];
}

export function templateTagNames(accessors: readonly AccessorConfig[]): Map<string, AccessorConfig> {
  const names = new Map<string, AccessorConfig>();
  for (const accessor of accessors) if ("templateTag" in accessor) names.set(accessor.templateTag, accessor);
  return names;
}

/** Whether a path is a template: `.html` under a `templates/` directory anywhere. */
export function isTemplatePath(relativePath: string): boolean {
  return /(^|\/)templates\//.test(relativePath);
}

/** Finds `{% flag "x" %}` blocks (and any configured `templateTag`) in Django templates. */
export const djangoTemplateScanner: FileScanner = {
  independent: true,
  scanFile: (file, project) => scanTemplateText(file, project.config.accessors),
};

export function scanTemplateText(file: SourceFileInput, accessors: readonly AccessorConfig[]): FileScanResult {
  const lines = new LineIndex(file.text);
  const names = templateTagNames(accessors);
  const parsed = parseTemplate(file.text, names.keys());
  const errors: ScanError[] = [];
  if (parsed.error !== undefined)
    errors.push({ file: file.relativePath, ...lines.position(parsed.error.offset), message: `invalid template: ${parsed.error.message}` });
  const references: FlagReference[] = [];
  const guardOf = new Map<TemplateBlock, GuardInfo>();
  for (const block of parsed.blocks) {
    const accessor = names.get(block.open.name);
    const key = block.open.args[0];
    if (accessor === undefined || key === undefined) continue;
    const value = templateString(key.text);
    const pattern = accessor.keyPattern === undefined ? undefined : compileConfigPattern(accessor.keyPattern);
    if (pattern !== undefined && (value === undefined || !pattern.test(value))) continue;
    const start = lines.position(key.start);
    const end = lines.position(key.end);
    const guards: GuardInfo[] = [];
    for (let parent = block.parent; parent !== undefined; parent = parent.parent) {
      const guard = guardOf.get(parent);
      if (guard !== undefined && guard.flag !== value) guards.unshift(guard);
    }
    if (value !== undefined) guardOf.set(block, { flag: value, line: start.line, column: start.column });
    references.push({
      flag: value,
      file: file.relativePath,
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      kind: "template-tag",
      ...(accessor.kind === undefined ? {} : { flagKind: accessor.kind }),
      accessor: block.open.name,
      keyText: key.text,
      keyRange: { start: key.start, end: key.end },
      checkRange: { start: block.open.start, end: block.close.end },
      guards,
      language: "django-template",
    });
  }
  return { references, errors };
}
