import { describe, expect, it } from "vitest";
import { scriptBlocks } from "../../../src/languages/typescript/sfc.js";
import { vueTemplateExpressions, writeTemplateExpressions } from "../../../src/languages/typescript/vue-template.js";
import { parseTypeScript } from "../../../src/languages/typescript/parse.js";

function expressions(text: string): Array<[string, boolean]> {
  return vueTemplateExpressions(text, scriptBlocks(text).ranges).map((e) => [text.slice(e.start, e.end), e.handler]);
}

describe("Vue template expressions", () => {
  it("reads interpolations, directives, bound attributes and handlers, nothing else", () => {
    const text = `<template>
  <!-- {{ commented }} <p v-if="commentedOut"> -->
  <div class="plain" id=bare :title="store.TITLE" v-bind:href="link" .prop="p">
    <template v-if="store.A"><span v-else-if='store.B' v-show="shown">{{ store.C }}</span></template>
    <li v-for="(item, i) in store.items" :key="item.id">{{item}}</li>
    <button @click="store.toggle()" v-on:keyup.enter="count++; done()" v-model.trim="text" v-tooltip="tip"></button>
    <Comp #default="{ row }" v-slot:other="slotProps" slot-scope="scoped" />
    <p :title="a &amp;&amp; b">text with }} and {{ ok }}</p>
  </div>
</template>
<script setup>
const s = "<template v-if='inScript'></template>";
</script>`;
    expect(expressions(text)).toEqual([
      ["store.TITLE", false],
      ["link", false],
      ["p", false],
      ["store.A", false],
      ["store.B", false],
      ["shown", false],
      [" store.C ", false],
      ["store.items", false],
      ["item.id", false],
      ["item", false],
      ["store.toggle()", true],
      ["count++; done()", true],
      ["text", false],
      ["tip", false],
      [" ok ", false],
    ]);
  });

  it("finds the template after the script too, and ignores a template tag inside the script", () => {
    const text = `<script setup lang="ts">\nconst t = "<template><p v-if='x'></p></template>";\n</script>\n<template><p v-if="late">{{ a }}</p></template>\n`;
    expect(expressions(text)).toEqual([
      ["late", false],
      [" a ", false],
    ]);
  });

  it("reads no template written in another language (pug)", () => {
    expect(expressions(`<template lang="pug">\n  p(v-if="on") {{ on }}\n</template>\n<script setup>\nconst on = 1;\n</script>\n`)).toEqual([]);
    expect(expressions(`<template lang="html"><p v-if="on"></p></template>`)).toEqual([["on", false]]);
  });

  it("writes each expression at its own offset, every line where it was", () => {
    const text = `<template>\n  <p v-if="\n    on\n  ">{{\n x }}</p>\n</template>\n<script setup>\nconst on = 1;\n</script>\n`;
    const blocks = scriptBlocks(text);
    const written = writeTemplateExpressions(text, blocks.text, vueTemplateExpressions(text, blocks.ranges));
    expect(written).toHaveLength(text.length);
    expect(written.split("\n")).toHaveLength(text.split("\n").length);
    expect(written.indexOf("on\n")).toBe(text.indexOf("on\n"));
    expect(written).toContain(";(\n    on\n  )");
    expect(written).toContain(";(\n x )");
  });

  it("leaves out an expression TypeScript rejects and still reads the rest", () => {
    const text = `<template>\n  <p v-if="a b">{{ ok }}</p>\n</template>\n<script setup lang="ts">\nconst ok = 1;\n</script>\n`;
    const sourceFile = parseTypeScript("Bad.vue", text);
    expect((sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
    const texts = sourceFile.statements.map((s) => s.getText(sourceFile)).filter((t) => t !== ";");
    expect(texts).toEqual(["( ok )", "const ok = 1;"]);
  });

  it("reads a Svelte component's {#if} and {:else if} conditions, and nothing else of its markup", () => {
    const text = `<script>\nconst on = { a: "}" };\n</script>\n<p v-if="vue">{{ vue }}</p>\n{#if on.a === "}" && { b: 1 }.b}\n  {on}\n{:else if other}\n{/if}\n<style>\n  p { color: red; }\n  {#if css}\n</style>\n`;
    const sourceFile = parseTypeScript("App.svelte", text);
    expect((sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
    // A condition's statement ends at the next one's opening `;`.
    const texts = sourceFile.statements.map((s) => s.getText(sourceFile)).filter((t) => t !== ";").map((t) => t.replace(/\)\s+;$/, ")"));
    expect(texts).toEqual(['const on = { a: "}" };', '(on.a === "}" && { b: 1 }.b)', "(other)"]);
  });
});
