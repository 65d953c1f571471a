export { Simulator, type SimulatorOptions, type SimUpdate } from './simulator';
export { buildModel, pickIed, servableIeds, type BuiltModel, type ServedLn } from './scl-model';
export { mmsTypeOfBType } from './mms-types';
export { valueFromText, valueFromJs, zeroValue, utcTime, type LeafMeta } from './leaf-values';
export { qualityRaw, type QualityInput } from './quality-input';
export { resolveReference, type ReferenceTarget } from './reference-target';
export { bundledModelPath, FEEDER_RELAY_MODEL } from './bundled-models';
export { ModeBehaviour, combineBehaviour, parseBehaviour, BEHAVIOURS, type Behaviour } from './behaviour';
export { Controls, type ControlOptions } from './controls/controls';
export { ControlObject } from './controls/control-object';
export { ADD_CAUSE, CONTROL_ERROR, CTL_MODEL, type AddCause, type ControlParams } from './controls/control-terms';
export { SettingGroupControl } from './setting-groups';
export { Dynamics, type DynamicsOptions } from './dynamics';
export { Random } from './random';
export { parseScenario, ScenarioRunner, SCENARIO_ACTIONS, type Scenario, type ScenarioStep, type ScenarioAction } from './scenario';
export {
  SAVED_MODEL_FORMAT,
  parseSavedModel,
  buildSavedModel,
  encodeSavedValue,
  nodeFromSpec,
  type SavedModel,
  type SavedLn,
  type SavedFc,
  type SavedRcb,
} from './saved-model';
export { openSclFile, iedToServe, sourceIeds, type SclSource } from './scl-source';
