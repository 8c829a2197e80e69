import type { AccessorConfig, FlagsObjectAccessorConfig, LearnedAccessorConfig } from "../../../config/schema.js";
import type { FileFacts, ProjectContext } from "../../language.js";
import { hashContent } from "../../../scan/tracked-fs.js";
import { compileTypeScriptAccessors, type CompiledAccessors } from "./accessors.js";

/** What one file's scan taught the scanner, as its facts keep it. */
export interface LearnedFacts {
  accessors: LearnedAccessorConfig[];
  needles: string[];
}

/**
 * What a TypeScript scan learned (wrapper accessors, renamed re-exports, stores) and the context its files
 * are scanned under. Loads no TypeScript: a session answering every file from cached facts keeps it
 * without loading the parser (in-process-session.ts); the scanner (scanner.ts) takes it over for a parse.
 */
export class ScannerLearning {
  /** The accessors matched now (configured and learned). */
  compiled: CompiledAccessors | undefined;
  /** The project `prepare` was given. */
  project: ProjectContext | undefined;
  private configured: readonly AccessorConfig[] = [];
  private readonly learned = new Map<string, LearnedAccessorConfig>();
  /** Per learned store, the keys two stores of that name map to different flags. */
  private readonly storeConflicts = new Map<string, Set<string>>();
  private pendingNeedles: string[] = [];
  /** The learned accessors `compiled` matches, as a key (`contextKey`). */
  private compiledContext = "";
  /** The registry's constants, which keys resolve through: part of every context. */
  private constantsContext = "";
  private readonly learnedModuleNeedles = new Set<string>();

  prepare(project: ProjectContext): void {
    this.project = project;
    this.configured = project.config.accessors;
    this.compiled = compileTypeScriptAccessors(this.configured);
    this.constantsContext = JSON.stringify([...project.registry.constants]);
    this.compiledContext = hashContent(`${this.constantsContext}\0[]`);
  }

  /**
   * The state a file is scanned under beyond its text and the config: the registry's constants and the
   * learned accessors matched. A
   * file's cached facts are reused only under the same one.
   */
  contextKey(): string {
    return this.compiledContext;
  }

  /** Learns what a file's reused facts say its scan taught (as `scanFileWithFacts` would have); returns it. */
  replay(facts: FileFacts): LearnedFacts {
    const learned = (facts.learned as LearnedFacts | undefined) ?? { accessors: [], needles: [] };
    this.learn(learned.accessors, learned.needles);
    return learned;
  }

  /**
   * Forgets what this scanner learned and learns instead what `taught` says the files of one first round
   * taught, in that order, as if it had scanned them all itself, then starts matching it (as
   * `takeLearnedNeedles` does). A scan whose first round was split over several scanners (parallel-session.ts)
   * links them so: which wrapper wins a name, and the context of later facts, depend on the order.
   */
  relearn(taught: readonly LearnedFacts[]): void {
    this.learned.clear();
    this.learnedModuleNeedles.clear();
    this.pendingNeedles = [];
    this.compiled = compileTypeScriptAccessors(this.configured);
    this.compiledContext = hashContent(`${this.constantsContext}\0[]`);
    for (const file of taught) this.learn(file.accessors, file.needles);
    this.takeLearnedNeedles();
  }

  learn(learnedAccessors: readonly LearnedAccessorConfig[], learnedNeedles: readonly string[]): void {
    if (!this.compiled) throw new Error("TypeScriptScanner.prepare() was not called");
    for (const needle of learnedNeedles) {
      if (!this.learnedModuleNeedles.has(needle)) {
        this.learnedModuleNeedles.add(needle);
        this.pendingNeedles.push(needle);
      }
    }
    for (const accessor of learnedAccessors) {
      if ("flagsObject" in accessor) {
        // An app store carries a key map (store key -> SDK key); HOCs, hooks and receivers do not.
        if (accessor.keyMap !== undefined) this.learnStore(accessor);
        else this.learnFlagsObject(accessor);
        continue;
      }
      const name = "call" in accessor ? accessor.call : accessor.jsx;
      // A configured name is learned again only as an in-house function that takes its key inside an
      // object (`getFeatureFlag({ featureFlagKey })` next to the SDK's `getFeatureFlag(key)`).
      const shadowsPlain = "call" in accessor && accessor.argPath !== undefined && !(this.compiled.calls.get(name) ?? []).some((m) => (m.config as LearnedAccessorConfig).argPath !== undefined);
      if (this.learned.has(name) || (this.compiled.calls.has(name) && !shadowsPlain) || this.compiled.jsx.has(name)) continue;
      this.learned.set(name, accessor);
      this.pendingNeedles.push(name);
    }
  }

  /**
   * A flags HOC or a receiver of a flags object passed on (`flags-passed-on.ts`). One entry per receiver
   * and slot: a call site handing it something else replaces the entry by its `mixed` form, for good, and
   * the files naming it are scanned again without following it.
   */
  private learnFlagsObject(accessor: LearnedAccessorConfig & FlagsObjectAccessorConfig): void {
    const name = accessor.flagsObject;
    if (!accessor.receives && this.compiled!.flagsObjects.has(name)) return;
    const key = `flags-object\0${accessor.module ?? ""}\0${name}\0${accessor.prop ?? ""}\0${accessor.param ?? ""}`;
    const known = this.learned.get(key);
    if (known !== undefined && ((known as LearnedAccessorConfig).mixed === true || accessor.mixed !== true)) return;
    this.learned.set(key, known === undefined ? accessor : { ...known, mixed: true });
    this.pendingNeedles.push(name);
  }

  /**
   * An app store filled from flags (`useFeatureFlagsStore`). Two apps of one repository may each have one
   * under the same name: their key maps are merged, and a key the two map to different flags is dropped
   * for good (whatever order the files come in), so no read is reported under a guessed flag.
   */
  private learnStore(accessor: LearnedAccessorConfig & FlagsObjectAccessorConfig): void {
    const name = accessor.flagsObject;
    if (this.compiled!.flagsObjects.has(name) && !this.learned.has(name)) return;
    const conflicts = this.storeConflicts.get(name) ?? new Set<string>();
    const learned = this.learned.get(name);
    // A wrapper function of that name was learned first: the name is taken.
    if (learned !== undefined && !("flagsObject" in learned)) return;
    const known = learned as (LearnedAccessorConfig & FlagsObjectAccessorConfig) | undefined;
    const keyMap: Record<string, string> = { ...known?.keyMap };
    let changed = known === undefined;
    for (const [key, flag] of Object.entries(accessor.keyMap ?? {})) {
      if (conflicts.has(key) || keyMap[key] === flag) continue;
      changed = true;
      if (Object.hasOwn(keyMap, key)) {
        conflicts.add(key);
        delete keyMap[key];
      } else keyMap[key] = flag;
    }
    this.storeConflicts.set(name, conflicts);
    if (!changed) return;
    this.learned.set(name, { ...(known ?? accessor), keyMap });
    this.pendingNeedles.push(name);
  }

  /** Every accessor learned so far (wrappers, renamed re-exports), for callers that scan one file at a time. */
  getLearnedAccessors(): LearnedAccessorConfig[] {
    return [...this.learned.values()];
  }

  /** The names `takeLearnedNeedles` would return now, without taking them. */
  peekLearnedNeedles(): readonly string[] {
    return this.pendingNeedles;
  }

  /**
   * Names learned since the last call (wrappers, renamed re-exports). The project scan re-scans the
   * files that mention them, after this scanner has started matching them.
   */
  takeLearnedNeedles(): string[] {
    if (this.pendingNeedles.length === 0 || !this.compiled) return [];
    const needles = this.pendingNeedles;
    this.pendingNeedles = [];
    this.compiled = compileTypeScriptAccessors([...this.configured, ...this.learned.values()]);
    this.compiledContext = hashContent(`${this.constantsContext}\0${JSON.stringify([...this.learned.values()])}`);
    return needles;
  }
}
