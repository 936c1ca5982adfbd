/**
 * pf_spi_slave: the host interface, an SPI mode-0 slave (CPOL = 0, CPHA = 0: MOSI sampled on SCLK rising
 * edges, MISO changed on falling edges), oversampled in the controller clock domain (SCLK, CS_n and MOSI each
 * pass a two-flip-flop synchroniser), so f_SCLK must stay ≤ f_clk / 12.
 *
 * Frame (CS_n low, MSB first): 1 read/write bit (1 = write, 0 = read), the bank address (addrW bits), the code
 * (codeW bits). A write takes effect when the last code bit has been clocked in (a frame cut short by CS_n
 * rising is dropped; bits after a full frame are ignored). In a read frame the host's code bits are ignored and
 * MISO carries the addressed code, MSB first, from the falling edge after the last address bit; MISO is 0
 * otherwise. The module pulses `rd` (after the address) and `wr` (after the code) for one cycle; the owner of
 * the bank answers `rd` with `rvalid` + `rdata` (one cycle later in photonic_controller).
 */
import { fileHeader, lit, shiftLeft1, type ControllerDesign } from './design.js';

export function spiSlaveVerilog(d: ControllerDesign): string {
  const { addrW: A, codeW: W, spiFrameW: F } = d;
  const cntW = Math.ceil(Math.log2(F + 1));
  return `${fileHeader('pf_spi_slave: host SPI slave, mode 0, read/overwrite codes of the active bank.', [
    `Frame, MSB first: [${F - 1}] write (1) / read (0), [${F - 2}:${W}] bank address (${A} bits), [${W - 1}:0] code (${W} bits).`,
    'SCLK, CS_n and MOSI are synchronised to clk: f_SCLK <= f_clk / 12. MISO is driven (not tri-stated).',
  ])}
\`default_nettype none

module pf_spi_slave (
  input  wire         clk,
  input  wire         rst_n,
  input  wire         sclk,
  input  wire         cs_n,
  input  wire         mosi,
  output reg          miso,
  output reg          wr,
  output reg          rd,
  output reg  [${A - 1}:0] addr,
  output reg  [${W - 1}:0] wdata,
  input  wire         rvalid,
  input  wire [${W - 1}:0] rdata
);
  localparam [${cntW - 1}:0] HEADER_LAST = ${lit(cntW, A)};
  localparam [${cntW - 1}:0] FRAME_LAST = ${lit(cntW, F - 1)};
  localparam [${cntW - 1}:0] FRAME_BITS = ${lit(cntW, F)};

  reg  [2:0] sclk_s;               // [0], [1]: synchroniser; [2]: previous sample (edge detection)
  reg  [1:0] cs_s;
  reg  [1:0] mosi_s;
  reg  [${cntW - 1}:0] nbits;      // bits received in this frame
  reg  [${F - 2}:0] shift_in;
  reg         is_read;             // a read frame, after its address
  reg  [${W - 1}:0] shift_out;
  wire [${F - 1}:0] next_in = {shift_in, mosi_s[1]};
  wire        rise = sclk_s[1] & ~sclk_s[2];
  wire        fall = ~sclk_s[1] & sclk_s[2];
  wire        selected = ~cs_s[1];

  always @(posedge clk) begin
    if (!rst_n) begin
      sclk_s <= 3'b000;
      cs_s <= 2'b11;
      mosi_s <= 2'b00;
      nbits <= ${lit(cntW, 0)};
      shift_in <= ${lit(F - 1, 0)};
      is_read <= 1'b0;
      shift_out <= ${lit(W, 0)};
      miso <= 1'b0;
      wr <= 1'b0;
      rd <= 1'b0;
      addr <= ${lit(A, 0)};
      wdata <= ${lit(W, 0)};
    end else begin
      sclk_s <= {sclk_s[1:0], sclk};
      cs_s <= {cs_s[0], cs_n};
      mosi_s <= {mosi_s[0], mosi};
      wr <= 1'b0;
      rd <= 1'b0;
      if (rvalid) shift_out <= rdata;
      if (!selected) begin
        nbits <= ${lit(cntW, 0)};
        is_read <= 1'b0;
        miso <= 1'b0;
      end else begin
        if (rise && nbits != FRAME_BITS) begin
          shift_in <= next_in[${F - 2}:0];
          nbits <= nbits + ${lit(cntW, 1)};
          if (nbits == HEADER_LAST) begin
            addr <= next_in[${A - 1}:0];
            is_read <= ~next_in[${A}];
            rd <= ~next_in[${A}];
          end
          if (nbits == FRAME_LAST) begin
            wdata <= next_in[${W - 1}:0];
            wr <= next_in[${F - 1}];
          end
        end
        if (fall && is_read && nbits != FRAME_BITS) begin
          miso <= shift_out[${W - 1}];
          shift_out <= ${shiftLeft1('shift_out', W)};
        end
      end
    end
  end
endmodule

\`default_nettype wire
`;
}
