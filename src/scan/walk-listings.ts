/**
 * The directory listings of one discovery walk, kept for a second walk of the same tree: a cold scan
 * walks the tree for its own files, then again for the files of languages flag-scan does not parse
 * (`listUnparsedFiles`), which listed the same 1,300 directories of the real corpus once more (30 to 40 ms
 * of readdir calls). The second walk is still fast-glob's, with all its own decisions (which directories
 * it enters, which entries match); only its `readdir` answers from memory for a directory the first walk
 * listed, and asks the file system for any other. A listing that failed is not kept: it is asked again.
 */
export class WalkListings {
  private readonly listings = new Map<string, readonly unknown[]>();

  /** `readdir` (fast-glob's `fs.readdir` call) that keeps what `inner` lists. */
  keeping(inner: Readdir): Readdir {
    return (directory, ...rest) => {
      const callback = rest.pop() as ReaddirCallback;
      const key = keyOf(directory, rest);
      inner(directory, ...rest, (error: NodeJS.ErrnoException | null, entries?: unknown) => {
        if (!error && key !== undefined && Array.isArray(entries)) this.listings.set(key, [...entries]);
        callback(error, entries);
      });
    };
  }

  /** The directories listed, as the walk named them. */
  directories(): string[] {
    return [...this.listings.keys()];
  }

  /** `readdir` that answers from the kept listings, and from `inner` for a directory without one. */
  reusing(inner: Readdir): Readdir {
    return (directory, ...rest) => {
      const key = keyOf(directory, rest.slice(0, -1));
      const kept = key === undefined ? undefined : this.listings.get(key);
      if (!kept) return inner(directory, ...rest);
      const callback = rest[rest.length - 1] as ReaddirCallback;
      // Asynchronous, as a listing of the file system is.
      process.nextTick(() => callback(null, [...kept]));
    };
  }
}

type Readdir = (directory: string, ...rest: unknown[]) => void;
type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries?: unknown) => void;

/** The key of a listing with file types (what fast-glob asks for), or undefined for any other call. */
function keyOf(directory: unknown, options: unknown[]): string | undefined {
  if (typeof directory !== "string" || options.length !== 1) return undefined;
  const [option] = options as [{ withFileTypes?: unknown } | undefined];
  return option && typeof option === "object" && option.withFileTypes === true && Object.keys(option).length === 1 ? directory : undefined;
}
