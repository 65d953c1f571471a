/** Test support that benchmarks reuse: the scripted IED model and its server over TCP, a mosquitto fixture and MQTT test points. */
export { ModelIed, leaf, type IedModel, type Leaf, type Node } from './support/model-ied';
export { ModelServer, type ModelServerOptions } from './support/model-server';
export { Mosquitto, type MosquittoOptions } from './support/mosquitto';
export { analogPoints, batch, okState, settings } from './support/mqtt-points';
