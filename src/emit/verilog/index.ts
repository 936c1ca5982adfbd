/**
 * @module emit/verilog — a synthesizable Verilog-2005 DAC-code controller for a compiled circuit: the phase
 * register bank of the active core, the code ROM of every schedule step (on chip from codes.hex, or an
 * external memory interface above `romMaxWords`), an SPI mode-0 host slave to read and overwrite the bank,
 * a serial-DAC streaming sequencer and the schedule FSM (load → stream → settle → ready → passes); plus a
 * self-checking testbench with its expected DAC words and a README with every interface. `emitVerilog`
 * returns the files (paths under `verilog/`) and a summary; `writeVerilogFiles` writes them, streaming the hex
 * files; `synthesizeCellCount`, `simulateTestbench` and `lintController` run Yosys, Icarus Verilog and
 * Verilator on an emitted folder.
 */
export { emitVerilog, writeVerilogFiles, type VerilogFile, type VerilogResult, type VerilogSummary } from './emit-verilog.js';
export { DEFAULT_VERILOG_OPTIONS, resolveVerilogOptions, type RomKind, type VerilogOptions } from './options.js';
export { attenuatorThetaRad, planCodes, stepCodes, tileChannels, type CodePlan, type CoreLayout, type StepRun } from './code-plan.js';
export { CODES_FILE, EXPECTED_FILE, TESTBENCH_FILE, TOP_MODULE, VERILOG_DIR } from './design.js';
export {
  controllerSources,
  EDA_TIMEOUT_MS,
  lintController,
  runEdaTool,
  simulateTestbench,
  synthesizeCellCount,
  type EdaTool,
  type SimulationResult,
  type ToolRun,
} from './eda-tools.js';
