/**
 * IR-version and opset checks. Supported: ONNX IR versions 3–10 and default-domain (ai.onnx) opsets 7–17;
 * anything else is PF_ERR_UNSUPPORTED_OPSET. Other domains (ai.onnx.ml, com.microsoft ...) are accepted
 * here: their nodes are reported later as unsupported ops. Domain '' is normalised to 'ai.onnx'.
 */
import { OnnxImportError } from '../../core/errors.js';
import type { OpsetImport } from '../../ir/graph.js';
import { invalid, q } from './import-errors.js';
import { int64ToNumber } from './int64.js';
import type { ModelMsg } from './proto-types.js';

export const SUPPORTED_IR_VERSIONS = { min: 3, max: 10 } as const;
export const SUPPORTED_OPSETS = { min: 7, max: 17 } as const;
export const DEFAULT_DOMAIN = 'ai.onnx';

/** '' and 'ai.onnx' both mean the default domain. */
export function normaliseDomain(domain: string | null | undefined): string {
  return !domain ? DEFAULT_DOMAIN : domain;
}

export interface CheckedVersions {
  readonly irVersion: number;
  readonly opsets: readonly OpsetImport[];
  /** Default-domain opset version. */
  readonly opset: number;
}

/** Checks IR version and opset imports; returns them normalised. */
export function checkVersions(model: ModelMsg): CheckedVersions {
  const irVersion = int64ToNumber(model.ir_version);
  const { min, max } = SUPPORTED_IR_VERSIONS;
  if (irVersion < min || irVersion > max) {
    throw new OnnxImportError('PF_ERR_UNSUPPORTED_OPSET', `model uses ONNX IR version ${irVersion}; supported: ${min}–${max}`, {
      details: { irVersion },
    });
  }
  const byDomain = new Map<string, number>();
  for (const imp of model.opset_import ?? []) {
    const domain = normaliseDomain(imp.domain);
    const version = int64ToNumber(imp.version);
    const seen = byDomain.get(domain);
    if (seen !== undefined && seen !== version) throw invalid(`model imports domain ${q(domain)} twice (opsets ${seen} and ${version})`);
    byDomain.set(domain, version);
  }
  const opset = byDomain.get(DEFAULT_DOMAIN);
  if (opset === undefined) throw invalid(`model declares no opset for the default domain (${DEFAULT_DOMAIN})`);
  if (opset < SUPPORTED_OPSETS.min || opset > SUPPORTED_OPSETS.max) {
    throw new OnnxImportError(
      'PF_ERR_UNSUPPORTED_OPSET',
      `model uses opset ${opset} of ${DEFAULT_DOMAIN}; supported: ${SUPPORTED_OPSETS.min}–${SUPPORTED_OPSETS.max}`,
      { details: { domain: DEFAULT_DOMAIN, opset } },
    );
  }
  const opsets = [...byDomain].map(([domain, version]) => ({ domain, version }));
  return { irVersion, opsets, opset };
}
