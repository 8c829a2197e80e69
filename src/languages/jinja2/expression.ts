// Before:  {% if is_me and waffle.flag('x') and settings.KEY %}     After (on):  {% if is_me and settings.KEY %}
// Folds a known boolean into a Jinja2 `if` condition through `and`, `or`, `not` and parentheses. Anything
// else (comparisons, filters) is an opaque operand: the check inside it becomes the literal `True`/`False`,
// which keeps its meaning. `{{ 'new' if waffle.flag('x') else 'old' }}` keeps the branch that renders.

type Node =
  | { type: "and" | "or"; items: Node[]; start: number; end: number }
  | { type: "not"; operand: Node; start: number; end: number }
  | { type: "group"; inner: Node; start: number; end: number }
  | { type: "atom"; start: number; end: number };

type Folded = { value: boolean } | { text: string; compound: boolean };

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokenize(text: string, start: number, end: number): Token[] | undefined {
  const tokens: Token[] = [];
  const pattern = /\s+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|\*\*|\/\/|[=!<>]=|./gsy;
  pattern.lastIndex = start;
  while (pattern.lastIndex < end) {
    const at = pattern.lastIndex;
    const match = pattern.exec(text);
    if (match === null || at + match[0].length > end) return undefined;
    if (!/^\s/.test(match[0])) tokens.push({ text: match[0], start: at, end: at + match[0].length });
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node | undefined {
    const node = this.or();
    return this.position === this.tokens.length ? node : undefined;
  }

  private peek(): string | undefined {
    return this.tokens[this.position]?.text;
  }

  private list(type: "and" | "or", operand: () => Node | undefined): Node | undefined {
    const first = operand();
    if (first === undefined) return undefined;
    const items = [first];
    while (this.peek() === type) {
      this.position++;
      const next = operand();
      if (next === undefined) return undefined;
      items.push(next);
    }
    return items.length === 1 ? first : { type, items, start: first.start, end: items[items.length - 1]!.end };
  }

  private or(): Node | undefined {
    return this.list("or", () => this.and());
  }

  private and(): Node | undefined {
    return this.list("and", () => this.not());
  }

  private not(): Node | undefined {
    const token = this.tokens[this.position];
    if (token?.text !== "not") return this.primary();
    this.position++;
    const operand = this.not();
    return operand && { type: "not", operand, start: token.start, end: operand.end };
  }

  /** Tokens up to the next `and`/`or`/`)` outside brackets; a lone `( ... )` is a group. */
  private primary(): Node | undefined {
    const first = this.tokens[this.position];
    if (first === undefined) return undefined;
    let depth = 0;
    let last = first;
    const from = this.position;
    for (; this.position < this.tokens.length; this.position++) {
      const token = this.tokens[this.position]!;
      if (depth === 0 && (token.text === "and" || token.text === "or" || token.text === ")")) break;
      if (depth === 0 && token.text === "not" && this.position > from) {
        // `a not in b`: part of the comparison.
        const previous = this.tokens[this.position - 1]!.text;
        if (!/^[A-Za-z0-9_'")\]]/.test(previous)) break;
      }
      if ("([{".includes(token.text)) depth++;
      else if (")]}".includes(token.text)) depth--;
      last = token;
    }
    if (this.position === from) return undefined;
    const range = this.tokens.slice(from, this.position);
    if (first.text === "(" && last.text === ")" && closesAt(range) === range.length - 1) {
      const inner = new Parser(range.slice(1, -1)).parse();
      if (inner !== undefined) return { type: "group", inner, start: first.start, end: last.end };
    }
    return { type: "atom", start: first.start, end: last.end };
  }
}

/** Index of the token that closes the bracket opening `tokens[0]`. */
function closesAt(tokens: Token[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    if ("([{".includes(tokens[i]!.text)) depth++;
    else if (")]}".includes(tokens[i]!.text) && --depth === 0) return i;
  }
  return -1;
}

/**
 * The condition `text[start, end)` with the check at `check` known to be `value`: a constant when the whole
 * condition folds, else the remaining condition's text.
 */
export function foldCondition(text: string, start: number, end: number, check: { start: number; end: number }, value: boolean): Folded {
  const literal = value ? "True" : "False";
  const opaque = (): Folded => ({ text: text.slice(start, check.start) + literal + text.slice(check.end, end), compound: true });
  const tokens = tokenize(text, start, end);
  // A conditional expression binds looser than `or`: leave it whole.
  if (tokens === undefined || tokens.some((token) => token.text === "if" || token.text === "else")) return opaque();
  const tree = new Parser(tokens).parse();
  if (tree === undefined) return opaque();

  const contains = (node: Node) => node.start <= check.start && check.end <= node.end;
  const fold = (node: Node): Folded => {
    if (!contains(node)) return { text: text.slice(node.start, node.end), compound: node.type === "and" || node.type === "or" };
    switch (node.type) {
      case "atom":
        if (node.start === check.start && node.end === check.end) return { value };
        return { text: text.slice(node.start, check.start) + literal + text.slice(check.end, node.end), compound: false };
      case "group": {
        const inner = fold(node.inner);
        if ("value" in inner) return inner;
        return inner.compound ? { text: `(${inner.text})`, compound: false } : inner;
      }
      case "not": {
        const operand = fold(node.operand);
        return "value" in operand ? { value: !operand.value } : { text: text.slice(node.start, node.operand.start) + operand.text, compound: false };
      }
      default: {
        // `x and True` is `x` and `x or False` is `x` in a condition; `x and False` is False.
        const absorbing = node.type === "or";
        const kept: Array<{ item: Node; folded: { text: string; compound: boolean } }> = [];
        for (const item of node.items) {
          const folded = fold(item);
          if ("value" in folded) {
            if (folded.value === absorbing) return { value: absorbing };
          } else kept.push({ item, folded });
        }
        if (kept.length === 0) return { value: !absorbing };
        if (kept.length === 1) return kept[0]!.folded;
        let result = "";
        kept.forEach(({ item, folded }, index) => {
          result += folded.text;
          if (index === kept.length - 1) return;
          const position = node.items.indexOf(item);
          result += text.slice(item.end, node.items[position + 1]!.start);
        });
        return { text: result, compound: true };
      }
    }
  };
  return fold(tree);
}

/**
 * `A if COND else B` spanning `text[start, end)` with the check inside COND: the edit that keeps the branch
 * the folded condition picks (or folds COND in place when it still depends on something else); undefined
 * when the text is not one such expression.
 */
export function foldConditionalExpression(text: string, start: number, end: number, check: { start: number; end: number }, value: boolean): { start: number; end: number; text: string } | undefined {
  const tokens = tokenize(text, start, end);
  if (tokens === undefined) return undefined;
  const atDepthZero: Token[] = [];
  let depth = 0;
  for (const token of tokens) {
    if ("([{".includes(token.text)) depth++;
    else if (")]}".includes(token.text)) depth--;
    else if (depth === 0 && (token.text === "if" || token.text === "else")) atDepthZero.push(token);
  }
  if (atDepthZero.length !== 2 || atDepthZero[0]!.text !== "if" || atDepthZero[1]!.text !== "else") return undefined;
  const [ifToken, elseToken] = atDepthZero as [Token, Token];
  if (!(ifToken.end <= check.start && check.end <= elseToken.start)) return undefined;
  const condition = tokens.filter((token) => token.start >= ifToken.end && token.end <= elseToken.start);
  if (condition.length === 0) return undefined;
  const folded = foldCondition(text, condition[0]!.start, condition[condition.length - 1]!.end, check, value);
  if (!("value" in folded)) return { start: condition[0]!.start, end: condition[condition.length - 1]!.end, text: folded.text };
  const first = tokens[0]!;
  const last = tokens[tokens.length - 1]!;
  const kept = folded.value ? text.slice(first.start, ifToken.start).trim() : text.slice(elseToken.end, last.end).trim();
  return { start: first.start, end: last.end, text: kept };
}
