/**
 * Citations shared by the built-in PDK profiles. Open-source device libraries are cited as in
 * shared/design/device-parameters.md (project, repository and file); papers by authors, journal, volume, page
 * and year. "typical, literature" marks a representative value of the cited range; "estimate" marks a value
 * we chose or derived ourselves, with the reasoning, where no source gives the figure directly.
 */

export const LT_DEVICE_PARAMS =
  'Lightening-Transformer device params (zhuhanqing/Lightening-Transformer, hardware_simulator/params/device_params/default.yaml)';
export const SIMPHONY_PHASE_SHIFTER = 'SimPhony device library (ScopeX-ASU/SimPhony, configs/devices/photonics/phase_shifter.yml)';
export const SIMPHONY_COUPLER = 'SimPhony (ScopeX-ASU/SimPhony, configs/devices/photonics/coupler.yml)';
export const SIMPHONY_CROSSING = 'SimPhony (ScopeX-ASU/SimPhony, configs/devices/photonics/crossing.yml)';
export const SIMPHONY_TIA = 'SimPhony (ScopeX-ASU/SimPhony, configs/devices/electronics/tia.yml)';
export const SIMPHONY_ADC = 'SimPhony (ScopeX-ASU/SimPhony, configs/devices/electronics/adc.yml)';
export const SIMPHONY_DAC = 'SimPhony (ScopeX-ASU/SimPhony, configs/devices/electronics/dac.yml)';
export const PYTORCH_ONN = 'pytorch-onn (JeremieMelo/pytorch-onn, torchonn/layers/mzi_linear.py defaults)';
export const PHOTONTORCH_DETECTOR = 'photontorch detector defaults (flaport/photontorch, photontorch/detectors/photodetector.py)';
export const GDSFACTORY_LAYERS =
  'gdsfactory generic PDK layer map (gdsfactory/gdsfactory, gdsfactory/gpdk/layer_map.py; after Chrostowski & Hochberg, Silicon Photonics Design, Cambridge Univ. Press 2015)';
export const DEVICE_PARAMETERS_MD = 'Photonic Foundry shared/design/device-parameters.md';
export const HOROWITZ_2014 = "Horowitz, 'Computing's energy problem (and what we can do about it)', ISSCC 2014, 45 nm figures";
export const RETICLE_FIELD = 'maximum exposure field of 193 nm step-and-scan lithography, 26 × 33 mm (industry standard, e.g. ASML TWINSCAN NXT series)';
export const THERMAL_CROSSTALK_LITERATURE =
  "thermal crosstalk between SOI heaters decays over tens of µm (Jacques et al., Opt. Express 27(8), 10456 (2019); Milanizadeh et al., J. Lightwave Technol. 37(4), 1325 (2019))";
export const CLEMENTS_2016 = 'Clements et al., Optica 3, 1460 (2016)';
export const MESH_ERROR_STUDIES =
  'component-imprecision studies of MZI meshes (Fang et al., Opt. Express 27(10), 14009 (2019); Pai et al., Phys. Rev. Applied 11, 064044 (2019))';
