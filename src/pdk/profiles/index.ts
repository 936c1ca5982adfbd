/**
 * The built-in PDK profiles, in listing order; the first is the default. Each is plain `Pdk` data and is
 * validated by parsePdk whenever it is loaded (test/pdk checks that every one validates).
 */
import type { Pdk } from '../types.js';
import { SIN_LOWLOSS } from './sin-lowloss.js';
import { SOI_MEMS } from './soi-mems.js';
import { SOI_THERMO } from './soi-thermo.js';

export const BUILTIN_PROFILES: readonly Pdk[] = [SOI_THERMO, SOI_MEMS, SIN_LOWLOSS];
