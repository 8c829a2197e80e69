import type { AccessorConfig } from "../../../config/schema.js";
import type { FlagReference } from "../../../scan/reference.js";
import { readCounts } from "./bindings.js";
import { accessorNamesOf, parse, type CleanupStep, type StepContext } from "./context.js";
import { applyEdits, type Edit } from "../../../cleanup/edit.js";
import { referenceReadsValue } from "../../../cleanup/value.js";
import { rewriteToFixpoint, type FixpointRewrite, type Placeholders } from "../../../cleanup/fixpoint.js";
import { collapseIf } from "./steps/collapse-if.js";
import { collapseTernary } from "./steps/collapse-ternary.js";
import { removeHookDependencies } from "./steps/hook-dependencies.js";
import { hoistRemovedVars } from "./steps/hoist-removed-vars.js";
import { inlineLocals } from "./steps/inline-locals.js";
import { inlineWrappers } from "./steps/inline-wrappers.js";
import { shortenJsxAttribute } from "./steps/jsx-attribute.js";
import { removeUnusedDeclarations } from "./steps/remove-unused-declarations.js";
import { removeUnusedImports } from "./steps/remove-unused-imports.js";
import { seedReference, seedValueReference } from "./steps/seed.js";
import { foldValue } from "./steps/fold-value.js";
import { chooseValueSlots, slotText, writeValues, type ValueSlots } from "./values.js";
import { simplifyBoolean } from "./steps/simplify-boolean.js";

/** The generic steps, in the order each round runs them. */
export const CLEANUP_STEPS: readonly CleanupStep[] = [
  foldValue,
  simplifyBoolean,
  collapseTernary,
  hoistRemovedVars,
  collapseIf,
  inlineLocals,
  inlineWrappers,
  shortenJsxAttribute,
  removeHookDependencies,
  removeUnusedImports,
  removeUnusedDeclarations,
];

/** A check the rewrite could not remove, and why. */
export interface TextCleanupProblem {
  reference: FlagReference;
  message: string;
}

export interface CleanupTextOptions {
  /** The file's text, without a BOM; reference ranges are offsets into it. */
  text: string;
  /** The file name decides the grammar (`.tsx`/`.jsx` parse JSX; `.ts` allows `<T>x` casts). */
  fileName: string;
  /** The checks of the flag in this file. Checks of other flags must not be passed. */
  references: readonly FlagReference[];
  /** The value the flag is frozen at: true keeps the flag-on code. */
  value: boolean;
  /** The project's accessors, for JSX fallback props, HOC slug props and `property` accessors. @default [] */
  accessors?: readonly AccessorConfig[];
  /**
   * The kept value of a value flag (`--value '"blue"'` parsed): checks through accessors with
   * `returns: "value"` become it and fold from there. Without it such checks are left as problems.
   */
  keptValue?: { value: unknown };
}

/** Whether `reference` reads a value rather than a boolean (its accessor says `returns: "value"`). */
export function readsValue(reference: FlagReference, accessors: readonly AccessorConfig[]): boolean {
  return referenceReadsValue(reference, accessors);
}

export interface CleanupTextResult {
  /** The rewritten text; the input string itself when nothing changed. */
  text: string;
  /** The references that were replaced. */
  removed: FlagReference[];
  problems: TextCleanupProblem[];
}

/** How the TypeScript steps run inside the shared fixpoint. */
export function typescriptRewrite(makeContext: (text: string) => StepContext): FixpointRewrite<CleanupStep> {
  // Re-parse only after a step changed the text.
  let last: StepContext | undefined;
  const contextOf = (text: string) => (last?.text === text ? last : (last = makeContext(text)));
  return {
    placeholderStems: ["flagScanOn", "flagScanOff"],
    literals: ["true", "false"],
    steps: CLEANUP_STEPS,
    runStep: (step, text) => step(contextOf(text)),
  };
}

/**
 * Removes the given checks of one flag from a TypeScript/JavaScript text, and the code that became
 * dead or unused: the whole codemod for one file, without touching the file system. The ESLint
 * plugin uses it for suggestions.
 */
export function cleanupText(options: CleanupTextOptions): CleanupTextResult {
  const { fileName, value } = options;
  const accessors = options.accessors ?? [];
  const original = options.text;
  const originalUses = readCounts(parse(original, fileName));
  const accessorNames = accessorNamesOf(accessors);
  // Wrappers the scanner learned (`const useNewFlag = () => isFeatureEnabled(...)`) are accessors too.
  for (const reference of options.references) accessorNames.add(reference.accessor.split(".").pop() ?? reference.accessor);
  let placeholders: Placeholders = { on: "", off: "" };
  const values: ValueSlots = chooseValueSlots(original);
  const makeContext = (text: string): StepContext => ({
    text,
    sourceFile: parse(text, fileName),
    ...placeholders,
    accessors,
    accessorNames,
    originalUses,
    values,
  });

  const removed: FlagReference[] = [];
  const problems: TextCleanupProblem[] = [];
  const text = rewriteToFixpoint(original, typescriptRewrite(makeContext), (chosen) => {
    placeholders = chosen;
    // Seed from the last check to the first, so earlier offsets stay valid; a check nested in an
    // earlier one (a `<Feature>` around a call) has its end moved by the edits made inside it.
    let seeded = original;
    const applied: Edit[] = [];
    const ordered = [...options.references].sort((a, b) => b.checkRange.start - a.checkRange.start || a.checkRange.end - b.checkRange.end);
    for (const reference of ordered) {
      const range = { start: mapPosition(reference.checkRange.start, applied), end: mapPosition(reference.checkRange.end, applied) };
      // A check such as `useFeatureIsOff("x")` is the flag's negation.
      const negated = (reference as { negated?: boolean }).negated === true;
      let result: Edit[] | string;
      if (reference.opaque === true && reference.kind === "flags-object") {
        result = `\`${reference.keyText}\` belongs to an app store of flags the scan learned; the cleanup does not rewrite the store and its reads, which change together: edit them by hand`;
      } else if (reference.opaque === true) {
        result = `\`${reference.accessor}\` is the app's own wrapper and returns more than the flag's value; change this call by hand`;
      } else if (reference.sharedCheck === true) {
        result = "the key is looked up in a table at run time, so this check stands for other flags too; remove the flag's table entry and rewrite the check by hand";
      } else if (readsValue(reference, accessors)) {
        const context = makeContext(seeded);
        result =
          options.keptValue === undefined
            ? `\`${reference.accessor}\` reads a value, not on/off: give the kept value as JSON (--value '"blue"')`
            : seedValueReference(context, range, slotText(context, options.keptValue.value));
      } else result = seedReference(makeContext(seeded), reference, range, negated ? !value : value);
      if (typeof result === "string") {
        problems.push({ reference, message: result });
        continue;
      }
      const sorted = [...result].sort((a, b) => b.start - a.start);
      seeded = applyEdits(seeded, sorted).text;
      applied.push(...sorted);
      removed.push(reference);
    }
    return removed.length === 0 ? original : seeded;
  });
  return { text: writeValues(text, values, fileName), removed, problems };
}

/**
 * Runs the cleanup's steps over a text in which `seed` put the placeholders where a fold made a value
 * constant (the deep cleanup's inlined `let`s), so `if (false) {…}`, `x && false` and the locals and imports
 * they leave unused fold exactly as at the flag's own sites; a `true` the author wrote stays.
 */
export function foldSeeded(fileName: string, original: string, seed: (placeholders: Placeholders) => string): string {
  const originalUses = readCounts(parse(original, fileName));
  const values: ValueSlots = chooseValueSlots(original);
  let placeholders: Placeholders = { on: "", off: "" };
  const makeContext = (text: string): StepContext => ({
    text,
    sourceFile: parse(text, fileName),
    ...placeholders,
    accessors: [],
    accessorNames: new Set<string>(),
    originalUses,
    values,
  });
  const text = rewriteToFixpoint(original, typescriptRewrite(makeContext), (chosen) => {
    placeholders = chosen;
    return seed(chosen);
  });
  return writeValues(text, values, fileName);
}

/** Moves an offset of the original text through edits applied one after another. */
function mapPosition(position: number, edits: readonly Edit[]): number {
  let result = position;
  for (const edit of edits) if (result >= edit.end) result += edit.text.length - (edit.end - edit.start);
  return result;
}
