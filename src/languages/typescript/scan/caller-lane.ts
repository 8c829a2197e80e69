import type { ProjectContext, SourceFileInput } from "../../language.js";
import { isRecording } from "../../../scan/tracked-fs.js";
import type { LaneOptions, LaneSession } from "./in-process-session.js";

/**
 * A lane of a parallel scan (parallel-session.ts) in the calling thread: the CLI's main thread, which
 * discovers and prefilters while the worker parses and would then only wait for it (about 1 s of a 2.4 s
 * cold scan of the real corpus). Opened at the first flush (`openWhenFlushed`), it loads TypeScript
 * (through the code cache) and parses a share of the files still waiting, with the same scanner as every
 * lane, linked as the other lanes are.
 *
 * It scans one file per turn of the event loop, so the worker's messages (its progress, which hands it more
 * files) are heard between two files rather than after a whole chunk.
 */
export function createCallerLane(options: LaneOptions): LaneSession {
  const queue: SourceFileInput[] = [];
  let project: ProjectContext | undefined;
  let inner: LaneSession | undefined;
  let scheduled = false;
  // Loaded only now: the main thread of a CLI scan loads TypeScript only when this lane opens.
  const loading = import("./in-process-session.js").then(({ createInProcessSession }) => {
    inner = createInProcessSession({ recordFacts: options.recordFacts, onScanned: options.onScanned, onLearning: options.onLearning });
    if (project) inner.prepare(project);
    schedule();
  });
  const step = () => {
    scheduled = false;
    const file = queue.shift();
    if (!file) return;
    inner!.scanMany([file]);
    schedule();
  };
  function schedule() {
    if (scheduled || !inner || queue.length === 0) return;
    scheduled = true;
    setImmediate(step);
  }
  const loaded = async (): Promise<LaneSession> => {
    await loading;
    return inner!;
  };
  return {
    prepare(context) {
      project = context;
      inner?.prepare(context);
    },
    scan(file) {
      queue.push(file);
      schedule();
    },
    scanMany(files) {
      queue.push(...files);
      schedule();
    },
    async flush() {
      const session = await loaded();
      session.scanMany(queue.splice(0));
      return session.flush();
    },
    async relearn(taught) {
      return (await loaded()).relearn(taught);
    },
    async close() {
      await loading.catch(() => undefined);
      await inner?.close();
    },
  };
}

/**
 * Whether the calling thread may take a lane: not while this thread records what the scan reads (`--cache`,
 * shards), which a worker records in its own thread and hands over with its results.
 */
export function mayScanInCaller(): boolean {
  return !isRecording();
}
