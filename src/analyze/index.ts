/**
 * @module analyze — what a model is made of and how it maps onto photonic hardware (`foundry analyze`).
 */
export { analyzeModel, type ModelAnalysis, type NodeAnalysis, type LinearLayerAnalysis } from './analyze-model.js';
