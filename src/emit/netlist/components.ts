/**
 * The components a netlist refers to, by name, with their ports and settings. These are the names the netlist
 * ASSUMES: a gdsfactory / SAX user maps each one to a cell or model of their PDK (gdsfactory's generic `mzi`
 * has other settings; ours carry the programmed phases). Written into every netlist's header comment.
 *
 * Ports follow gdsfactory's convention: optical ports o1, o2, … counter-clockwise from the lower-left one (west
 * side bottom to top, then east side top to bottom); electrical ports e1, …. In the layout, mode m of a core
 * runs along y = m·pitch and the MZI's "upper" (matrix-row-wise) mode `top` is the one with the SMALLER y, so
 * o1 = input on mode top, o2 = input on mode top + 1, o3 = output on mode top + 1, o4 = output on mode top.
 */

export interface NetlistComponent {
  readonly name: string;
  readonly ports: string;
  /** Settings and their units ('' when the component has none). */
  readonly settings: string;
  readonly description: string;
}

export const NETLIST_COMPONENTS: readonly NetlistComponent[] = [
  {
    name: 'mzi',
    ports: 'o1 in (mode top), o2 in (mode top+1), o3 out (mode top+1), o4 out (mode top)',
    settings: 'theta, phi: rad in [0, 2pi)',
    description: '2x2 MZI T(theta,phi) = B.diag(e^{i theta},1).B.diag(e^{i phi},1), B = [[1,i],[i,1]]/sqrt(2); theta on the upper internal arm, phi on the upper input',
  },
  { name: 'phase_shifter', ports: 'o1 in, o2 out', settings: 'phase: rad in [0, 2pi)', description: 'output-screen phase shifter, field factor e^{i phase}' },
  { name: 'attenuator', ports: 'o1 in, o2 out', settings: 'transmission: amplitude in [0, 1] (sigma_i / sigma_max)', description: 'MZI variable attenuator' },
  { name: 'loss_dummy', ports: 'o1 in, o2 out', settings: '', description: "passive loss-matched element (the MZI's insertion loss) where a mesh column has no MZI on the mode, so every path crosses one lossy element per column" },
  { name: 'modulator', ports: 'o1 in, o2 out', settings: '', description: 'input amplitude modulator (encodes x / max|x|)' },
  { name: 'edge_coupler', ports: 'o1 facet (fibre side), o2 chip side', settings: '', description: 'input edge coupler (inverse taper)' },
  { name: 'grating_coupler_te', ports: 'o1 fibre side, o2 chip side', settings: '', description: 'input grating coupler, TE' },
  { name: 'straight', ports: 'o1 west, o2 east', settings: 'length: um', description: 'straight waveguide between two devices on one mode' },
  {
    name: 'photodetector',
    ports: 'o1 optical in, e1 electrical out',
    settings: 'lo_phase: rad (homodyne local-oscillator phase; absent on padded outputs)',
    description: 'homodyne photodetector, reads Re(E . e^{-i lo_phase})',
  },
];

/** Instance name prefixes inside core k (`c<k>_…`). */
export const NETLIST_INSTANCE_NAMES = [
  'c<k>_ec<m> | c<k>_gc<m>: input coupler of mode m',
  'c<k>_mod<m>: modulator of mode m',
  'c<k>_vmzi<i> / c<k>_umzi<i>: MZI i (index into mzis) of the V^T (input) / U (output) mesh',
  'c<k>_vps<m> / c<k>_ups<m>: output-screen phase shifter of mode m after the V^T / U mesh',
  'c<k>_att<m>: attenuator of mode m',
  'c<k>_vdummy_c<j>_m<m> / c<k>_udummy_c<j>_m<m>: loss dummy of the V^T / U mesh at column j, mode m',
  'c<k>_pd<m>: photodetector of output mode m',
  'c<k>_wg<n>: straight waveguide n (the placement\'s waveguide segments, in order)',
] as const;

/** Top-level port names. */
export const NETLIST_PORT_NAMES = [
  'c<k>_in<m>: optical input of mode m (coupler o1)',
  'c<k>_out<m>: electrical output of detector m (e1)',
  'c<k>_vend<m>: end of V^T mode m >= r (carries no signal on; r = signal modes)',
  'c<k>_udark<m>: unlit input of U mode m >= r',
] as const;
