/**
 * Vue and Svelte single-file components: their `<script>` blocks are TypeScript or JavaScript, and that is
 * where PostHog, LaunchDarkly and the others are called from (`posthog.isFeatureEnabled("k")` in a
 * `<script setup>`). The scanner reads a component as its script blocks with everything else blanked to
 * spaces, so every offset, line and column is the file's own. A Vue template's expressions are written
 * into that text at their own offsets too (vue-template.ts), and of Svelte markup the `{#if flag}` conditions. Kept
 * apart from the parser so paths can be tested without loading TypeScript.
 */
export const COMPONENT_EXTENSIONS = [".vue", ".svelte"] as const;

export function isComponentFile(fileName: string): boolean {
  const lower = fileName.toLowerCase();
  return COMPONENT_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

export interface ScriptBlocks {
  /** The file with every character outside script blocks replaced by a space (line breaks kept). */
  text: string;
  /** The grammar of the blocks, from the first `lang` attribute: `ts`, `tsx`, `jsx` or `js`. */
  lang: "ts" | "tsx" | "js" | "jsx";
  /** The script blocks' bodies, as `[start, end)` offsets. */
  ranges: Array<[number, number]>;
}

const SCRIPT_OPEN = /<script\b([^>]*)>/gi;

export function scriptBlocks(text: string): ScriptBlocks {
  const kept: Array<[number, number]> = [];
  let lang: ScriptBlocks["lang"] | undefined;
  SCRIPT_OPEN.lastIndex = 0;
  for (let open = SCRIPT_OPEN.exec(text); open; open = SCRIPT_OPEN.exec(text)) {
    const start = open.index + open[0].length;
    const close = text.toLowerCase().indexOf("</script", start);
    const end = close === -1 ? text.length : close;
    // `<script src="...">` has no body worth reading; an empty range changes nothing.
    kept.push([start, end]);
    lang ??= langOf(open[1] ?? "");
    SCRIPT_OPEN.lastIndex = end;
  }
  let blanked = "";
  let at = 0;
  for (const [start, end] of kept) {
    blanked += blank(text.slice(at, start)) + text.slice(start, end);
    at = end;
  }
  blanked += blank(text.slice(at));
  return { text: blanked, lang: lang ?? "js", ranges: kept };
}

function langOf(attributes: string): ScriptBlocks["lang"] {
  const lang = /\blang\s*=\s*["']?([a-z]+)/i.exec(attributes)?.[1]?.toLowerCase();
  if (lang === "ts" || lang === "typescript") return "ts";
  if (lang === "tsx" || lang === "jsx") return lang;
  return "js";
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, " ");
}
