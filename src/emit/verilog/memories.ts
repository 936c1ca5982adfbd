/**
 * The controller's two memories as Verilog-2005 modules:
 *   pf_code_bank  the phase register bank of the active core: one word per phase shifter / attenuator, one
 *                 synchronous write port and one synchronous read port (read-before-write), no reset
 *                 (contents are undefined until the first step is loaded);
 *   pf_code_rom   the on-chip code ROM, initialised from codes.hex by $readmemh, behind the same request /
 *                 valid handshake as the external memory interface (a read request is answered one cycle later).
 */
import { CODES_FILE, fileHeader, type ControllerDesign } from './design.js';

export function codeBankVerilog(d: ControllerDesign): string {
  const { addrW: A, codeW: W } = d;
  return `${fileHeader('pf_code_bank: phase register bank of the active core (DAC codes in bank order).', [
    `${d.plan.bankWords} words of ${W} bits (the largest core); write port and read port both synchronous;`,
    'a read in the cycle of a write to the same address returns the old word.',
  ])}
\`default_nettype none

module pf_code_bank (
  input  wire         clk,
  input  wire         we,
  input  wire [${A - 1}:0] waddr,
  input  wire [${W - 1}:0] wdata,
  input  wire [${A - 1}:0] raddr,
  output reg  [${W - 1}:0] rdata
);
  reg [${W - 1}:0] mem [0:${d.plan.bankWords - 1}];

  always @(posedge clk) begin
    if (we) mem[waddr] <= wdata;
    rdata <= mem[raddr];
  end
endmodule

\`default_nettype wire
`;
}

export function codeRomVerilog(d: ControllerDesign): string {
  const { romAw: A, codeW: W } = d;
  return `${fileHeader('pf_code_rom: on-chip code ROM, every schedule step\'s bank image in step order.', [
    `${d.plan.romWords} words of ${W} bits from ${CODES_FILE} ($readmemh, path relative to the simulator's or`,
    'synthesis tool\'s working directory: ROM_FILE). Handshake: a one-cycle `rd` with `addr` is answered by a',
    'one-cycle `valid` with `data` in the next cycle.',
  ])}
\`default_nettype none

module pf_code_rom #(
  parameter ROM_FILE = "${CODES_FILE}"
) (
  input  wire         clk,
  input  wire         rst_n,
  input  wire         rd,
  input  wire [${A - 1}:0] addr,
  output reg          valid,
  output reg  [${W - 1}:0] data
);
  reg [${W - 1}:0] rom [0:${d.plan.romWords - 1}];

  initial $readmemh(ROM_FILE, rom);

  always @(posedge clk) begin
    if (!rst_n) valid <= 1'b0;
    else valid <= rd;
    if (rd) data <= rom[addr];
  end
endmodule

\`default_nettype wire
`;
}
