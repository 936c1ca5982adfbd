/**
 * Options of the HTML report and their defaults, and the accuracy figures it can show. The accuracy types are
 * structural subsets of pipeline/eval.ts's results (EvalResult for the ideal chip, MonteCarloEvalResult for the
 * noisy and corrected chips), so those objects can be passed as they are; a bare number is an accuracy in
 * [0, 1].
 */
import { DEFAULT_HEATMAP_BINS } from './mesh-heatmap.js';

/** One accuracy figure: a result of `foundry eval` (ideal or Monte-Carlo), or a bare accuracy in [0, 1]. */
export type ReportAccuracyFigure =
  | number
  | {
      /** Samples evaluated. */
      readonly n?: number;
      readonly digital?: { readonly accuracy: number | null };
      readonly photonic: {
        readonly accuracy: number | null;
        /** Monte-Carlo: spread of the chips' accuracies. */
        readonly accuracy_std?: number | null;
        /** Monte-Carlo: the worst chip. */
        readonly worst?: number | null;
      };
      /** Fraction of samples whose digital and photonic argmax agree. */
      readonly agreement?: number;
      readonly noise?: { readonly pdk?: string; readonly trials?: number };
    };

export interface ReportAccuracy {
  /** The ideal chip (programmed phases, no imperfections). */
  readonly ideal?: ReportAccuracyFigure;
  /** Monte-Carlo chips with the PDK's imperfections. */
  readonly noisy?: ReportAccuracyFigure;
  /** The noisy chips after correction (calibration / reprogramming). */
  readonly corrected?: ReportAccuracyFigure;
}

export interface ReportHtmlOptions {
  /** Accuracy figures to show; without them the report says how to get them (`foundry eval`). */
  readonly accuracy?: ReportAccuracy;
  /**
   * A mesh with more MZIs than this is drawn as a binned heat map instead of MZI by MZI (default 2,000: a
   * full-size LeNet-5 keeps its small meshes in detail and its 40,740-MZI fc1 mesh as a few-kB heat map).
   */
  readonly detailMaxMzis?: number;
  /** Tiles drawn per tiled layer, from the first (default 2); the others are listed in a note. */
  readonly tilesPerLayer?: number;
  /** Largest number of heat-map bins along each axis (default 32). */
  readonly heatmapBins?: number;
}

export const DEFAULT_DETAIL_MAX_MZIS = 2000;
export const DEFAULT_TILES_PER_LAYER = 2;

export interface ResolvedReportHtmlOptions {
  readonly accuracy: ReportAccuracy;
  readonly detailMaxMzis: number;
  readonly tilesPerLayer: number;
  readonly heatmapBins: number;
}

export function resolveReportHtmlOptions(options: ReportHtmlOptions = {}): ResolvedReportHtmlOptions {
  return {
    accuracy: options.accuracy ?? {},
    detailMaxMzis: options.detailMaxMzis ?? DEFAULT_DETAIL_MAX_MZIS,
    tilesPerLayer: Math.max(1, options.tilesPerLayer ?? DEFAULT_TILES_PER_LAYER),
    heatmapBins: Math.max(1, options.heatmapBins ?? DEFAULT_HEATMAP_BINS),
  };
}
