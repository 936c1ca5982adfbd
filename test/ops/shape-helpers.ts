/** Re-exports for tests: attribute constructors and ONNX element type numbers. */
export { A, type Attr } from '../helpers/onnx-builder.js';
export { ONNX_DATA_TYPE as ONNX_TYPES } from '../../src/import/onnx/onnx-schema.js';
