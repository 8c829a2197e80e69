import type { LearnedAccessorConfig } from "../../../config/schema.js";
import type { FileFacts, FileScanner, FileScanResult, ProjectContext, SourceFileInput } from "../../language.js";
import type { ScanError } from "../../../scan/reference.js";
import { hashContent } from "../../../scan/tracked-fs.js";
import { StaticEvaluator } from "./evaluate.js";
import { TYPESCRIPT_EXTENSIONS } from "../extensions.js";
import { findReferences } from "./find-references.js";
import { ScannerLearning, type LearnedFacts } from "./learning.js";
import { collectModuleInfo, ModuleGraph } from "./module-graph.js";
import { getFirstSyntaxError, parseTypeScript } from "../parse.js";
import type ts from "../typescript-api.cjs";

export { TYPESCRIPT_EXTENSIONS };
export type { LearnedFacts };

/**
 * The TypeScript/JavaScript scanner. One instance per scan: it keeps the module graph (parsed files
 * and resolved imports) and the wrapper accessors learned so far (`learning`).
 */
export class TypeScriptScanner implements FileScanner {
  private graph: ModuleGraph | undefined;
  /** `ProjectContext.contentHash`, when the project has one: what dependencies' hashes in facts are. */
  private contentHash: ((path: string) => string | null) | undefined;
  private readFile: ((path: string) => string | undefined) | undefined;
  private evaluator: StaticEvaluator | undefined;

  /**
   * @param options.retainScannedFiles keep each scanned file's syntax tree for resolving other files'
   *   imports. Off by default: trees of scanned files only cost memory and garbage-collection time (see
   *   `retains`), and an import of them is read from disk when needed.
   * @param learning what was learned before this scanner took over (a session that answered files from
   *   facts first), prepared for the project this scanner is prepared for; a new one by default.
   */
  constructor(
    private readonly options: { retainScannedFiles?: boolean } = {},
    private readonly learning = new ScannerLearning(),
  ) {}

  async prepare(project: ProjectContext): Promise<void> {
    this.graph = new ModuleGraph(project.root, project.readFile);
    this.contentHash = project.contentHash ? project.contentHash.bind(project) : undefined;
    this.readFile = project.readFile;
    this.evaluator = new StaticEvaluator(this.graph, project.registry.constants);
    if (this.learning.project !== project) this.learning.prepare(project);
  }

  /** Work the first files would otherwise wait for (see `ModuleResolver.prepareWorkspacePackages`). */
  warmUp(): void {
    this.graph?.resolver.prepareWorkspacePackages();
  }

  /**
   * @param file.syntaxTree the file's syntax tree when the caller already has one from this TypeScript (the
   *   ESLint plugin gets it from @typescript-eslint/parser); otherwise the file is parsed here.
   */
  scanFile(file: SourceFileInput & { syntaxTree?: ts.SourceFile }): FileScanResult {
    return this.scanFileWithFacts(file);
  }

  /**
   * `scanFile`, and with `withFacts` also what the result depended on beyond the file's text (the other
   * modules it read, by content hash) and what it taught this scanner, for the per-file fact cache.
   */
  scanFileWithFacts(file: SourceFileInput & { syntaxTree?: ts.SourceFile }, withFacts = false): FileScanResult & { facts?: FileFacts; taught: LearnedFacts } {
    const compiled = this.learning.compiled;
    if (!this.graph || !this.evaluator || !compiled) throw new Error("TypeScriptScanner.prepare() was not called");
    const context = this.learning.contextKey();
    const sourceFile = file.syntaxTree ?? (this.retains() ? this.graph.retainedTree(file.path, file.text) : undefined) ?? parseTypeScript(file.path, file.text);
    const module = this.retains() ? this.graph.addSourceFile(sourceFile) : collectModuleInfo(sourceFile);
    const errors: ScanError[] = [];
    const syntaxError = getFirstSyntaxError(sourceFile);
    if (syntaxError) errors.push({ file: file.relativePath, ...syntaxError });
    const uses = withFacts ? new Map<string, string | undefined>() : undefined;
    this.graph.uses = uses;
    let found: ReturnType<typeof findReferences>;
    try {
      found = findReferences(module, file.relativePath, compiled, this.evaluator);
    } finally {
      this.graph.uses = undefined;
    }
    const { references, learnedAccessors, learnedNeedles } = found;
    this.learning.learn(learnedAccessors, learnedNeedles);
    const learned: LearnedFacts = { accessors: learnedAccessors, needles: learnedNeedles };
    if (!uses) return { references, errors, taught: learned };
    uses.delete(module.path);
    // The project's hash of a module's bytes while the project still serves the text read (else the text's own, marked apart).
    const hash = this.contentHash;
    const read = this.readFile;
    const dependencies = [...uses].map(([path, text]) => ({ path, hash: text === undefined ? null : hash && read?.(path) === text ? hash(path) : `text:${hashContent(text)}` }));
    return { references, errors, facts: { context, dependencies, references, errors, learned }, taught: learned };
  }


  /**
   * The state a file is scanned under beyond its text and the config: the registry's constants and the
   * learned accessors matched. A file's cached facts are reused only under the same one.
   */
  contextKey(): string {
    return this.learning.contextKey();
  }

  /** Learns what a file's reused facts say its scan taught (as `scanFileWithFacts` would have); returns it. */
  replay(facts: FileFacts): LearnedFacts {
    return this.learning.replay(facts);
  }

  /** `ScannerLearning.relearn`: what the files of one first round taught, as if this scanner had scanned them all. */
  relearn(taught: readonly LearnedFacts[]): void {
    this.learning.relearn(taught);
  }

  /**
   * Whether to keep this file's tree in the module graph (only when asked). A syntax tree takes far more
   * memory than its text, and a project scan that kept every candidate's tree peaked at 1.8 GB on a
   * 4.2M-line tree (matrix-react-sdk's `src` 20 times) against 0.7 GB without, at less CPU (less garbage
   * collection); on the real tree alone (234 candidates) not keeping them cost no time either. A file that
   * another one imports is then parsed again from disk when that import is followed: the same tree, so the
   * same answers.
   */
  private retains(): boolean {
    return this.options.retainScannedFiles === true;
  }

  /** Every accessor learned so far (wrappers, renamed re-exports), for callers that scan one file at a time. */
  getLearnedAccessors(): LearnedAccessorConfig[] {
    return this.learning.getLearnedAccessors();
  }

  /** The names `takeLearnedNeedles` would return now, without taking them. */
  peekLearnedNeedles(): readonly string[] {
    return this.learning.peekLearnedNeedles();
  }

  /** `ScannerLearning.takeLearnedNeedles`: names learned since the last call, now matched. */
  takeLearnedNeedles(): string[] {
    return this.learning.takeLearnedNeedles();
  }
}
