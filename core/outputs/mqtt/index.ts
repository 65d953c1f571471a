export { MqttPublisher, type MqttPublisherOptions, type PublisherEvents } from './publisher';
export { EmbeddedBroker, type EmbeddedBrokerOptions } from './embedded-broker';
export { probeTopicRoot, DEFAULT_ROOT, type ProbeInput } from './probe';
export {
  buildTopicMap,
  sanitizeSegment,
  sanitizePath,
  type TopicMap,
  type TopicIssue,
  type PointTopics,
} from './topic-map';
export { valueText, stateJson } from './json-payload';
export { neverState } from './never-state';
export { mqttStatusAtRest } from './status-at-rest';
export { decodeSparkplug, encodeSparkplug, SPARKPLUG_NAMESPACE } from './sparkplug-codec';
export { QUALITY_GOOD, QUALITY_UNCERTAIN, QUALITY_BAD, QUALITY_STALE } from './sparkplug-metrics';
export { backoffDelay, DEFAULT_BACKOFF, type Backoff } from './broker-link';
export { redactUrl } from './client-options';
