import ts from "./typescript-api.cjs";
import type { ScriptBlocks } from "./sfc.js";
import { svelteConditions, templateExpressionsOf, vueTemplateExpressions, writeTemplateExpressions } from "./vue-template.js";

/** Attempts at dropping a template expression the parser rejects before reading the scripts alone. */
const MAX_DROPPED = 8;

/**
 * A component's script blocks with, for `.vue`, its template's expressions at their own offsets (for
 * `.svelte`, its `{#if}` conditions). A template
 * expression the parser rejects (JavaScript Vue accepts and TypeScript does not, or a Vue 2 filter that is
 * not an expression) is left out rather than reported: the file's scripts are still read, as before
 * templates were.
 */
export function parseComponent(fileName: string, text: string, blocks: ScriptBlocks, options: ts.CreateSourceFileOptions, kind: ts.ScriptKind): ts.SourceFile {
  const lower = fileName.toLowerCase();
  let expressions = lower.endsWith(".vue") ? vueTemplateExpressions(text, blocks.ranges) : lower.endsWith(".svelte") ? svelteConditions(text, blocks.ranges) : [];
  for (let dropped = 0; expressions.length > 0 && dropped <= MAX_DROPPED; dropped++) {
    const sourceFile = ts.createSourceFile(fileName, writeTemplateExpressions(text, blocks.text, expressions), options, true, kind);
    const error = firstErrorAt(sourceFile);
    if (error === undefined) {
      templateExpressionsOf.set(sourceFile, expressions);
      return sourceFile;
    }
    const culprit = expressions.find((e) => error >= e.start - 2 && error <= e.end);
    // An error in the scripts is theirs to report, with the template out of the way.
    if (culprit === undefined) break;
    expressions = expressions.filter((e) => e !== culprit);
  }
  return ts.createSourceFile(fileName, blocks.text, options, true, kind);
}

function firstErrorAt(sourceFile: ts.SourceFile): number | undefined {
  const diagnostics = (sourceFile as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics;
  return diagnostics?.[0]?.start;
}


