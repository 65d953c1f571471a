export { Simulator, type SimulatorOptions, type SimUpdate } from './simulator';
export { buildModel, pickIed, servableIeds, type BuiltModel, type ServedLn } from './scl-model';
export { mmsTypeOfBType } from './mms-types';
export { valueFromText, valueFromJs, zeroValue, utcTime, type LeafMeta } from './leaf-values';
export { qualityRaw, type QualityInput } from './quality-input';
export { resolveReference, type ReferenceTarget } from './reference-target';
export { bundledModelPath, FEEDER_RELAY_MODEL } from './bundled-models';
