export { PointCache, defaultStaleTimeout } from './point-cache';
export type { CachePoint } from './point-record';
export type { PointSample, SampleValue, SampleQuality, SampleTime, SampleSource } from './sample';
export { qualityView } from './quality-view';
