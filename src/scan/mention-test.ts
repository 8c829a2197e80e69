import type { Language } from "../languages/language.js";
import type { AccessorConfig } from "../config/schema.js";

/**
 * The prefilter's test of a text for one language: some needle is in it, with the words that qualify it
 * (`Language.qualifiers`). `words` are every word the test may ask about, needles first: what the
 * prefilter memo answers for each file.
 */
export interface MentionTest {
  words: string[];
  /** Whether a text whose words `has` tells may hold a reference; `has` is asked only what it must be. */
  mentions(has: (word: string) => boolean): boolean;
}

export function mentionTest(language: Language, accessors: readonly AccessorConfig[], needles: string[]): MentionTest {
  const qualifiers = language.qualifiers?.(accessors) ?? new Map<string, readonly (readonly string[])[]>();
  const words = new Set(needles);
  for (const lists of qualifiers.values()) for (const list of lists) for (const word of list) words.add(word);
  return {
    words: [...words],
    mentions(has) {
      for (const needle of needles) {
        if (!has(needle)) continue;
        const lists = qualifiers.get(needle);
        if (lists === undefined || lists.some((list) => list.every(has))) return true;
      }
      return false;
    },
  };
}
