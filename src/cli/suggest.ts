import { closestMatches } from "../did-you-mean.js";

/** ` Did you mean `a`?` / ` Did you mean `a` or `b`?` after a CLI message, or "" when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, format: (candidate: string) => string = (c) => `\`${c}\``): string {
  const listed = closestMatches(word, candidates).map(format);
  if (listed.length === 0) return "";
  return ` Did you mean ${listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(", ")} or ${listed[listed.length - 1]}`}?`;
}
