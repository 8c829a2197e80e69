import type { FlagReference } from "../scan/reference.js";

/** A "checked inside" edge: `inner` is checked under a condition on `outer`, at `sites`. */
export interface NestingEdge {
  outer: string;
  inner: string;
  sites: Array<Pick<FlagReference, "file" | "line" | "column">>;
  /** Part of a path of two or more edges (A inside B inside C). */
  chain: boolean;
  /** Part of a cycle (A checked inside B somewhere, B inside A elsewhere). */
  cycle: boolean;
}

export interface NestingNode {
  flag: string;
  /** Column (0 = outermost), from a longest-path layering of the graph with cycles collapsed. */
  layer: number;
  /** Row within the column. */
  row: number;
  chain: boolean;
  cycle: boolean;
}

export interface NestingGraph {
  nodes: NestingNode[];
  edges: NestingEdge[];
}

/**
 * The flag nesting graph of `nested-flag`'s notion of nesting (each reference's `guards`, outermost
 * first): an edge from every guard to the next one inside it, and from the innermost guard to the
 * checked flag. Laid out deterministically: strongly connected components (cycles) share a layer,
 * layers are longest paths from a root, rows follow the mean row of the predecessors, then the name.
 */
export function buildNestingGraph(references: readonly FlagReference[]): NestingGraph {
  const edges = new Map<string, NestingEdge>();
  for (const reference of references) {
    if (reference.flag === undefined || reference.guards.length === 0) continue;
    const chain = [...reference.guards.map((guard) => guard.flag), reference.flag];
    for (let i = 0; i + 1 < chain.length; i++) {
      const key = `${chain[i]}\u0000${chain[i + 1]}`;
      let edge = edges.get(key);
      if (edge === undefined) {
        edge = { outer: chain[i]!, inner: chain[i + 1]!, sites: [], chain: false, cycle: false };
        edges.set(key, edge);
      }
      const site = { file: reference.file, line: reference.line, column: reference.column };
      if (!edge.sites.some((s) => s.file === site.file && s.line === site.line && s.column === site.column)) edge.sites.push(site);
    }
  }
  const edgeList = [...edges.values()].sort((a, b) => compare(a.outer, b.outer) || compare(a.inner, b.inner));
  const flags = [...new Set(edgeList.flatMap((edge) => [edge.outer, edge.inner]))].sort(compare);
  const successors = new Map(flags.map((flag) => [flag, [] as string[]]));
  const predecessors = new Map(flags.map((flag) => [flag, [] as string[]]));
  for (const edge of edgeList) {
    successors.get(edge.outer)!.push(edge.inner);
    predecessors.get(edge.inner)!.push(edge.outer);
  }

  const component = stronglyConnectedComponents(flags, successors);
  const componentSize = new Map<number, number>();
  for (const id of component.values()) componentSize.set(id, (componentSize.get(id) ?? 0) + 1);
  for (const edge of edgeList) {
    const same = component.get(edge.outer) === component.get(edge.inner);
    edge.cycle = same && (edge.outer === edge.inner || componentSize.get(component.get(edge.outer)!)! > 1);
  }
  for (const edge of edgeList)
    edge.chain = edge.cycle || predecessors.get(edge.outer)!.length > 0 || successors.get(edge.inner)!.length > 0;

  // Longest path over the condensation (a DAG): a component's layer is one more than its deepest predecessor's.
  const layerOf = new Map<number, number>();
  const componentLayer = (id: number, visiting = new Set<number>()): number => {
    const known = layerOf.get(id);
    if (known !== undefined) return known;
    visiting.add(id);
    let layer = 0;
    for (const flag of flags)
      if (component.get(flag) === id)
        for (const outer of predecessors.get(flag)!) {
          const outerId = component.get(outer)!;
          if (outerId !== id && !visiting.has(outerId)) layer = Math.max(layer, componentLayer(outerId, visiting) + 1);
        }
    layerOf.set(id, layer);
    return layer;
  };
  const layers = new Map(flags.map((flag) => [flag, componentLayer(component.get(flag)!)]));
  const rows = new Map<string, number>();
  const depth = Math.max(0, ...layers.values());
  const nodes: NestingNode[] = [];
  for (let layer = 0; layer <= depth; layer++) {
    const inLayer = flags.filter((flag) => layers.get(flag) === layer);
    const meanRow = (flag: string) => {
      const placed = predecessors.get(flag)!.filter((outer) => rows.has(outer)).map((outer) => rows.get(outer)!);
      return placed.length === 0 ? Number.POSITIVE_INFINITY : placed.reduce((sum, row) => sum + row, 0) / placed.length;
    };
    inLayer.sort((a, b) => meanRow(a) - meanRow(b) || compare(a, b));
    inLayer.forEach((flag, row) => rows.set(flag, row));
    for (const flag of inLayer) {
      const touching = edgeList.filter((edge) => edge.outer === flag || edge.inner === flag);
      nodes.push({
        flag,
        layer,
        row: rows.get(flag)!,
        chain: touching.some((edge) => edge.chain),
        cycle: touching.some((edge) => edge.cycle),
      });
    }
  }
  return { nodes, edges: edgeList };
}

/** Tarjan's algorithm, iterating in the given order so the ids are deterministic. */
function stronglyConnectedComponents(flags: readonly string[], successors: ReadonlyMap<string, string[]>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const component = new Map<string, number>();
  let next = 0;
  let components = 0;
  const visit = (flag: string) => {
    index.set(flag, next);
    low.set(flag, next);
    next++;
    stack.push(flag);
    onStack.add(flag);
    for (const inner of successors.get(flag) ?? []) {
      if (!index.has(inner)) {
        visit(inner);
        low.set(flag, Math.min(low.get(flag)!, low.get(inner)!));
      } else if (onStack.has(inner)) low.set(flag, Math.min(low.get(flag)!, index.get(inner)!));
    }
    if (low.get(flag) === index.get(flag)) {
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.set(member, components);
      } while (member !== flag);
      components++;
    }
  };
  for (const flag of flags) if (!index.has(flag)) visit(flag);
  return component;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
