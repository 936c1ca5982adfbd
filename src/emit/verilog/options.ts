/**
 * Options of the Verilog controller emitter, their defaults and their validation (done once, on entry to
 * emitVerilog). Hardware figures carry their unit in the name (clockMhz: the controller clock, MHz).
 */
import { InvalidInputError } from '../../core/errors.js';

export type RomKind = 'on-chip' | 'external';

export interface VerilogOptions {
  /**
   * Controller clock, MHz (integer; default 100). Sets the default of the CLK_MHZ parameter, from which the
   * settle time in cycles is derived, and the testbench clock.
   */
  readonly clockMhz?: number;
  /** Channels of one serial DAC, a power of two ≥ 2 (default 16): the channel address has log2 of it bits. */
  readonly dacChannels?: number;
  /** DAC serial clock divider: SCLK high and low phases last this many controller cycles each (default 2). */
  readonly dacClockDiv?: number;
  /**
   * Largest code ROM kept on chip, words (default 16,384). A schedule with more codes gets the external
   * memory interface instead of an on-chip `$readmemh` ROM.
   */
  readonly romMaxWords?: number;
  /** Force the ROM kind ('auto', the default, applies romMaxWords). */
  readonly rom?: RomKind | 'auto';
}

export interface ResolvedVerilogOptions {
  readonly clockMhz: number;
  readonly dacChannels: number;
  readonly dacClockDiv: number;
  readonly romMaxWords: number;
  readonly rom: RomKind | 'auto';
}

export const DEFAULT_VERILOG_OPTIONS: ResolvedVerilogOptions = {
  clockMhz: 100,
  dacChannels: 16,
  dacClockDiv: 2,
  romMaxWords: 16_384,
  rom: 'auto',
};

function checkInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidInputError(`verilog: ${name} must be an integer from ${min} to ${max}, got ${value}`, { stage: 'emit' });
  }
}

/** Options with defaults filled in; throws InvalidInputError (stage 'emit') naming a bad field. */
export function resolveVerilogOptions(options: VerilogOptions = {}): ResolvedVerilogOptions {
  const o = { ...DEFAULT_VERILOG_OPTIONS, ...options };
  checkInteger('clockMhz', o.clockMhz, 1, 4000);
  checkInteger('dacChannels', o.dacChannels, 2, 65_536);
  if ((o.dacChannels & (o.dacChannels - 1)) !== 0) {
    throw new InvalidInputError(`verilog: dacChannels must be a power of two, got ${o.dacChannels}`, { stage: 'emit' });
  }
  checkInteger('dacClockDiv', o.dacClockDiv, 1, 65_535);
  checkInteger('romMaxWords', o.romMaxWords, 0, 2 ** 31);
  if (o.rom !== 'auto' && o.rom !== 'on-chip' && o.rom !== 'external') {
    throw new InvalidInputError(`verilog: rom must be 'auto', 'on-chip' or 'external', got '${String(o.rom)}'`, { stage: 'emit' });
  }
  return o;
}
