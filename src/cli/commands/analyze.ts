/**
 * `foundry analyze MODEL.onnx [--json]`: the model's structure and its mapping onto photonic hardware.
 * Exit 3 (after printing the analysis) when the model has unsupported nodes.
 */
import type { Command } from 'commander';
import { analyzeModel, importOnnxFile, type ModelAnalysis } from '../../index.js';
import { EXIT_OK, EXIT_UNSUPPORTED } from '../exit-codes.js';
import { formatCount, formatShape, table } from '../format.js';
import type { CommandContext } from '../main.js';

const HARDWARE_LABEL: Record<string, string> = {
  'optical-matrix': 'optical matrix',
  electronic: 'electronic element-wise',
  folded: 'folded',
  layout: 'layout only',
};

export function registerAnalyze(program: Command, { io, setCode }: CommandContext): void {
  program
    .command('analyze')
    .description('show a model\'s nodes, how each maps onto the photonic hardware, its linear layers, parameters and MACs')
    .argument('<model>', 'ONNX model file')
    .option('--json', 'print the analysis as JSON')
    .action(async (modelPath: string, opts: { json?: boolean }) => {
      const analysis = analyzeModel(importOnnxFile(modelPath), modelPath);
      io.stdout.write(opts.json ? JSON.stringify(analysis, null, 2) + '\n' : formatAnalysis(analysis));
      if (analysis.totals.unsupportedNodes > 0) {
        const list = analysis.nodes.filter((n) => !n.supported).map((n) => `${n.name} (${n.opType})`);
        io.stderr.write(`foundry: model has ${list.length} unsupported node${list.length === 1 ? '' : 's'}: ${list.join(', ')}\n`);
        setCode(EXIT_UNSUPPORTED);
      } else setCode(EXIT_OK);
    });
}

export function formatAnalysis(a: ModelAnalysis): string {
  const out: string[] = [];
  out.push(`model     ${a.model}`);
  out.push(`producer  ${a.producer.name || '(unknown)'} ${a.producer.version}`.trimEnd());
  out.push(`format    ONNX IR ${a.irVersion}, opsets ${a.opsets.map((o) => `${o.domain} ${o.version}`).join(', ')}`);
  for (const v of a.inputs) out.push(`input     ${v.name} ${v.dtype} ${formatShape(v.shape)}`);
  for (const v of a.outputs) out.push(`output    ${v.name} ${v.dtype} ${formatShape(v.shape)}`);
  out.push('', `Nodes (shapes at batch ${a.analysisBatch}):`);
  out.push(
    table(
      ['#', 'node', 'op', 'supported', 'hardware', 'output shape'],
      a.nodes.map((n, i) => [
        String(i),
        n.name,
        n.domain === 'ai.onnx' ? n.opType : `${n.domain}.${n.opType}`,
        n.supported ? 'yes' : `no: ${n.reason ?? ''}`,
        n.hardware ? HARDWARE_LABEL[n.hardware] : '-',
        n.outputShapes ? n.outputShapes.map((s) => formatShape(s)).join(' ') : '?',
      ]),
    ),
  );
  if (a.linearLayers.length > 0) {
    out.push('', 'Linear layers (optical matrices, rows = outputs × cols = inputs):');
    out.push(
      table(
        ['layer', 'op', 'matrix', 'positions', 'params', 'MACs/sample'],
        a.linearLayers.map((l) => [l.name, l.opType, `${l.matrix.rows} × ${l.matrix.cols}`, l.outputPositions, l.parameters, l.macsPerSample]),
      ),
    );
  }
  const t = a.totals;
  out.push('');
  out.push(`totals    ${t.nodes} nodes (${t.byHardware['optical-matrix']} optical matrix, ${t.byHardware.electronic} electronic, ${t.byHardware.folded} folded, ${t.byHardware.layout} layout), ${t.unsupportedNodes} unsupported`);
  out.push(`          ${formatCount(t.parameters)} parameters, ${t.linearLayers} linear layers, ${formatCount(t.macsPerSample)} MACs per sample`);
  return out.join('\n') + '\n';
}
