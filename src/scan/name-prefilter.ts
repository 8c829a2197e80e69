/**
 * A cheap necessary condition for fast-glob's entry filter: fast-glob tests every entry of every directory
 * it lists against each include pattern's regular expression (after brace expansion, `**\/*.{a,b}` is one
 * pattern per extension), and the files of no include pattern cost the most, since all of them are tried.
 * On the real corpus that was 0.15 s of the scan's walk and 0.25 s of the walk for files flag-scan does
 * not parse (34 extensions, no file matching any). A pattern whose last segment ends with literal text
 * (`*.ts`, `*.min.js`, `page.html`) matches only paths that end with that text, so a file whose name ends
 * with none of them is dropped from the listing before fast-glob sees it: fast-glob could not have
 * returned it. Directories always pass (the walk goes through them), and so does everything when some
 * pattern has no literal tail (`src/**`, `**\/*`): fast-glob decides alone, as before.
 */

/** Characters after which a pattern's text may be a glob construct rather than literal text (conservative). */
const SPECIAL = /[*?[\]{}()!+@|\\"'/,]/;

/**
 * The literal text each pattern's matches must end with, or undefined when one of them has none (then
 * no name can be ruled out). `patterns` are fast-glob's positive patterns after brace expansion.
 */
export function literalTails(patterns: readonly string[]): string[] | undefined {
  const tails = new Set<string>();
  for (const pattern of patterns) {
    // An escape anywhere makes the literal text hard to tell: no filter.
    if (pattern.includes("\\")) return undefined;
    let tail = "";
    for (let index = pattern.length - 1; index >= 0 && !SPECIAL.test(pattern[index]!); index--) tail = pattern[index]! + tail;
    if (tail === "") return undefined;
    tails.add(tail);
  }
  return tails.size === 0 ? undefined : [...tails];
}

/** Whether a name ends with one of `tails`. */
export function endsWithAny(name: string, tails: readonly string[]): boolean {
  for (const tail of tails) if (name.endsWith(tail)) return true;
  return false;
}

type Readdir = (directory: string, ...rest: unknown[]) => void;

/** What a listing of file types holds (fs.Dirent's methods fast-glob calls). */
interface DirentLike {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

export type SpecialKind = "a FIFO" | "a socket" | "a device";

/**
 * `readdir` for a fast-glob walk with `onlyFiles: true` that
 * - leaves out of each listing the non-directories whose names end with none of `tails` (when given), and
 * - hands FIFOs, sockets and devices over as files, so fast-glob's `onlyFiles` keeps them for its pattern
 *   test (with `onlyFiles: false` it tested every directory against every pattern too, twice: 1,300
 *   directories times 14 to 68 patterns on the real corpus); `specialKind` tells them apart afterwards.
 * Listings of names only (no file types) pass whole.
 */
export function readdirForFiles(inner: Readdir, tails: readonly string[] | undefined, special: WeakMap<object, SpecialKind>): Readdir {
  return (directory, ...rest) => {
    const callback = rest.pop() as (error: NodeJS.ErrnoException | null, entries?: unknown) => void;
    inner(directory, ...rest, (error: NodeJS.ErrnoException | null, entries?: unknown) => {
      if (error || !Array.isArray(entries) || entries.some((entry) => typeof entry === "string")) return callback(error, entries);
      const kept: DirentLike[] = [];
      for (const entry of entries as DirentLike[]) {
        if (entry.isDirectory()) kept.push(entry);
        else if (tails && !endsWithAny(entry.name, tails)) continue;
        else {
          const kind = specialKindOf(entry);
          if (kind === undefined) kept.push(entry);
          else {
            const asFile = asFileEntry(entry);
            special.set(asFile, kind);
            kept.push(asFile);
          }
        }
      }
      callback(error, kept);
    });
  };
}

function specialKindOf(entry: DirentLike): SpecialKind | undefined {
  if (entry.isFIFO()) return "a FIFO";
  if (entry.isSocket()) return "a socket";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "a device";
  return undefined;
}

/** A FIFO, socket or device that fast-glob takes for a regular file (what it never opens: it only lists). */
function asFileEntry(entry: DirentLike): DirentLike {
  return {
    name: entry.name,
    isFile: () => true,
    isDirectory: () => false,
    isSymbolicLink: () => false,
    isFIFO: () => false,
    isSocket: () => false,
    isCharacterDevice: () => false,
    isBlockDevice: () => false,
  };
}
