import { DEFAULT_NAMING_PATTERN } from "../../config/schema.js";

/** The naming styles `init` recognises, most specific first (ties go to the earlier one). */
const STYLES: Array<{ name: string; pattern: string }> = [
  { name: "`ff_` + snake_case", pattern: DEFAULT_NAMING_PATTERN },
  { name: "snake_case", pattern: "^[a-z][a-z0-9]*(_[a-z0-9]+)*$" },
  { name: "kebab-case", pattern: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$" },
  { name: "camelCase", pattern: "^[a-z][a-zA-Z0-9]*$" },
  { name: "SCREAMING_SNAKE_CASE", pattern: "^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$" },
  { name: "dot.separated segments", pattern: "^[a-zA-Z][a-zA-Z0-9_-]*(\\.[a-zA-Z0-9_-]+)+$" },
];

/** Share of the keys a style must fit to be called the project's convention. */
const CONVENTION_SHARE = 0.8;

export interface NamingProposal {
  /** The pattern to write, or undefined to keep the default (`^ff_[a-z0-9_]+$`). */
  pattern: string | undefined;
  /** One line for the user. */
  note: string;
}

/**
 * The naming pattern a project already follows, so that `flag-naming` reports the exceptions to its own
 * convention rather than every key of a project that never used `ff_`. The style fitting most keys wins if
 * it fits at least 80% of them; else the default stays and the note says the keys follow no single style.
 */
export function proposeNaming(keys: Iterable<string>): NamingProposal {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return { pattern: undefined, note: "no flag keys found yet: keeping the default naming pattern" };
  let best = { style: STYLES[0]!, count: -1 };
  for (const style of STYLES) {
    const regex = new RegExp(style.pattern);
    const count = unique.filter((key) => regex.test(key)).length;
    if (count > best.count) best = { style, count };
  }
  const fits = `${best.count} of ${unique.length} keys`;
  if (best.count < CONVENTION_SHARE * unique.length)
    return { pattern: undefined, note: `flag keys follow no single style (at most ${fits} are ${best.style.name}): keeping the default naming pattern` };
  if (best.style.pattern === DEFAULT_NAMING_PATTERN) return { pattern: undefined, note: `${fits} are ${best.style.name}: the default naming pattern fits` };
  return { pattern: best.style.pattern, note: `${fits} are ${best.style.name}: naming.pattern set to ${best.style.pattern}` };
}
