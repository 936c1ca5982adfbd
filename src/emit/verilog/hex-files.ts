/**
 * The controller's data files, generated line by line into a text sink (a file descriptor or a string buffer),
 * so a large schedule never needs more than one step's codes in memory:
 *
 * codes.hex (the code ROM, $readmemh): one word per line, ⌈codeW/4⌉ hex digits, every schedule step's bank
 * image in step order (the step's core channels, bank order of code-plan.ts); a `//` comment line before each
 * step names it and its ROM address. Step s starts at the sum of the earlier steps' channel counts.
 *
 * expected_codes.hex (the testbench's reference): one DAC word per line, in the order the DACs must receive
 * them, as ⌈(dacW + chW + codeW)/4⌉ hex digits of {DAC index (dacW bits), channel address (chW), code (codeW)}:
 * step 0's full bank, then the testbench's SPI overwrites (each written through to its DAC), then steps 1 … S−1.
 */
import type { CircuitIR } from '../../ir/circuit.js';
import type { Pdk } from '../../pdk/types.js';
import { stepCodes } from './code-plan.js';
import type { ControllerDesign } from './design.js';

export interface TextSink {
  write(chunk: string): void;
}

/** Collects lines and hands them to the sink in chunks of about 64 KiB. */
class LineWriter {
  private lines: string[] = [];
  private chars = 0;
  constructor(private readonly sink: TextSink) {}
  line(text: string): void {
    this.lines.push(text);
    this.chars += text.length + 1;
    if (this.chars >= 65_536) this.flush();
  }
  flush(): void {
    if (this.lines.length === 0) return;
    this.sink.write(this.lines.join('\n') + '\n');
    this.lines = [];
    this.chars = 0;
  }
}

/** A host SPI overwrite the testbench performs at step 0 (bank address, new code). */
export interface SpiOverwrite {
  readonly address: number;
  readonly code: number;
}

export interface TestbenchPlan {
  readonly overwrites: readonly SpiOverwrite[];
  /** Bank address the testbench reads back over SPI (one of the overwritten ones). */
  readonly readbackAddress: number;
  readonly readbackCode: number;
  /** DAC words in expected_codes.hex. */
  readonly dacWords: number;
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}

/**
 * The testbench's overwrites: the first, middle and last bank address of step 0's core, each set to its code
 * with every bit inverted (so it always differs); the middle one is read back.
 */
export function planTestbench(circuit: CircuitIR, pdk: Pdk, d: ControllerDesign): TestbenchPlan {
  const core0 = d.plan.cores[d.plan.stepCore[0]];
  const codes = new Uint32Array(core0.channels);
  stepCodes(circuit, 0, pdk, codes);
  const max = 2 ** d.codeW - 1;
  const addresses = [...new Set([0, Math.floor(core0.channels / 2), core0.channels - 1])];
  const overwrites = addresses.map((address) => ({ address, code: max - codes[address] }));
  const readback = overwrites[Math.floor(overwrites.length / 2)];
  let dacWords = overwrites.length;
  for (let s = 0; s < d.plan.steps; s++) dacWords += d.plan.cores[d.plan.stepCore[s]].channels;
  return { overwrites, readbackAddress: readback.address, readbackCode: readback.code, dacWords };
}

/** Writes codes.hex into `sink`. */
export function writeCodesHex(circuit: CircuitIR, pdk: Pdk, d: ControllerDesign, sink: TextSink): void {
  const out = new LineWriter(sink);
  const digits = Math.ceil(d.codeW / 4);
  out.line(`// codes.hex: code ROM of photonic_controller, ${d.plan.romWords} words of ${d.codeW} bits (hex), every step's bank image in step order`);
  const codes = new Uint32Array(d.plan.bankWords);
  let base = 0;
  circuit.schedule.steps.forEach((s, i) => {
    const n = stepCodes(circuit, i, pdk, codes);
    out.line(`// step ${i}: layer ${s.layer} tile ${s.tile}, core ${s.core}, ${n} words from ROM address ${base}`);
    for (let k = 0; k < n; k++) out.line(hex(codes[k], digits));
    base += n;
  });
  out.flush();
}

/** Writes expected_codes.hex into `sink`. */
export function writeExpectedHex(circuit: CircuitIR, pdk: Pdk, d: ControllerDesign, tb: TestbenchPlan, sink: TextSink): void {
  const out = new LineWriter(sink);
  const digits = Math.ceil((d.dacW + d.chW + d.codeW) / 4);
  const chans = d.options.dacChannels;
  const word = (dacBase: number, address: number, code: number): string =>
    hex((dacBase + Math.floor(address / chans)) * 2 ** (d.chW + d.codeW) + (address % chans) * 2 ** d.codeW + code, digits);
  out.line(`// expected_codes.hex: ${tb.dacWords} DAC words {dac[${d.dacW}], channel[${d.chW}], code[${d.codeW}]} in the order tb_controller must capture them`);
  const codes = new Uint32Array(d.plan.bankWords);
  circuit.schedule.steps.forEach((s, i) => {
    const core = d.plan.cores[d.plan.stepCore[i]];
    const n = stepCodes(circuit, i, pdk, codes);
    out.line(`// step ${i}: layer ${s.layer} tile ${s.tile}, core ${s.core}, DACs ${core.dacBase}-${core.dacBase + core.dacs - 1}`);
    for (let k = 0; k < n; k++) out.line(word(core.dacBase, k, codes[k]));
    if (i === 0) {
      out.line('// SPI overwrites at step 0, each written through to its DAC');
      for (const o of tb.overwrites) out.line(word(core.dacBase, o.address, o.code));
    }
  });
  out.flush();
}
