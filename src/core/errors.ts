/**
 * Error catalogue: every error the library raises is a FoundryError with a stable `code`.
 * Exit codes (CLI) and HTTP statuses (service) are mapped only at the edges, from `code`.
 * See docs/errors.md for the table.
 */

export type ErrorCode =
  | 'PF_ERR_USAGE' // bad command-line usage or options
  | 'PF_ERR_FILE_NOT_FOUND' // an input file does not exist / cannot be read
  | 'PF_ERR_OUTPUT_EXISTS' // an output directory exists and --force was not given
  | 'PF_ERR_ONNX_PARSE' // not a decodable ONNX ModelProto (truncated, garbage, wrong file type)
  | 'PF_ERR_ONNX_INVALID' // decodes, but is structurally invalid (dangling names, bad tensors, NaN weights ...)
  | 'PF_ERR_ONNX_EXTERNAL_DATA' // tensors stored outside the file
  | 'PF_ERR_NON_CONSTANT_WEIGHT' // a linear layer whose weight is not a constant
  | 'PF_ERR_UNSUPPORTED_OPSET' // opset / IR version outside the supported range
  | 'PF_ERR_UNSUPPORTED_OP' // nodes whose op is not supported (lists them)
  | 'PF_ERR_SHAPE' // shapes do not fit (model input vs data, broadcasting, ...)
  | 'PF_ERR_DATASET' // dataset file unreadable or inconsistent
  | 'PF_ERR_INVALID_INPUT' // other unusable input (matrix files, parameters ...)
  | 'PF_ERR_PDK' // a PDK (device models) that is unknown, unreadable, invalid or lacks a source for a figure
  | 'PF_ERR_INTERNAL'; // a bug: should never be seen

export interface FoundryErrorOptions {
  readonly stage?: string;
  readonly details?: Record<string, unknown>;
  readonly cause?: unknown;
}

/** Base class of every error the library throws on purpose. `message` is one line, naming the problem. */
export class FoundryError extends Error {
  readonly code: ErrorCode;
  readonly stage: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: FoundryErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.stage = options.stage;
    this.details = options.details ?? {};
  }
}

/** Unusable command-line usage or option value. */
export class UsageError extends FoundryError {
  constructor(message: string, options: FoundryErrorOptions = {}) {
    super('PF_ERR_USAGE', message, { stage: 'cli', ...options });
  }
}

/** The ONNX file cannot be imported (parse errors, invalid structure, external data, bad opset). */
export class OnnxImportError extends FoundryError {
  constructor(code: ErrorCode, message: string, options: FoundryErrorOptions = {}) {
    super(code, message, { stage: 'import', ...options });
  }
}

/** One node the tool cannot handle. */
export interface UnsupportedNode {
  readonly name: string;
  readonly opType: string;
  readonly domain: string;
  readonly reason: string;
}

/** The model has nodes that are not supported; `nodes` lists all of them (not just the first). */
export class UnsupportedOpError extends FoundryError {
  readonly nodes: readonly UnsupportedNode[];
  constructor(nodes: readonly UnsupportedNode[], options: FoundryErrorOptions = {}) {
    const list = nodes.map((n) => `${n.name || '(unnamed)'} (${n.domain && n.domain !== 'ai.onnx' ? n.domain + '.' : ''}${n.opType})`);
    const shown = list.length > 8 ? list.slice(0, 8).join(', ') + `, … ${list.length - 8} more` : list.join(', ');
    super('PF_ERR_UNSUPPORTED_OP', `model has ${nodes.length} unsupported node${nodes.length === 1 ? '' : 's'}: ${shown}`, {
      stage: 'import',
      details: { nodes },
      ...options,
    });
    this.nodes = nodes;
  }
}

/** Shapes do not fit together. */
export class ShapeError extends FoundryError {
  constructor(message: string, options: FoundryErrorOptions = {}) {
    super('PF_ERR_SHAPE', message, options);
  }
}

/** A dataset file cannot be read or does not fit the model. */
export class DatasetError extends FoundryError {
  constructor(message: string, options: FoundryErrorOptions = {}) {
    super('PF_ERR_DATASET', message, { stage: 'data', ...options });
  }
}

/** Other unusable input (matrix files, parameter values). */
export class InvalidInputError extends FoundryError {
  constructor(message: string, options: FoundryErrorOptions = {}) {
    super('PF_ERR_INVALID_INPUT', message, options);
  }
}

/** A PDK that is unknown, unreadable, not valid JSON, fails the schema, or has a numeric figure without a source. */
export class PdkError extends FoundryError {
  constructor(message: string, options: FoundryErrorOptions = {}) {
    super('PF_ERR_PDK', message, { stage: 'pdk', ...options });
  }
}

/** A missing or unreadable input file. */
export class FileNotFoundError extends FoundryError {
  constructor(path: string, options: FoundryErrorOptions = {}) {
    super('PF_ERR_FILE_NOT_FOUND', `cannot read '${path}': no such file`, options);
  }
}

/** Turns any thrown value into a one-line message (no stack). */
export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
