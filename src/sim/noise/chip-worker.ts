/**
 * Worker-thread entry of a Monte-Carlo run (monte-carlo.ts): runs the (configuration, chip) jobs it was given
 * and posts each chip's result (outputs transferred, not copied), progress per batch, or one error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FoundryError } from '../../core/errors.js';
import { runAssignments, type WorkerInput, type WorkerMessage } from './monte-carlo.js';

const port = parentPort!;
const post = (msg: WorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(msg, transfer);

try {
  runAssignments(
    workerData as WorkerInput,
    (samples) => post({ type: 'progress', samples }),
    (config, result) => post({ type: 'done', config, result }, [result.outputs.buffer as ArrayBuffer]),
    () => post({ type: 'ready' }),
  );
} catch (err) {
  post({ type: 'error', code: err instanceof FoundryError ? err.code : null, message: err instanceof Error ? err.message : String(err) });
}
