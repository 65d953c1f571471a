/** Test support that benchmarks reuse: the project's test IED served by the simulator. */
export { TEST_SCL, T0, startTestIed, recordWrites } from './support/test-ied';
