import { describe } from 'node:test';
import { defaultDecomposers } from '../../src/map/index.js';
import { runDecomposerSuite } from './decomposer.case.js';

// Reck et al. 1994: triangular, depth 2N − 3 for N ≥ 2.
describe('reck', () => runDecomposerSuite(defaultDecomposers.reck, (N) => (N === 1 ? 0 : 2 * N - 3)));
