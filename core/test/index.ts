/** Test support that benchmarks reuse: the project's test IED served by the simulator, a mosquitto fixture and MQTT test points. */
export { TEST_SCL, T0, startTestIed, recordWrites } from './support/test-ied';
export { Mosquitto, type MosquittoOptions } from './support/mosquitto';
export { MosquittoSub, type SubReceived } from './support/mosquitto-sub';
export { analogPoints, batch, okState, settings } from './support/mqtt-points';
