/**
 * pf_dac_streamer: the DAC streaming sequencer. Serial DACs share SCLK and DIN; each DAC has its own active-low
 * chip select. For every bank address i in [first, last] it reads the code from the bank and sends one frame to
 * DAC dac_base + ⌊i / channelsPerDac⌋:
 *   CS_n low; (chW + codeW) bits MSB first — channel address i mod channelsPerDac (chW bits), then the code;
 *   DIN changes while SCLK is low and is sampled by the DAC on SCLK rising edges (SPI mode 0); SCLK idles low;
 *   CS_n rises one SCLK phase after the last falling edge (the DAC latches the word), then stays high for
 *   one phase before the next frame.
 * Every SCLK phase (setup, high, low, tail, gap) lasts CLK_DIV controller cycles (0 counts as 1), so a frame
 * takes about (2·(chW + codeW) + 2)·CLK_DIV + 3 cycles and f_SCLK = f_clk / (2·CLK_DIV).
 */
import { fileHeader, lit, shiftLeft1, zext, type ControllerDesign } from './design.js';

export function dacStreamerVerilog(d: ControllerDesign): string {
  const { addrW: A, codeW: W, dacW: D, chW: C, dacFrameW: F } = d;
  const nDac = d.plan.dacs;
  const bitW = Math.ceil(Math.log2(F + 1));
  // channel address and DAC offset of bank address idx
  const chan = A >= C ? `idx[${C - 1}:0]` : zext('idx', A, C);
  const offset = A > C ? zext(`idx[${A - 1}:${C}]`, A - C, D) : lit(D, 0);
  const one = nDac === 1 ? "1'b1" : `{${lit(nDac - 1, 0)}, 1'b1}`;
  const allHigh = `{${nDac}{1'b1}}`;
  return `${fileHeader('pf_dac_streamer: streams bank codes to serial DACs (shared SCLK/DIN, one CS_n per DAC).', [
    `Frame, MSB first: [${F - 1}:${W}] channel address (${C} bits, ${d.options.dacChannels} channels per DAC), [${W - 1}:0] code (${W} bits).`,
    `${nDac} DAC${nDac === 1 ? '' : 's'}; SCLK idles low, DIN changes while SCLK is low, the DAC samples on SCLK rising edges and`,
    'latches on CS_n rising. Each SCLK phase lasts CLK_DIV clk cycles.',
  ])}
\`default_nettype none

module pf_dac_streamer #(
  parameter [15:0] CLK_DIV = 16'd${d.options.dacClockDiv}
) (
  input  wire         clk,
  input  wire         rst_n,
  input  wire         start,      // one cycle: stream bank addresses first ... last
  input  wire [${A - 1}:0] first,
  input  wire [${A - 1}:0] last,
  input  wire [${D - 1}:0] dac_base,   // DAC of bank address 0
  output wire         rd_req,     // bank read request (held until granted)
  output wire [${A - 1}:0] rd_addr,
  input  wire         rd_gnt,
  input  wire [${W - 1}:0] rd_data,    // valid the cycle after a grant
  output reg          done,       // one cycle after the last frame
  output reg          sclk,
  output reg          din,
  output reg  [${nDac - 1}:0] cs_n
);
  localparam [2:0] T_IDLE = 3'd0, T_FETCH = 3'd1, T_CAPTURE = 3'd2, T_SETUP = 3'd3,
                   T_HIGH = 3'd4, T_LOW = 3'd5, T_TAIL = 3'd6, T_GAP = 3'd7;
  localparam [${bitW - 1}:0] LAST_BIT = ${lit(bitW, F - 1)};

  reg  [2:0] st;
  reg  [${A - 1}:0] idx;
  reg  [${A - 1}:0] last_q;
  reg  [${D - 1}:0] base_q;
  reg  [${F - 1}:0] sh;
  reg  [${bitW - 1}:0] nbit;
  reg  [15:0] tick;
  wire        tick_end = (tick + 16'd1) >= CLK_DIV;
  wire [${C - 1}:0] chan = ${chan};
  wire [${D - 1}:0] dac_sel = base_q + ${offset};
  wire [${F - 1}:0] frame = {chan, rd_data};

  assign rd_req = (st == T_FETCH);
  assign rd_addr = idx;

  always @(posedge clk) begin
    if (!rst_n) begin
      st <= T_IDLE;
      idx <= ${lit(A, 0)};
      last_q <= ${lit(A, 0)};
      base_q <= ${lit(D, 0)};
      sh <= ${lit(F, 0)};
      nbit <= ${lit(bitW, 0)};
      tick <= 16'd0;
      done <= 1'b0;
      sclk <= 1'b0;
      din <= 1'b0;
      cs_n <= ${allHigh};
    end else begin
      done <= 1'b0;
      case (st)
        T_IDLE:
          if (start) begin
            idx <= first;
            last_q <= last;
            base_q <= dac_base;
            st <= T_FETCH;
          end
        T_FETCH:
          if (rd_gnt) st <= T_CAPTURE;
        T_CAPTURE: begin
          din <= frame[${F - 1}];
          sh <= ${shiftLeft1('frame', F)};
          nbit <= ${lit(bitW, 0)};
          tick <= 16'd0;
          cs_n <= ~(${one} << dac_sel);
          st <= T_SETUP;
        end
        T_SETUP, T_LOW:
          if (tick_end) begin
            tick <= 16'd0;
            sclk <= 1'b1;
            st <= T_HIGH;
          end else tick <= tick + 16'd1;
        T_HIGH:
          if (tick_end) begin
            tick <= 16'd0;
            sclk <= 1'b0;
            if (nbit == LAST_BIT) st <= T_TAIL;
            else begin
              din <= sh[${F - 1}];
              sh <= ${shiftLeft1('sh', F)};
              nbit <= nbit + ${lit(bitW, 1)};
              st <= T_LOW;
            end
          end else tick <= tick + 16'd1;
        T_TAIL:
          if (tick_end) begin
            tick <= 16'd0;
            cs_n <= ${allHigh};
            st <= T_GAP;
          end else tick <= tick + 16'd1;
        default: // T_GAP
          if (tick_end) begin
            tick <= 16'd0;
            if (idx == last_q) begin
              done <= 1'b1;
              st <= T_IDLE;
            end else begin
              idx <= idx + ${lit(A, 1)};
              st <= T_FETCH;
            end
          end else tick <= tick + 16'd1;
      endcase
    end
  end
endmodule

\`default_nettype wire
`;
}
