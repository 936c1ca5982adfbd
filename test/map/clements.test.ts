import { describe } from 'node:test';
import { defaultDecomposers } from '../../src/map/index.js';
import { runDecomposerSuite } from './decomposer.case.js';

// Clements et al. 2016: depth N for N ≥ 3 (N = 2: one MZI, N = 1: none).
describe('clements', () => runDecomposerSuite(defaultDecomposers.clements, (N) => (N === 1 ? 0 : N === 2 ? 1 : N)));
