/**
 * Decoded ModelProto message → GraphIR: versions, initializers (finite, dense, inline), real graph inputs
 * (IR 3 style inputs that repeat an initializer are dropped), outputs, nodes (Constant nodes become
 * initializers; unnamed nodes are named `<opType>_<index>`), wiring checks and topological order, value_info.
 */
import type { Tensor } from '../../core/tensor.js';
import type { GraphIR, NodeIR, ValueInfo } from '../../ir/graph.js';
import { decodeAttributes } from './attributes.js';
import { constantTensor, isConstantNode } from './constants.js';
import { invalid, q } from './import-errors.js';
import type { GraphMsg, ModelMsg, NodeMsg } from './proto-types.js';
import { assertFinite, decodeTensorProto } from './tensor-proto.js';
import { sortNodes } from './topology.js';
import { decodeValueInfo } from './value-info.js';
import { checkVersions, normaliseDomain } from './versions.js';

function decodeInitializers(graph: GraphMsg): Map<string, Tensor> {
  const inits = new Map<string, Tensor>();
  for (const t of graph.initializer ?? []) {
    if (!t.name) throw invalid('an initializer has no name');
    const label = `initializer ${q(t.name)}`;
    if (inits.has(t.name)) throw invalid(`${label} is defined twice`);
    const tensor = decodeTensorProto(t, label);
    assertFinite(tensor, label);
    inits.set(t.name, tensor);
  }
  const sparse = graph.sparse_initializer ?? [];
  if (sparse.length > 0) {
    const name = sparse[0].values?.name ?? '';
    throw invalid(`sparse initializer ${q(name)} is not supported (${sparse.length} sparse initializer${sparse.length === 1 ? '' : 's'})`);
  }
  return inits;
}

function decodeNode(n: NodeMsg, index: number): NodeIR {
  const opType = n.op_type ?? '';
  if (!opType) throw invalid(`node ${q(n.name || `#${index}`)} has no op_type`);
  const name = n.name || `${opType}_${index}`;
  return {
    name,
    opType,
    domain: normaliseDomain(n.domain),
    inputs: [...(n.input ?? [])],
    outputs: [...(n.output ?? [])],
    attributes: decodeAttributes(n.attribute ?? [], name),
  };
}

/** Moves Constant nodes into `inits`; returns the remaining nodes in file order. */
function foldConstants(nodes: readonly NodeIR[], inits: Map<string, Tensor>): NodeIR[] {
  const rest: NodeIR[] = [];
  for (const node of nodes) {
    if (!isConstantNode(node)) {
      rest.push(node);
      continue;
    }
    if (node.outputs.length !== 1 || !node.outputs[0]) throw invalid(`Constant node ${q(node.name)} must have exactly one named output`);
    const out = node.outputs[0];
    if (inits.has(out)) throw invalid(`Constant node ${q(node.name)} output ${q(out)} has the same name as another constant`);
    const tensor = constantTensor(node);
    assertFinite(tensor, `Constant node ${q(node.name)}`);
    inits.set(out, tensor);
  }
  return rest;
}

function decodeValueInfos(list: GraphMsg['input'], role: 'graph input' | 'graph output'): ValueInfo[] {
  const seen = new Set<string>();
  return (list ?? []).map((v) => {
    const info = decodeValueInfo(v, role) as ValueInfo; // required roles never return undefined
    if (seen.has(info.name)) throw invalid(`${role} ${q(info.name)} is declared twice`);
    seen.add(info.name);
    return info;
  });
}

/** Converts a decoded (and parse-checked) ModelProto message into GraphIR. */
export function decodeModel(model: ModelMsg): GraphIR {
  const { irVersion, opsets, opset } = checkVersions(model);
  const graph = model.graph as GraphMsg;
  const initializers = decodeInitializers(graph);
  const declaredInputs = decodeValueInfos(graph.input, 'graph input');
  const outputs = decodeValueInfos(graph.output, 'graph output');
  const nodes = foldConstants((graph.node ?? []).map(decodeNode), initializers);
  const sorted = sortNodes(
    nodes,
    { inputs: new Set(declaredInputs.map((v) => v.name)), initializers: new Set(initializers.keys()) },
    outputs.map((v) => v.name),
  );
  const valueInfo = new Map<string, ValueInfo>();
  for (const v of graph.value_info ?? []) {
    const info = decodeValueInfo(v, 'value_info entry');
    if (info) valueInfo.set(info.name, info);
  }
  for (const v of outputs) valueInfo.set(v.name, v);
  return {
    producer: { name: model.producer_name ?? '', version: model.producer_version ?? '' },
    irVersion,
    opsets,
    opset,
    graphName: graph.name ?? '',
    inputs: declaredInputs.filter((v) => !initializers.has(v.name)),
    outputs,
    initializers,
    nodes: sorted,
    valueInfo,
  };
}
