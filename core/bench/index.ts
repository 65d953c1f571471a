/** Benchmark support that tests reuse: the generated SCDs (a station of feeder relays, a station of bay controllers). */
export { syntheticScd } from './synthetic-scd';
export { syntheticStation } from './synthetic-station';
