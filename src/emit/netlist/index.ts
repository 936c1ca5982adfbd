/**
 * @module emit/netlist — the netlist of a placed circuit in gdsfactory's YAML netlist schema (instances,
 * placements, connections, ports), with the component names it assumes (components.ts) written into its header;
 * a streaming writer for large designs, and a reader for the YAML subset it uses (tests and tools).
 */
export { emitNetlistYaml, writeNetlistYaml, type NetlistOptions, type NetlistSummary } from './netlist.js';
export { NETLIST_COMPONENTS, NETLIST_INSTANCE_NAMES, NETLIST_PORT_NAMES, type NetlistComponent } from './components.js';
export { parseNetlistYaml, type YamlMapping, type YamlValue } from './parse.js';
export { yamlNumber, yamlString } from './yaml.js';
