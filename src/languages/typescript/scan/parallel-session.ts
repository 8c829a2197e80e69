import { availableParallelism, loadavg } from "node:os";
import type { FlushResult, ProjectContext, ScanSession, SourceFileInput } from "../../language.js";
import type { LaneOptions, LaneSession, TaughtFile } from "./in-process-session.js";

/**
 * From how many candidate files a scan parses in a second lane (a second worker thread). Each worker costs
 * about 0.1 to 0.2 s of CPU to start and load TypeScript (with the code cache), and a candidate about 4 ms
 * to parse and scan: below this the second one would not pay for itself.
 */
export const PARALLEL_FROM = 64;
/** Files handed to a lane at once (one message to a worker). */
const CHUNK = 8;
/**
 * With several lanes, how many files one may have waiting: the rest are handed to the lanes that finish
 * first. (The prefilter runs without yielding, so no lane reports progress before it ends.)
 */
const AHEAD = 48;
/**
 * With `openWhenFlushed`, how many files a lane may have waiting: the lane in the calling thread takes one
 * file per turn of the event loop, so the worker's progress is heard within a file or two, and at the end
 * no lane is left with a long queue while the other idles.
 */
const AHEAD_BESIDE_CALLER = 16;
/** With `openWhenFlushed`, the files that must still wait at the flush for the late lanes to open. */
export const LATE_FROM = 32;

export interface ParallelOptions extends LaneOptions {
  /** Opens a lane: the first is opened at once, the others when `from` candidates have come. */
  openLane(index: number, options: LaneOptions): LaneSession;
  /** @default 2 */
  lanes?: number;
  /** @default PARALLEL_FROM */
  from?: number;
  /** Asked before a lane beyond the first opens; a lane it refuses is not opened. @default always */
  mayOpen?: () => boolean;
  /**
   * Lanes beyond the first open only when the first round's flush starts, and only when at least `from`
   * (@default LATE_FROM) files still wait then: for a lane in the calling thread (caller-lane.ts), which
   * discovers and prefilters until then and would otherwise wait for the worker. Until then the first lane
   * is kept AHEAD_BESIDE_CALLER files ahead and the rest wait, so the caller must give the event loop a
   * turn now and then for that lane's progress to be heard. @default false
   */
  openWhenFlushed?: boolean;
}

/**
 * Whether this machine has a core nothing else uses (the 1-minute load average below the cores minus one):
 * a second worker then parses in parallel. On a machine other processes keep busy, it would only add its
 * start-up and the warm-up of a second TypeScript (0.5 to 1 s of CPU on the real corpus at load 8) to the
 * same wall time.
 */
export function hasIdleCore(): boolean {
  const cores = availableParallelism();
  return cores > 1 && (loadavg()[0] ?? cores) < cores - 1;
}

/**
 * How many parsing threads a CLI scan may use: one (the worker) unless `FLAG_SCAN_PARSE_THREADS` says
 * otherwise. Each other way was slower on the 2-core machines it was measured on:
 * - `=2`: two workers, opened from PARALLEL_FROM candidates when `hasIdleCore` says so (or whatever the
 *   load with `=2!`). On the real corpus (load 2.4, 3 interleaved runs) 2.50 to 2.82 s wall and 4.3 to 4.9
 *   s CPU against 2.06 to 2.59 s and 3.4 to 4.1 s with one, each worker paying its start-up, TypeScript
 *   load and warm-up while the main thread still discovers files.
 * - `=main` (`inCaller`): the worker and, once it has prefiltered and would wait, the main thread
 *   (caller-lane.ts). On the real corpus at load 5 to 7 (6 interleaved runs) 7.27 s wall and 5.03 s CPU
 *   against 5.86 s and 4.37 s with the worker alone; not measured on a quiet machine.
 */
export function parseThreads(env: NodeJS.ProcessEnv = process.env): { lanes: number; mayOpen: () => boolean; inCaller: boolean } {
  const wanted = env["FLAG_SCAN_PARSE_THREADS"];
  if (wanted === "2!") return { lanes: 2, mayOpen: () => true, inCaller: false };
  if (wanted === "2") return { lanes: 2, mayOpen: hasIdleCore, inCaller: false };
  if (wanted === "main") return { lanes: 2, mayOpen: () => true, inCaller: true };
  return { lanes: 1, mayOpen: () => false, inCaller: false };
}

/**
 * A TypeScript scan whose first round is parsed in several lanes (worker threads, on machines with the
 * cores), with results exactly those of one lane. The files of the first round go to whichever lane has
 * the least waiting, as `--shard` splits a project; at the first flush the lanes are linked as
 * `flag-scan merge` links shards: what each file taught (learned wrappers) is relearned by the first lane in
 * the order one lane would have scanned the files, so a wrapper learned in one lane's files makes callers
 * in the other's references in the next round. Later rounds (the files that mention a learned name, few)
 * run in the first lane alone; the others close. There stays one reference finder and one learning order.
 */
export function createParallelSession(options: ParallelOptions): ScanSession {
  const lanesWanted = options.lanes ?? 2;
  const late = options.openWhenFlushed === true;
  const from = options.from ?? (late ? LATE_FROM : PARALLEL_FROM);
  const ahead = late ? AHEAD_BESIDE_CALLER : AHEAD;
  interface Lane {
    session: LaneSession;
    /** Files handed to it and not yet scanned. */
    waiting: number;
    /** Files handed to it in all. */
    received: number;
  }
  const lanes: Lane[] = [];
  let project: ProjectContext | undefined;
  let firstRound = true;
  let refused = false;
  /** Files not yet handed to a lane, in scan order. */
  const queue: SourceFileInput[] = [];
  /** The first round's files in scan order: the order lanes' teachings are relearned in. */
  const order = new Map<string, number>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;

  const open = () => {
    const lane: Lane = { session: undefined as unknown as LaneSession, waiting: 0, received: 0 };
    lane.session = options.openLane(lanes.length, {
      recordFacts: options.recordFacts,
      onLearning: options.onLearning,
      onScanned: (count) => {
        lane.waiting -= count;
        // Lanes in this thread scan inside `scanMany`: hand out more once that call has returned.
        queueMicrotask(() => pump(flushing));
      },
      onFailure: (error) => {
        // Its flush rejects with it; a flush waiting for it to finish files must not wait forever.
        failure ??= error;
        wake?.();
      },
    });
    lanes.push(lane);
    if (project) lane.session.prepare(project);
  };
  let pumping = false;
  let flushing = false;
  /** Hands out whole chunks, or with `all` what is left too. One lane gets everything; several, AHEAD each. */
  const pump = (all = false) => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length >= (all ? 1 : CHUNK)) {
        // The lane with the least waiting; lanes in this thread (tests) always have none: take turns.
        const lane = lanes.reduce((best, next) => (next.waiting < best.waiting || (next.waiting === best.waiting && next.received < best.received) ? next : best));
        // Files are held back while more lanes may open at the flush.
        const holding = late && firstRound && !refused && lanes.length < lanesWanted;
        if ((lanes.length > 1 || holding) && lane.waiting >= ahead) break;
        const chunk = queue.splice(0, CHUNK);
        lane.waiting += chunk.length;
        lane.received += chunk.length;
        lane.session.scanMany(chunk);
      }
    } finally {
      pumping = false;
    }
    if (queue.length === 0) wake?.();
  };
  open();

  return {
    prepare(context) {
      project = context;
      for (const lane of lanes) lane.session.prepare(context);
    },
    scan(file) {
      if (firstRound) {
        order.set(file.path, order.size);
        if (!late && lanes.length < lanesWanted && !refused && order.size >= from) {
          if (options.mayOpen?.() ?? true) open();
          else refused = true;
        }
        queue.push(file);
        pump();
      } else lanes[0]!.session.scan(file);
    },
    async flush(): Promise<FlushResult> {
      if (late && firstRound && !refused) {
        if (queue.length >= from && (options.mayOpen?.() ?? true)) while (lanes.length < lanesWanted) open();
        refused = true;
      }
      flushing = true;
      while (queue.length > 0 && !failure) {
        // Wait for a lane to finish some files, then hand out the rest.
        await new Promise<void>((resolve) => {
          wake = resolve;
          pump(true);
        });
        wake = undefined;
      }
      flushing = false;
      if (failure) throw failure;
      const wasFirst = firstRound;
      firstRound = false;
      const results = await Promise.all(lanes.map((lane) => lane.session.flush()));
      if (!wasFirst || lanes.length === 1) return results[0]!;
      const files: TaughtFile[] = results.flatMap((result) => result.files);
      const taught = [...files].sort((a, b) => order.get(a.path)! - order.get(b.path)!).map((file) => file.taught);
      const learnedAccessors = await lanes[0]!.session.relearn(taught);
      const others = lanes.splice(1);
      await Promise.all(others.map((lane) => lane.session.close()));
      return { files, learnedNeedles: [...new Set(results.flatMap((result) => result.learnedNeedles))], learnedAccessors };
    },
    async close() {
      await Promise.all(lanes.map((lane) => lane.session.close()));
    },
  };
}
