import { applyEdits, type Edit } from "./edit.js";

/**
 * The two identifiers that stand for the values the cleanup introduced (`true` and `false`) while the
 * steps run. They never occur in the original file, so a `true` the author wrote is never folded away.
 */
export interface Placeholders {
  on: string;
  off: string;
}

/** How one language plugs into the fixpoint. */
export interface FixpointRewrite<Step> {
  /** The placeholders' stems in the language's naming style (`["flagScanOn", "flagScanOff"]`). */
  placeholderStems: readonly [on: string, off: string];
  /** What the placeholders become at the end (`["true", "false"]`, `["True", "False"]`). */
  literals: readonly [on: string, off: string];
  /** The generic steps, in the order each round runs them. */
  steps: readonly Step[];
  /** Runs one step on the current text and returns its edits (never writes). */
  runStep(step: Step, text: string, placeholders: Placeholders): Edit[];
}

/** Rounds after which the loop gives up; every round must shrink the file, so this is never reached in practice. */
const MAX_ROUNDS = 200;

/**
 * The cleanup of one file in every language: `seed` replaces the flag's checks by placeholders, then the
 * steps run until a whole round changes nothing, then the placeholders that remain become literals.
 * @returns the input string itself when the seed changed nothing.
 */
export function rewriteToFixpoint<Step>(
  original: string,
  rewrite: FixpointRewrite<Step>,
  seed: (placeholders: Placeholders) => string,
): string {
  const placeholders = choosePlaceholders(original, rewrite.placeholderStems);
  let text = seed(placeholders);
  if (text === original) return original;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let changed = false;
    for (const step of rewrite.steps) {
      const result = applyEdits(text, rewrite.runStep(step, text, placeholders));
      if (result.applied > 0) {
        text = result.text;
        changed = true;
      }
    }
    if (!changed) break;
  }
  text = writeLiterals(text, placeholders, rewrite.literals);
  return text === original ? original : text;
}

/** Placeholder names that do not occur in `text`: `__stem__`, or with more underscores until they are fresh. */
export function choosePlaceholders(text: string, [onStem, offStem]: readonly [string, string]): Placeholders {
  let suffix = "";
  while (text.includes(`__${onStem}${suffix}__`) || text.includes(`__${offStem}${suffix}__`)) suffix += "_";
  return { on: `__${onStem}${suffix}__`, off: `__${offStem}${suffix}__` };
}

/**
 * Writes the placeholders left in `text` as the literals they stand for. Plain text replacement is exact:
 * the names did not occur in the original file, so every occurrence is one the cleanup introduced.
 */
export function writeLiterals(text: string, placeholders: Placeholders, [onLiteral, offLiteral]: readonly [string, string]): string {
  return text.split(placeholders.on).join(onLiteral).split(placeholders.off).join(offLiteral);
}
