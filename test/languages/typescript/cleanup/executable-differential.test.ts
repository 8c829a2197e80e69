import vm from "node:vm";
import { describe, expect, it } from "vitest";
import ts from "../../../../src/languages/typescript/typescript-api.cjs";
import { firstParseError, parse } from "../../../../src/languages/typescript/cleanup/context.js";
import { cleanupText } from "../../../../src/languages/typescript/cleanup/rewrite.js";
import { locate } from "../../../cleanup/helpers/locate.js";

/**
 * Executable differential test: hand-written programs with `ff_x` checks in tricky positions
 * (precedence, unary operators, ASI, hoisting, optional chaining, `await`, generators, closures, classes,
 * loops, labels, spreads, default parameters, JSX), each expression shape in several contexts. Every
 * program is transpiled with ts.transpileModule and run in node:vm before and after the cleanup, with
 * the accessor stubbed to the kept value, on several inputs; return value, log and thrown error must
 * be the same, and the cleaned program must still parse.
 */
const F = 'isFeatureEnabled("ff_x")';
const ACCESSORS = [{ call: "isFeatureEnabled" }, { jsx: "Feature" }];
/** The test's small reference finder matches callees by their text, so the optional call is named as written. */
const LOCATE = [...ACCESSORS, { call: "maybe?.isFeatureEnabled" }];

/** Expressions of `a` (0, 1, 2), `b` (boolean), `log` (string[]), `side()` (logs, returns a). */
const EXPRESSIONS = [
  `-(${F} ? -a : a)`,
  `+(${F} ? +a : a)`,
  `typeof (${F} ? a : "s")`,
  `!${F}`,
  `!!${F}`,
  `a && ${F}`,
  `a || ${F}`,
  `${F} && a`,
  `${F} || a`,
  `a && ${F} && "c"`,
  `(a || ${F}) && "c"`,
  `a ?? ${F}`,
  `${F} ?? a`,
  `${F} === true`,
  `${F} !== false`,
  `${F} == b`,
  `${F} ? a + 1 : a - 1`,
  `(${F} ? a : 7) * 2`,
  `a - (${F} ? -1 : 1)`,
  `\`v\${${F} ? a : "x"}\``,
  `[${F}, a]`,
  `({ k: ${F} ? a : 0 }).k`,
  `(${F} ? (n: number) => n + 1 : (n: number) => n - 1)(a)`,
  `${F} ? (log.push("t"), a) : (log.push("f"), 9)`,
  `(log.push("s"), ${F})`,
  `side() && ${F}`,
  `${F} && side()`,
  `side() || ${F}`,
  `a > 1 && ${F} ? "x" : "y"`,
  `void ${F}`,
  `(${F} as unknown as number) + 1`,
  `String(${F})`,
  `(${F} as boolean) ? 1 : 2`,
  `${F}! ? 1 : 2`,
  `"x" in { x: 1 } && ${F}`,
  `${F} ? ${F} : a`,
  `!(${F} && a)`,
  `(a, ${F})`,
  `${F} ? undefined : a`,
  `b ? ${F} : !${F}`,
  `${F} ? (a ? 1 : 2) : 3`,
  `{ ...(${F} ? { p: 1 } : { q: 2 }) }`,
  `[...(${F} ? [1] : [2]), a]`,
  `(${F} || b) && side()`,
  `${F} && b ? "both" : "not"`,
];

/** Where an expression stands: each turns `expr` into the body of `run`. */
const CONTEXTS: Array<(expr: string) => string> = [
  (e) => `  return ${e};`,
  (e) => `  const r = ${e};\n  log.push(JSON.stringify(r));\n  return r;`,
  (e) => `  const f = () => ${e.startsWith("{") ? `(${e})` : e};\n  return [f(), f()];`,
  (e) => `  class C {\n    m() {\n      return ${e};\n    }\n  }\n  return new C().m();`,
  (e) => `  let out: unknown = "none";\n  if (a >= 0) {\n    out = ${e};\n  }\n  return out;`,
];

/** Whole bodies of `run`. */
const STATEMENTS = [
  `  if (${F}) {\n    log.push("on");\n  } else {\n    log.push("off");\n  }\n  return a;`,
  `  if (${F}) return "early";\n  log.push("late");\n  return a;`,
  `  if (a > 1) {\n    log.push("big");\n  } else if (${F}) {\n    log.push("flag");\n  } else {\n    log.push("small");\n  }\n  return a;`,
  `  if (${F}) {\n    log.push("new");\n  } else {\n    var legacy = 5;\n  }\n  return legacy;`,
  `  if (!${F}) {\n    var q = 2;\n  }\n  return [q, typeof q];`,
  `  if (${F}) var q = 1;\n  return q;`,
  `  if (${F}) {\n    function h() { return 1; }\n    log.push(String(h()));\n  }\n  return typeof h;`,
  `  ${F} && log.push("side");\n  return a;`,
  `  !${F} || log.push("side");\n  return a;`,
  `  if (!${F}) return;\n  log.push("after");\n  return b;`,
  `  let i = 0;\n  while (${F} && i < a) i++;\n  return i;`,
  `  let i = 0;\n  for (; !${F} && i < 3; i++) log.push(String(i));\n  return i;`,
  `  let i = 0;\n  do {\n    log.push(String(i));\n  } while (${F} && ++i < 3);\n  return i;`,
  `  switch (${F}) {\n    case true:\n      log.push("t");\n      break;\n    default:\n      log.push("d");\n  }\n  return a;`,
  `  const v = ${F};\n  if (v) log.push("v");\n  return v && a;`,
  `  let w = ${F};\n  if (b) w = !w;\n  return w;`,
  `  try {\n    if (${F}) throw new Error("on");\n    log.push("no throw");\n  } catch (e) {\n    log.push((e as Error).message);\n  }\n  return a;`,
  `  if (${F}) throw new Error("thrown");\n  return a;`,
  `  const x = a\n  if (${F}) {\n    ;[1, 2].forEach((n) => log.push(String(n + x)))\n  } else {\n    log.push("old")\n  }\n  ;[3].forEach((n) => log.push(String(n)))\n  return x`,
  `  log.push("first")\n  const y = ${F}\n  ;(b ? [1] : [2]).forEach((n) => log.push(String(n)))\n  return y`,
  `  function* g() {\n    yield 0;\n    if (${F}) {\n      yield 1;\n    } else {\n      yield 2;\n    }\n    yield 3;\n  }\n  return [...g()];`,
  `  function* g() {\n    const seen = yield ${F} ? "on" : "off";\n    return seen;\n  }\n  const it = g();\n  return [it.next().value, it.next("x").value];`,
  `  outer: for (let i = 0; i < 3; i++) {\n    for (let j = 0; j < 3; j++) {\n      if (${F} && j === a) continue outer;\n      if (!${F} && i === a) break outer;\n      log.push(\`\${i}\${j}\`);\n    }\n  }\n  return a;`,
  `  const fn = () => (${F} ? 1 : 2);\n  return fn() + fn();`,
  `  function g(x = ${F}) {\n    return x;\n  }\n  return [g(), g(false)];`,
  `  if (${F}) {\n    let x = 1;\n    log.push(String(x));\n  }\n  let x = 2;\n  return x;`,
  `  const maybe = b ? { isFeatureEnabled } : undefined;\n  return maybe?.isFeatureEnabled("ff_x");`,
  `  const result = ${F} ? side() : (side(), side());\n  return result;`,
  `  if (${F}) {\n    return side();\n  }\n  log.push("unreached when on");\n  return 0;`,
  `  const list = [1, 2, 3].filter((n) => (${F} ? n > a : n < a));\n  return list;`,
  `  const o = { get g() { log.push("get"); return a; } };\n  return o.g && ${F};`,
  `  let n = 0;\n  const bump = () => ++n;\n  const r = bump() > 0 && ${F} && bump();\n  return [r, n];`,
  `  if (${F} === (a > 0)) return "eq";\n  return "ne";`,
  `  const label = ${F}\n    ? "multi"\n    : "line";\n  return label;`,
  `  return [1, 2].map((n) => {\n    if (!${F}) {\n      return -n;\n    }\n    return n;\n  });`,
  `  if (${F}) {\n    // keep me\n    log.push("kept");\n  }\n  return a;`,
];

/** Async bodies: awaited checks and awaits around them. */
const ASYNC_STATEMENTS = [
  `  if (await ${F}) {\n    log.push("on");\n  } else {\n    log.push("off");\n  }\n  return a;`,
  `  const v = await ${F};\n  return v ? "yes" : "no";`,
  `  return (await ${F}) && a;`,
  `  await Promise.resolve();\n  if (!(await ${F})) return "off";\n  return "on";`,
  `  const r = await (${F} ? Promise.resolve(1) : Promise.resolve(2));\n  return r;`,
  `  return !(await ${F});`,
];

/** JSX, with a factory that returns plain data. */
const JSX = [
  `  return <div>{a && ${F} && <b>on</b>}</div>;`,
  `  return <div>{${F} ? <b>on</b> : <i>off</i>}</div>;`,
  `  return <div>{!${F} && <i>off</i>}<span>{a}</span></div>;`,
  `  return <Feature flag="ff_x" fallback={<i>off</i>}><b>on</b></Feature>;`,
  `  return <div><Feature flag="ff_x"><b>on</b>{a}</Feature></div>;`,
  `  return <div className={${F} ? "new" : "old"}>{a}</div>;`,
  `  return [<b key="1">x</b>, ${F} ? <i key="2">y</i> : null];`,
];

interface Program {
  name: string;
  source: string;
  fileName: string;
  async: boolean;
}

function programs(): Program[] {
  const list: Program[] = [];
  const header = 'declare function isFeatureEnabled(key: string): boolean;\ndeclare const Feature: any;\n';
  const wrap = (body: string, isAsync = false) =>
    `${header}export ${isAsync ? "async " : ""}function run(a: number, b: boolean, log: string[]): unknown {\n  const side = () => (log.push("side"), a);\n${body}\n}\n`;
  EXPRESSIONS.forEach((expression, i) => CONTEXTS.forEach((context, j) => list.push({ name: `expression ${i} in context ${j}`, source: wrap(context(expression)), fileName: "program.ts", async: false })));
  STATEMENTS.forEach((body, i) => list.push({ name: `statements ${i}`, source: wrap(body), fileName: "program.ts", async: false }));
  ASYNC_STATEMENTS.forEach((body, i) => list.push({ name: `async ${i}`, source: wrap(body, true), fileName: "program.ts", async: true }));
  JSX.forEach((body, i) => list.push({ name: `jsx ${i}`, source: wrap(body), fileName: "program.tsx", async: false }));
  return list;
}

// What React renders: booleans, null and undefined render nothing, arrays render their items.
function rendered(children: unknown[]): unknown[] {
  return children.flatMap((child) => (Array.isArray(child) ? rendered(child) : child === null || child === undefined || typeof child === "boolean" ? [] : [child]));
}

type Run = (a: number, b: boolean, log: string[]) => unknown;

function load(source: string, fileName: string, value: boolean): Run {
  const js = ts.transpileModule(source, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.React, jsxFactory: "h", strict: true },
  }).outputText;
  const module = { exports: {} as { run?: Run } };
  const h = (tag: unknown, props: Record<string, unknown> | null, ...children: unknown[]) => {
    // The stubbed gate renders its children when on and its fallback when off, as the real one does.
    if (typeof tag === "function") return (tag as (p: unknown) => unknown)({ ...props, children });
    return { tag, props, children: rendered(children) };
  };
  const Feature = (props: { flag: string; fallback?: unknown; children: unknown[] }) => (props.flag === "ff_x" && value ? props.children : (props.fallback ?? null));
  vm.runInNewContext(js, { module, exports: module.exports, isFeatureEnabled: (key: string) => (key === "ff_x" ? value : false), h, Feature, Promise, JSON, String, Error });
  return module.exports.run!;
}

async function behaviour(run: Run, isAsync: boolean, isJsx: boolean): Promise<string[]> {
  const outcomes: string[] = [];
  for (const a of [0, 1, 2])
    for (const b of [false, true]) {
      const log: string[] = [];
      let outcome: string;
      try {
        const result = isAsync ? await run(a, b, log) : run(a, b, log);
        // Markup is compared as what it renders: a gate's children array and the element it became are one render.
        outcome = `returned ${JSON.stringify(isJsx ? rendered([result]) : result) ?? "undefined"}`;
      } catch (error) {
        outcome = `threw ${(error as Error).message}`;
      }
      outcomes.push(`${a},${b}: ${outcome} after [${log.join(",")}]`);
    }
  return outcomes;
}

const all = programs();

describe("cleanup keeps behaviour (executable programs)", () => {
  it("has at least 200 programs", () => {
    expect(all.length).toBeGreaterThanOrEqual(200);
  });

  for (const value of [true, false]) {
    it(`${all.length} programs behave the same after the cleanup, flag ${value ? "on" : "off"}`, async () => {
      let rewritten = 0;
      for (const program of all) {
        const references = locate(program.source, program.fileName, "ff_x", LOCATE);
        expect(references.length, program.name).toBeGreaterThan(0);
        const after = cleanupText({ text: program.source, fileName: program.fileName, references, value, accessors: ACCESSORS }).text;
        const context = `${program.name}, flag ${value ? "on" : "off"}\n--- before\n${program.source}--- after\n${after}`;
        expect(firstParseError(parse(after, program.fileName)), context).toBeUndefined();
        if (!after.includes('"ff_x"')) rewritten++;
        const expected = await behaviour(load(program.source, program.fileName, value), program.async, program.fileName.endsWith(".tsx"));
        let cleaned: Run;
        try {
          cleaned = load(after, program.fileName, value);
        } catch (error) {
          throw new Error(`${context}\n${(error as Error).message}`);
        }
        expect(await behaviour(cleaned, program.async, program.fileName.endsWith(".tsx")), context).toEqual(expected);
      }
      // Leaving every check in place would pass the comparison: most programs must really be cleaned.
      expect(rewritten).toBeGreaterThanOrEqual(all.length - 5);
    });
  }
});
