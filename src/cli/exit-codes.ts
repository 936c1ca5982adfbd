/**
 * The CLI's exit codes, for every command (documented in README.md and docs/errors.md):
 *   0 ok · 1 a check ran and found problems · 2 unusable input or usage · 3 the model has unsupported nodes
 * The only place where library errors become exit codes.
 */
import { FoundryError } from '../core/errors.js';

export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_UNSUPPORTED = 3;
/** A bug in the tool (an error that is not a FoundryError). */
export const EXIT_INTERNAL = 70;

export function exitCodeFor(err: unknown): number {
  if (!(err instanceof FoundryError)) return EXIT_INTERNAL;
  switch (err.code) {
    case 'PF_ERR_UNSUPPORTED_OP':
    case 'PF_ERR_UNSUPPORTED_OPSET':
      return EXIT_UNSUPPORTED;
    case 'PF_ERR_INTERNAL':
      return EXIT_INTERNAL;
    default:
      return EXIT_BAD_INPUT;
  }
}
