/** Test support that benchmarks reuse: the scripted IED model and its server over TCP. */
export { ModelIed, leaf, type IedModel, type Leaf, type Node } from './support/model-ied';
export { ModelServer, type ModelServerOptions } from './support/model-server';
