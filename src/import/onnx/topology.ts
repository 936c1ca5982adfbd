/**
 * Graph wiring checks and topological sort: every node input must be produced by a node, a graph input or
 * an initializer; no value may be produced twice; graph outputs must be produced; no cycles. The sort is a
 * stable Kahn sort (the ready node with the smallest file index goes first), so an already sorted graph
 * keeps its file order.
 */
import type { NodeIR } from '../../ir/graph.js';
import { clean, invalid, q } from './import-errors.js';

/** Values that exist before any node runs. */
export interface GraphSources {
  readonly inputs: ReadonlySet<string>;
  readonly initializers: ReadonlySet<string>;
}

/** Min-heap of node indices. */
class IndexHeap {
  private readonly a: number[] = [];
  get size(): number { return this.a.length; }
  push(v: number): void {
    const a = this.a;
    a.push(v);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= v) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = v;
  }
  pop(): number {
    const a = this.a;
    const top = a[0];
    const last = a.pop() as number;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && a[l + 1] < a[l] ? l + 1 : l;
        if (a[c] >= last) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

function producerMap(nodes: readonly NodeIR[], src: GraphSources): Map<string, number> {
  const producer = new Map<string, number>();
  nodes.forEach((node, k) => {
    for (const out of node.outputs) {
      if (out === '') continue; // omitted optional output
      const other = producer.get(out);
      if (other !== undefined) throw invalid(`value ${q(out)} is produced twice (by nodes ${q(nodes[other].name)} and ${q(node.name)})`);
      if (src.initializers.has(out)) throw invalid(`node ${q(node.name)} output ${q(out)} has the same name as an initializer`);
      if (src.inputs.has(out)) throw invalid(`node ${q(node.name)} output ${q(out)} has the same name as a graph input`);
      producer.set(out, k);
    }
  });
  return producer;
}

/** Validates the wiring and returns the nodes in (stable) topological order. */
export function sortNodes(nodes: readonly NodeIR[], src: GraphSources, graphOutputs: readonly string[]): NodeIR[] {
  const producer = producerMap(nodes, src);
  const pending = new Array<number>(nodes.length).fill(0);
  const consumers: number[][] = nodes.map(() => []);
  nodes.forEach((node, k) => {
    for (const name of node.inputs) {
      if (name === '') continue; // omitted optional input
      const p = producer.get(name);
      if (p !== undefined) {
        pending[k]++;
        consumers[p].push(k);
      } else if (!src.inputs.has(name) && !src.initializers.has(name)) {
        throw invalid(`node ${q(node.name)} (${clean(node.opType)}) uses value ${q(name)}, which no node, graph input or initializer produces`);
      }
    }
  });
  for (const out of graphOutputs) {
    if (!producer.has(out) && !src.inputs.has(out) && !src.initializers.has(out)) {
      throw invalid(`graph output ${q(out)} is not produced by any node, graph input or initializer`);
    }
  }
  const heap = new IndexHeap();
  pending.forEach((c, k) => { if (c === 0) heap.push(k); });
  const order: NodeIR[] = [];
  while (heap.size > 0) {
    const k = heap.pop();
    order.push(nodes[k]);
    for (const c of consumers[k]) if (--pending[c] === 0) heap.push(c);
  }
  if (order.length < nodes.length) {
    const stuck = nodes.filter((_, k) => pending[k] > 0).map((n) => q(n.name));
    const shown = stuck.length > 5 ? `${stuck.slice(0, 5).join(', ')}, … ${stuck.length - 5} more` : stuck.join(', ');
    throw invalid(`graph has a cycle: ${stuck.length} node${stuck.length === 1 ? '' : 's'} can never run (${shown})`);
  }
  return order;
}
