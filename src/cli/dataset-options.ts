/**
 * The dataset and preprocessing options shared by `infer` and `eval`, and their conversion to SampleOptions.
 */
import type { Command } from 'commander';
import { parseNumber, parseNumberList, parseResize, UsageError, type SampleOptions } from '../index.js';

export interface DatasetFlags {
  readonly data: string;
  readonly labels?: string;
  readonly resize?: string;
  readonly scale?: string;
  readonly offset?: string;
  readonly mean?: string;
  readonly std?: string;
  readonly channelsLast?: boolean;
  readonly limit?: string;
  readonly batchSize?: string;
}

export function addDatasetOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--data <file>', 'dataset: MNIST IDX (.gz or raw), CSV (last column = label), JSON {"X","y"} or .npy')
    .option('--labels <file>', 'labels in a separate file (IDX, .npy, CSV column, JSON array)')
    .option('--resize <HxW>', 'resize uint8 images first (PIL BILINEAR, rounded to uint8), e.g. 32x32')
    .option('--scale <s>', 'multiply by s (a number or a fraction such as 1/255)')
    .option('--offset <o>', 'then add o')
    .option('--mean <list>', 'then subtract a per-channel mean (one value or one per channel, comma-separated)')
    .option('--std <list>', 'then divide by a per-channel standard deviation')
    .option('--channels-last', '3-D samples are H×W×C (for --mean/--std per channel)')
    .option('--limit <n>', 'use only the first n samples')
    .option('--batch-size <n>', 'largest batch for models with a dynamic batch size (default 500)');
}

function positiveInt(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${option} must be a positive integer, got '${text}'`);
  return n;
}

export function sampleOptionsFrom(flags: DatasetFlags): SampleOptions {
  return {
    data: flags.data,
    labels: flags.labels,
    limit: positiveInt(flags.limit, 'limit'),
    maxBatch: positiveInt(flags.batchSize, 'batch-size'),
    preprocess: {
      resize: flags.resize === undefined ? undefined : parseResize(flags.resize),
      scale: flags.scale === undefined ? undefined : parseNumber(flags.scale, 'scale'),
      offset: flags.offset === undefined ? undefined : parseNumber(flags.offset, 'offset'),
      mean: flags.mean === undefined ? undefined : parseNumberList(flags.mean, 'mean'),
      std: flags.std === undefined ? undefined : parseNumberList(flags.std, 'std'),
      channelsLast: flags.channelsLast,
    },
  };
}
