/**
 * photonic_controller: the top of the generated controller — the schedule FSM with its step tables, wired to
 * the phase register bank, the code ROM (on chip) or the external memory interface, the SPI host slave and the
 * DAC streamer.
 *
 * Schedule FSM, per step (steps in schedule order; every step loads its core's codes from the ROM):
 *   LOAD    read the step's bank image (core channels words from ROM address romBase) into the bank, one word
 *           per request/valid handshake (the next request leaves with the write: 1 + latency cycles per word);
 *   STREAM  send every bank word to its DAC (pf_dac_streamer);
 *   SETTLE  wait SETTLE_CYCLES = ⌈SETTLE_NS · CLK_MHZ / 1000⌉ cycles (SETTLE_NS: the PDK's phase-shifter
 *           response time);
 *   READY   `ready` high: the optical passes run; every `pass_done` pulse while `ready` counts one pass; after
 *           passesPerSample · max(samples, 1) passes (conv time multiplexing: one pass per output position and
 *           sample) the FSM moves to the next step, or to DONE after the last.
 * Host writes (SPI) go into the bank at once (SPI has priority on the bank ports). From the first step on, a
 * written word is also written through to its DAC: the FSM, when in READY or DONE, drops `ready`, streams that
 * word, settles again and returns. A write during LOAD / STREAM / SETTLE is written through before the next
 * READY (two different pending addresses re-stream the whole bank); a word written during LOAD may be
 * overwritten by the load itself, so hosts write while `ready` is high or after `done`.
 * `error` (sticky, cleared by reset or `start`): an SPI access to an address outside the active core's bank
 * (the write is dropped, a read returns 0).
 */
import { fileHeader, lit, SAMPLES_W, TOP_MODULE, zext, type ControllerDesign } from './design.js';

function caseTable(select: string, width: number, rows: readonly string[], fallback: string): string {
  return [
    `    case (${select})`,
    ...rows.map((r, i) => `      ${lit(width, i)}: begin ${r} end`),
    `      default: begin ${fallback} end`,
    '    endcase',
  ].join('\n');
}

export function controllerVerilog(d: ControllerDesign): string {
  const { plan, addrW: A, codeW: W, romAw: R, stepW: S, runW: RU, runStepW: RS, coreW: CO, passW: P, dacW: D } = d;
  const external = d.rom === 'external';
  const nDac = plan.dacs;

  const runRows = plan.runs.map(
    (r) => `run_core = ${lit(CO, r.coreIndex)}; run_steps_m1 = ${lit(RS, r.steps - 1)}; run_passes_m1 = ${lit(P, r.passesPerSample - 1)};`,
  );
  const coreRows = plan.cores.map((c) => `core_last = ${lit(A, c.channels - 1)}; core_dac_base = ${lit(D, c.dacBase)};`);
  const start = [
    `step <= ${lit(S, 0)};`,
    `run <= ${lit(RU, 0)};`,
    `run_step <= ${lit(RS, 0)};`,
    `rom_base <= ${lit(R, 0)};`,
    `ld_idx <= ${lit(A, 0)};`,
    `pass_cnt <= ${lit(P, 0)};`,
    `sample_cnt <= ${lit(SAMPLES_W, 0)};`,
    "wt_pending <= 1'b0;",
    "wt_all <= 1'b0;",
    "in_done <= 1'b0;",
    "done <= 1'b0;",
    "error <= 1'b0;",
    'state <= S_LOAD_REQ;',
  ];
  const writeThrough = (indent: string): string =>
    [
      'if (wt_all) begin',
      "  wt_all <= 1'b0;",
      "  wt_pending <= 1'b0;",
      `  st_first <= ${lit(A, 0)};`,
      '  st_last <= core_last;',
      '  state <= S_STREAM_GO;',
      'end else if (wt_pending) begin',
      "  wt_pending <= 1'b0;",
      '  st_first <= wt_addr;',
      '  st_last <= wt_addr;',
      '  state <= S_STREAM_GO;',
      'end',
    ]
      .map((l) => indent + l)
      .join('\n');
  const ind = (lines: readonly string[], indent: string): string => lines.map((l) => indent + l).join('\n');

  const memPorts = external
    ? `,
  // external code memory (request/valid): one outstanding read; mem_addr is held until mem_valid
  output reg          mem_rd,
  output reg  [${R - 1}:0] mem_addr,
  input  wire         mem_valid,
  input  wire [${W - 1}:0] mem_rdata`
    : '';
  const romInstance = external
    ? ''
    : `
  // on-chip code ROM (${plan.romWords} words, codes.hex)
  reg          mem_rd;
  reg  [${R - 1}:0] mem_addr;
  wire         mem_valid;
  wire [${W - 1}:0] mem_rdata;
  pf_code_rom u_rom (
    .clk(clk), .rst_n(rst_n), .rd(mem_rd), .addr(mem_addr), .valid(mem_valid), .data(mem_rdata)
  );
`;

  const header = fileHeader(`${TOP_MODULE}: DAC-code controller of a compiled photonic circuit.`, [
    `${plan.steps} schedule step${plan.steps === 1 ? '' : 's'} on ${plan.cores.length} core${plan.cores.length === 1 ? '' : 's'}; bank ${plan.bankWords} words x ${W} bits;`,
    `code ROM ${plan.romWords} words (${external ? 'external memory interface' : 'on chip, codes.hex'}); ${nDac} serial DAC${nDac === 1 ? '' : 's'} of ${d.options.dacChannels} channels.`,
    'Interfaces, frames and the bank order: README.md beside this file.',
  ]);

  return `${header}
\`default_nettype none

module ${TOP_MODULE} #(
  parameter [31:0] CLK_MHZ = 32'd${d.options.clockMhz},      // clk frequency, MHz
  parameter [31:0] SETTLE_NS = 32'd${d.settleNs},    // phase-shifter response time (PDK), ns
  parameter [15:0] DAC_CLK_DIV = 16'd${d.options.dacClockDiv}    // DAC SCLK phase length, clk cycles
) (
  input  wire         clk,
  input  wire         rst_n,      // synchronous, active low
  // schedule
  input  wire         start,      // one cycle: run the schedule from step 0 (ignored while busy)
  input  wire [${SAMPLES_W - 1}:0] samples,    // samples per batch (0 counts as 1)
  input  wire         pass_done,  // one cycle per finished optical pass (counted while ready)
  output wire         ready,      // the active step's phases are set and settled
  output wire         busy,       // a schedule (or a write-through) is running
  output reg          done,       // the last step has finished (until the next start)
  output reg          error,      // sticky: SPI access outside the active bank
  output reg  [${S - 1}:0] step,       // index of the active schedule step
  // host SPI slave (mode 0)
  input  wire         spi_sclk,
  input  wire         spi_cs_n,
  input  wire         spi_mosi,
  output wire         spi_miso,
  // serial DACs: shared SCLK and DIN, one chip select per DAC
  output wire         dac_sclk,
  output wire         dac_din,
  output wire [${nDac - 1}:0] dac_cs_n${memPorts}
);
  localparam [31:0] SETTLE_RAW = (SETTLE_NS * CLK_MHZ + 32'd999) / 32'd1000;
  localparam [31:0] SETTLE_CYCLES = (SETTLE_RAW == 32'd0) ? 32'd1 : SETTLE_RAW;
  localparam [${S - 1}:0] LAST_STEP = ${lit(S, plan.steps - 1)};

  localparam [3:0] S_IDLE = 4'd0, S_LOAD_REQ = 4'd1, S_LOAD_WAIT = 4'd2, S_LOAD_WR = 4'd3,
                   S_STREAM_GO = 4'd4, S_STREAM = 4'd5, S_SETTLE = 4'd6, S_READY = 4'd7, S_DONE = 4'd8;

  reg  [3:0] state;
  reg  [${RU - 1}:0] run;          // run of consecutive steps with one core and one pass count
  reg  [${RS - 1}:0] run_step;     // step inside the run
  reg  [${R - 1}:0] rom_base;     // ROM address of the active step's bank image
  reg  [${A - 1}:0] ld_idx;
  reg  [${W - 1}:0] ld_data;
  reg  [31:0] settle_cnt;
  reg  [${P - 1}:0] pass_cnt;
  reg  [${SAMPLES_W - 1}:0] sample_cnt;
  reg          wt_pending;         // a host write waits to be written through to its DAC
  reg          wt_all;             // several did: re-stream the whole bank
  reg  [${A - 1}:0] wt_addr;
  reg          in_done;            // the write-through after DONE returns to DONE
  reg          st_start;
  reg  [${A - 1}:0] st_first;
  reg  [${A - 1}:0] st_last;

  // step tables: per run its core, steps - 1 and passes per sample - 1; per core its last bank address and first DAC
  reg  [${CO - 1}:0] run_core;
  reg  [${RS - 1}:0] run_steps_m1;
  reg  [${P - 1}:0] run_passes_m1;
  always @* begin
${caseTable('run', RU, runRows, `run_core = ${lit(CO, 0)}; run_steps_m1 = ${lit(RS, 0)}; run_passes_m1 = ${lit(P, 0)};`)}
  end
  reg  [${A - 1}:0] core_last;
  reg  [${D - 1}:0] core_dac_base;
  always @* begin
${caseTable('run_core', CO, coreRows, `core_last = ${lit(A, 0)}; core_dac_base = ${lit(D, 0)};`)}
  end
${romInstance}
  // host SPI slave
  wire         spi_wr;
  wire         spi_rd;
  wire [${A - 1}:0] spi_addr;
  wire [${W - 1}:0] spi_wdata;
  reg          spi_rvalid;
  reg          spi_rok;
  wire [${W - 1}:0] bank_rdata;
  wire         spi_addr_ok = (spi_addr <= core_last);
  wire [${W - 1}:0] spi_rdata = spi_rok ? bank_rdata : ${lit(W, 0)};
  pf_spi_slave u_spi (
    .clk(clk), .rst_n(rst_n), .sclk(spi_sclk), .cs_n(spi_cs_n), .mosi(spi_mosi), .miso(spi_miso),
    .wr(spi_wr), .rd(spi_rd), .addr(spi_addr), .wdata(spi_wdata), .rvalid(spi_rvalid), .rdata(spi_rdata)
  );

  // phase register bank: SPI first on both ports
  wire         spi_we = spi_wr & spi_addr_ok;
  wire         ld_direct = (state == S_LOAD_WAIT) & mem_valid;
  wire         ld_we = ((state == S_LOAD_WR) | ld_direct) & ~spi_we;
  wire         st_rd_req;
  wire [${A - 1}:0] st_rd_addr;
  wire         st_rd_gnt = st_rd_req & ~spi_rd;
  pf_code_bank u_bank (
    .clk(clk), .we(spi_we | ld_we), .waddr(spi_we ? spi_addr : ld_idx), .wdata(spi_we ? spi_wdata : (ld_direct ? mem_rdata : ld_data)),
    .raddr(spi_rd ? spi_addr : st_rd_addr), .rdata(bank_rdata)
  );

  // DAC streamer
  wire         st_done;
  pf_dac_streamer #(.CLK_DIV(DAC_CLK_DIV)) u_dac (
    .clk(clk), .rst_n(rst_n), .start(st_start), .first(st_first), .last(st_last), .dac_base(core_dac_base),
    .rd_req(st_rd_req), .rd_addr(st_rd_addr), .rd_gnt(st_rd_gnt), .rd_data(bank_rdata), .done(st_done),
    .sclk(dac_sclk), .din(dac_din), .cs_n(dac_cs_n)
  );

  assign ready = (state == S_READY) & ~wt_pending & ~wt_all;
  assign busy = (state != S_IDLE) & (state != S_DONE);
  wire         pass_ok = ready & pass_done;
  wire [${SAMPLES_W - 1}:0] samples_m1 = (samples == ${lit(SAMPLES_W, 0)}) ? ${lit(SAMPLES_W, 0)} : samples - ${lit(SAMPLES_W, 1)};
  wire [${R - 1}:0] core_words = ${zext('core_last', A, R)} + ${lit(R, 1)};

  always @(posedge clk) begin
    if (!rst_n) begin
      state <= S_IDLE;
      step <= ${lit(S, 0)};
      run <= ${lit(RU, 0)};
      run_step <= ${lit(RS, 0)};
      rom_base <= ${lit(R, 0)};
      ld_idx <= ${lit(A, 0)};
      ld_data <= ${lit(W, 0)};
      settle_cnt <= 32'd0;
      pass_cnt <= ${lit(P, 0)};
      sample_cnt <= ${lit(SAMPLES_W, 0)};
      wt_pending <= 1'b0;
      wt_all <= 1'b0;
      wt_addr <= ${lit(A, 0)};
      in_done <= 1'b0;
      st_start <= 1'b0;
      st_first <= ${lit(A, 0)};
      st_last <= ${lit(A, 0)};
      mem_rd <= 1'b0;
      mem_addr <= ${lit(R, 0)};
      spi_rvalid <= 1'b0;
      spi_rok <= 1'b0;
      done <= 1'b0;
      error <= 1'b0;
    end else begin
      mem_rd <= 1'b0;
      st_start <= 1'b0;
      spi_rvalid <= spi_rd;
      spi_rok <= spi_rd & spi_addr_ok;
      case (state)
        S_IDLE:
          if (start) begin
${ind(start, '            ')}
          end
        S_LOAD_REQ: begin
          mem_rd <= 1'b1;
          mem_addr <= rom_base + ${zext('ld_idx', A, R)};
          state <= S_LOAD_WAIT;
        end
        S_LOAD_WAIT:
          // the word goes straight into the bank (and the next read is issued) unless SPI holds the write port
          if (mem_valid) begin
            if (spi_we) begin
              ld_data <= mem_rdata;
              state <= S_LOAD_WR;
            end else if (ld_idx == core_last) begin
              st_first <= ${lit(A, 0)};
              st_last <= core_last;
              state <= S_STREAM_GO;
            end else begin
              ld_idx <= ld_idx + ${lit(A, 1)};
              mem_rd <= 1'b1;
              mem_addr <= mem_addr + ${lit(R, 1)};
            end
          end
        S_LOAD_WR:
          if (!spi_we) begin
            if (ld_idx == core_last) begin
              st_first <= ${lit(A, 0)};
              st_last <= core_last;
              state <= S_STREAM_GO;
            end else begin
              ld_idx <= ld_idx + ${lit(A, 1)};
              state <= S_LOAD_REQ;
            end
          end
        S_STREAM_GO: begin
          st_start <= 1'b1;
          state <= S_STREAM;
        end
        S_STREAM:
          if (st_done) begin
            settle_cnt <= 32'd0;
            state <= S_SETTLE;
          end
        S_SETTLE:
          if (settle_cnt == SETTLE_CYCLES - 32'd1) state <= in_done ? S_DONE : S_READY;
          else settle_cnt <= settle_cnt + 32'd1;
        S_READY:
          if (wt_all || wt_pending) begin
${writeThrough('            ')}
          end else if (pass_ok) begin
            if (pass_cnt != run_passes_m1) pass_cnt <= pass_cnt + ${lit(P, 1)};
            else begin
              pass_cnt <= ${lit(P, 0)};
              if (sample_cnt != samples_m1) sample_cnt <= sample_cnt + ${lit(SAMPLES_W, 1)};
              else begin
                sample_cnt <= ${lit(SAMPLES_W, 0)};
                if (step == LAST_STEP) begin
                  in_done <= 1'b1;
                  done <= 1'b1;
                  state <= S_DONE;
                end else begin
                  step <= step + ${lit(S, 1)};
                  rom_base <= rom_base + core_words;
                  ld_idx <= ${lit(A, 0)};
                  wt_pending <= 1'b0;
                  wt_all <= 1'b0;
                  if (run_step == run_steps_m1) begin
                    run <= run + ${lit(RU, 1)};
                    run_step <= ${lit(RS, 0)};
                  end else run_step <= run_step + ${lit(RS, 1)};
                  state <= S_LOAD_REQ;
                end
              end
            end
          end
        default: // S_DONE
          if (start) begin
${ind(start, '            ')}
          end else begin
${writeThrough('            ')}
          end
      endcase
      // host side effects last: a write landing while the FSM clears the pending flags stays pending
      if ((spi_wr | spi_rd) & ~spi_addr_ok) error <= 1'b1;
      if (spi_we && state != S_IDLE) begin
        if (wt_pending && wt_addr != spi_addr) wt_all <= 1'b1;
        wt_pending <= 1'b1;
        wt_addr <= spi_addr;
      end
    end
  end
endmodule

\`default_nettype wire
`;
}
