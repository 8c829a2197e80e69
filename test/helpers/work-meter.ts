/**
 * Counts the array work a synchronous call does, so a test can assert that a pass is linear without
 * timing it (timed tests are noisy on shared machines).
 *
 * While `measureArrayWork` runs, the array iterator (`for...of`, spread, `Array.from`, `new Set(array)`,
 * destructuring) and the array methods that visit elements are wrapped: every element an iterator
 * yields or a callback sees is one visit; `includes`, `indexOf`, `slice`, `concat`, `flat` and `join`
 * count the elements they may touch; `sort` counts its comparator's calls separately, since n log n
 * comparisons are expected of a sort. Once the visits pass `maxVisits` the call is aborted with a
 * `WorkBudgetExceeded`, so a quadratic pass fails in milliseconds instead of running for minutes.
 * Only arrays of at least `LARGE` elements are counted: constant work on small lists (a flag's two
 * definitions, a message's six parts) is not what makes a pass quadratic, scanning a growing list is.
 * Loops that index an array by hand (`for (let i = 0; ...)`) are not seen.
 */
export class WorkBudgetExceeded extends Error {
  constructor(readonly visits: number) {
    super(`more than ${visits} array element visits`);
  }
}

export interface ArrayWork {
  visits: number;
  comparisons: number;
}

/** Arrays shorter than this are not counted. */
export const LARGE = 100;

type AnyArray = unknown[];
type Method = (this: AnyArray, ...args: unknown[]) => unknown;

const CALLBACK_METHODS = ["map", "filter", "find", "findIndex", "findLast", "findLastIndex", "some", "every", "forEach", "flatMap", "reduce", "reduceRight"] as const;
const LENGTH_METHODS = ["includes", "indexOf", "lastIndexOf", "join", "flat"] as const;

export function measureArrayWork<T>(run: () => T, options: { maxVisits?: number } = {}): { result: T; work: ArrayWork } {
  const maxVisits = options.maxVisits ?? Number.POSITIVE_INFINITY;
  const work: ArrayWork = { visits: 0, comparisons: 0 };
  // Off while the wrappers are installed and removed: only `run` is measured.
  let active = false;
  const visit = (count = 1) => {
    if (!active) return;
    work.visits += count;
    if (work.visits > maxVisits) {
      active = false;
      throw new WorkBudgetExceeded(maxVisits);
    }
  };

  const prototype = Array.prototype as unknown as Record<PropertyKey, Method>;
  const saved = new Map<PropertyKey, Method>();
  const replace = (key: PropertyKey, wrap: (original: Method) => Method) => {
    const original = prototype[key]!;
    saved.set(key, original);
    Object.defineProperty(Array.prototype, key, { value: wrap(original), writable: true, configurable: true, enumerable: false });
  };

  replace(Symbol.iterator, (original) =>
    function (this: AnyArray) {
      const iterator = original.call(this) as Iterator<unknown>;
      if (!Array.isArray(this) || this.length < LARGE) return iterator;
      return {
        next() {
          const step = iterator.next();
          if (!step.done) visit();
          return step;
        },
        [Symbol.iterator]() {
          return this;
        },
      };
    },
  );
  for (const name of CALLBACK_METHODS)
    replace(name, (original) =>
      function (this: AnyArray, callback: unknown, ...rest: unknown[]) {
        if (typeof callback !== "function" || this.length < LARGE) return original.call(this, callback, ...rest);
        const counted = function (this: unknown, ...args: unknown[]) {
          visit();
          return (callback as (...a: unknown[]) => unknown).apply(this, args);
        };
        return original.call(this, counted, ...rest);
      },
    );
  for (const name of LENGTH_METHODS)
    replace(name, (original) =>
      function (this: AnyArray, ...args: unknown[]) {
        if (this.length >= LARGE) visit(this.length);
        return original.apply(this, args);
      },
    );
  replace("slice", (original) =>
    function (this: AnyArray, ...args: unknown[]) {
      const result = original.apply(this, args) as AnyArray;
      if (result.length >= LARGE) visit(result.length);
      return result;
    },
  );
  replace("concat", (original) =>
    function (this: AnyArray, ...args: unknown[]) {
      const result = original.apply(this, args) as AnyArray;
      if (result.length >= LARGE) visit(result.length);
      return result;
    },
  );
  replace("sort", (original) =>
    function (this: AnyArray, compare?: unknown) {
      if (typeof compare !== "function") {
        if (this.length >= LARGE) visit(this.length);
        return original.call(this);
      }
      return original.call(this, (a: unknown, b: unknown) => {
        work.comparisons++;
        return (compare as (a: unknown, b: unknown) => number)(a, b);
      });
    },
  );

  try {
    active = true;
    return { result: run(), work };
  } finally {
    active = false;
    for (const [key, original] of saved)
      Object.defineProperty(Array.prototype, key, { value: original, writable: true, configurable: true, enumerable: false });
  }
}
