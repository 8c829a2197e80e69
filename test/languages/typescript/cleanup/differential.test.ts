import { describe, expect, it } from "vitest";
import { firstParseError, parse } from "../../../../src/languages/typescript/cleanup/context.js";
import { cleanupText } from "../../../../src/languages/typescript/cleanup/rewrite.js";
import { locate } from "../../../cleanup/helpers/locate.js";

/**
 * Differential test of the rewrite: random small functions that branch on `ff_x` (nested ifs, else-if
 * chains, ternaries, `&&`/`||`/`??`/`===`, early returns, throws, locals) run before the cleanup with
 * the flag forced and after it, on every combination of inputs, and must behave identically (same
 * result, same log, same exception). Reproduce a failure with FLAG_SCAN_DIFF_SEED=<seed> (printed);
 * FLAG_SCAN_DIFF_COUNT sets how many programs run.
 */
const SEED = Number(process.env.FLAG_SCAN_DIFF_SEED ?? 20261121);
const COUNT = Number(process.env.FLAG_SCAN_DIFF_COUNT ?? 1500);
const ACCESSORS = [{ call: "isFeatureEnabled" }];

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Generator {
  private counter = 0;
  constructor(private readonly random: () => number) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  condition(depth: number, locals: readonly string[]): string {
    const leaves = ['isFeatureEnabled("ff_x")', 'isFeatureEnabled("ff_x")', 'isFeatureEnabled("ff_y")', "a > 1", "b", "c", "a", `log.push("p${this.counter++}") > 1`, ...locals];
    if (depth <= 0 || this.chance(0.45)) return this.pick(leaves);
    const inner = () => this.condition(depth - 1, locals);
    switch (Math.floor(this.random() * 7)) {
      case 0:
        return `!${inner()}`;
      case 1:
        return `(${inner()} && ${inner()})`;
      case 2:
        return `(${inner()} || ${inner()})`;
      case 3:
        return `${inner()} === ${this.pick(["true", "false"])}`;
      case 4:
        return `(${inner()} ?? ${this.pick(["false", "true", "b"])})`;
      case 5:
        return `!(${inner()})`;
      default:
        return `${inner()} !== ${this.pick(["true", "false"])}`;
    }
  }

  expression(depth: number, locals: readonly string[]): string {
    const n = this.counter++;
    switch (depth <= 0 ? 0 : Math.floor(this.random() * 8)) {
      case 5:
        return `(${this.pick(["a", "b", "a - 1", ...locals])} && ${this.condition(depth - 1, locals)})`;
      case 6:
        return `(${this.pick(["a", "c", "a - 1", ...locals])} || ${this.condition(depth - 1, locals)})`;
      case 1:
        return `${this.condition(depth - 1, locals)} ? ${this.expression(depth - 1, locals)} : ${this.expression(depth - 1, locals)}`;
      case 2:
        return `${this.condition(depth - 1, locals)} && "v${n}"`;
      case 3:
        return `(a || ${this.condition(depth - 1, locals)})`;
      case 4:
        return this.condition(depth - 1, locals);
      default:
        return this.pick([`"r${n}"`, "a", `a + ${n}`]);
    }
  }

  statements(depth: number, indent: string, locals: string[], count: number): string[] {
    const lines: string[] = [];
    const scope = [...locals];
    for (let i = 0; i < count; i++) {
      const n = this.counter++;
      const kind = depth <= 0 ? this.pick([0, 0, 4, 5]) : Math.floor(this.random() * 9);
      switch (kind) {
        case 1:
        case 2: {
          lines.push(`${indent}if (${this.condition(2, scope)}) {`);
          lines.push(...this.statements(depth - 1, `${indent}  `, scope, 1 + Math.floor(this.random() * 3)));
          if (this.chance(0.3)) {
            lines.push(`${indent}} else if (${this.condition(2, scope)}) {`);
            lines.push(...this.statements(depth - 1, `${indent}  `, scope, 1 + Math.floor(this.random() * 2)));
          }
          if (this.chance(0.5)) {
            lines.push(`${indent}} else {`);
            lines.push(...this.statements(depth - 1, `${indent}  `, scope, 1 + Math.floor(this.random() * 3)));
          }
          lines.push(`${indent}}`);
          break;
        }
        case 3:
          lines.push(`${indent}if (${this.condition(2, scope)}) return ${this.expression(1, scope)};`);
          break;
        case 4: {
          const name = `v${n}`;
          lines.push(`${indent}const ${name} = ${this.condition(1, scope)};`);
          scope.push(name);
          break;
        }
        case 5:
          lines.push(`${indent}${this.condition(1, scope)} && log.push("e${n}");`);
          break;
        case 6:
          if (this.chance(0.5)) {
            lines.push(`${indent}if (${this.condition(1, scope)}) throw new Error("t${n}");`);
          } else {
            // A reassigned local must not be inlined.
            lines.push(`${indent}let w${n} = ${this.condition(1, scope)};`, `${indent}if (${this.condition(1, scope)}) w${n} = !w${n};`);
            scope.push(`w${n}`);
          }
          break;
        case 7:
          lines.push(`${indent}log.push(JSON.stringify(${this.expression(2, scope)}));`);
          break;
        default:
          lines.push(`${indent}log.push("s${n}");`);
      }
    }
    return lines;
  }

  program(): string {
    this.counter = 0;
    const body = this.statements(3, "  ", [], 2 + Math.floor(this.random() * 4));
    return [
      "export function run(a: number, b: boolean, c: boolean, log: string[], isFeatureEnabled: (key: string) => boolean): unknown {",
      ...body,
      `  return ${this.expression(2, [])};`,
      "}",
      "",
    ].join("\n");
  }
}

type Run = (a: number, b: boolean, c: boolean, log: string[], isFeatureEnabled: (key: string) => boolean) => unknown;

/** Only the signature is TypeScript, so the body runs as it is; no transpile per program. */
function load(source: string): Run {
  const lines = source.trimEnd().split("\n");
  return new Function("a", "b", "c", "log", "isFeatureEnabled", lines.slice(1, -1).join("\n")) as Run;
}

function behaviour(run: Run, value: boolean): string[] {
  const outcomes: string[] = [];
  for (const a of [0, 1, 2])
    for (const b of [false, true])
      for (const c of [false, true])
        for (const y of [false, true]) {
          const log: string[] = [];
          const isFeatureEnabled = (key: string): boolean => (key === "ff_x" ? value : y);
          let outcome: string;
          try {
            outcome = `returned ${JSON.stringify(run(a, b, c, log, isFeatureEnabled))}`;
          } catch (error) {
            outcome = `threw ${(error as Error).message}`;
          }
          outcomes.push(`${a},${b},${c},${y}: ${outcome} after [${log.join(",")}]`);
        }
  return outcomes;
}

describe("cleanup keeps behaviour (differential)", () => {
  for (const value of [true, false]) {
    it(`${COUNT} random programs, flag ${value ? "on" : "off"}, seed ${SEED}`, () => {
      const generator = new Generator(mulberry32(SEED + (value ? 0 : 1)));
      for (let index = 0; index < COUNT; index++) {
        const before = generator.program();
        const references = locate(before, "program.ts", "ff_x", ACCESSORS);
        const after = cleanupText({ text: before, fileName: "program.ts", references, value, accessors: ACCESSORS }).text;
        const context = `seed ${SEED}, program ${index}, flag ${value ? "on" : "off"}\n--- before\n${before}--- after\n${after}`;
        expect(firstParseError(parse(after, "program.ts")), context).toBeUndefined();
        expect(after.includes('"ff_x"'), context).toBe(false);
        expect(behaviour(load(after), value), context).toEqual(behaviour(load(before), value));
      }
    });
  }
});
