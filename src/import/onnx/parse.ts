/**
 * Bytes → decoded ModelProto message, or PF_ERR_ONNX_PARSE "<source>: not an ONNX model (reason)".
 * protobuf happily "decodes" many non-protobuf inputs, so a decoded message is also sanity-checked:
 * it must have a graph, a positive and plausible ir_version and (IR ≥ 3) opset imports. protobufjs error
 * texts are never shown verbatim; they are summarised and kept as `cause`.
 */
import { OnnxImportError } from '../../core/errors.js';
import { MODEL_PROTO } from './onnx-schema.js';
import { int64ToNumber } from './int64.js';
import { isSet, type ModelMsg } from './proto-types.js';
import { sniffFileType } from './sniff.js';

/** IR versions above this are taken as garbage rather than as a future ONNX version. */
const MAX_PLAUSIBLE_IR_VERSION = 100;

function parseError(source: string, reason: string, cause?: unknown): OnnxImportError {
  return new OnnxImportError('PF_ERR_ONNX_PARSE', `${source}: not an ONNX model (${reason})`, { cause, details: { source, reason } });
}

/** A readable summary of a protobufjs decoding failure. */
function decodeFailure(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/index out of range/i.test(text)) return 'the file is truncated or corrupt: protobuf data ends in the middle of a field';
  if (/invalid wire type/i.test(text)) return 'the file is corrupt or not protobuf: invalid protobuf wire type';
  if (/tag/i.test(text)) return 'the file is corrupt or not protobuf: invalid protobuf field tag';
  if (/varint|length encoding/i.test(text)) return 'the file is corrupt or not protobuf: invalid protobuf number encoding';
  if (/call stack/i.test(text)) return 'the file is corrupt: protobuf data nested too deeply';
  return 'the file is corrupt or not protobuf: protobuf decoding failed';
}

/** The reason a decoded message is not a model, or undefined when it looks like one. */
function structureProblem(model: ModelMsg): string | undefined {
  if (!isSet(model, 'ir_version')) return 'no ir_version field';
  const ir = int64ToNumber(model.ir_version);
  if (ir <= 0) return `ir_version is ${ir}`;
  if (ir > MAX_PLAUSIBLE_IR_VERSION) return `implausible ir_version ${ir}`;
  if (!isSet(model, 'graph')) return 'no graph';
  if (ir >= 3 && (model.opset_import ?? []).length === 0) return 'no opset_import';
  return undefined;
}

/** Decodes ONNX bytes into a ModelProto message. `source` names the file in messages. */
export function parseModelBytes(bytes: Uint8Array, source: string): ModelMsg {
  if (!(bytes instanceof Uint8Array)) throw parseError(source, 'input is not a byte array');
  if (bytes.length === 0) throw parseError(source, 'the file is empty');
  const sniffed = sniffFileType(bytes);
  let model: ModelMsg;
  try {
    model = MODEL_PROTO.decode(bytes) as unknown as ModelMsg;
  } catch (err) {
    throw parseError(source, sniffed ? `it looks like ${sniffed}` : decodeFailure(err), err);
  }
  const problem = structureProblem(model);
  if (problem !== undefined) throw parseError(source, sniffed ? `it looks like ${sniffed}` : problem);
  return model;
}
