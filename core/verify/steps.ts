import { qualityRaw } from '../sim';
import type { StepSpec } from './drive-step';

/**
 * The steps of the check, in order, each driving a new value with one quality at the source (CONVENTIONS
 * "Quality"): good; invalid with a detail flag (the value registers then follow badValuePolicy while
 * MQTT carries the value with its quality); good with the test bit (every output must say test).
 */
export const STEPS: readonly StepSpec[] = [
  { step: 'good', index: 0, qualityText: 'good', quality: qualityRaw('good') },
  { step: 'invalid', index: 1, qualityText: 'invalid: failure', quality: qualityRaw('invalid: failure') },
  { step: 'test', index: 2, qualityText: 'good | test', quality: qualityRaw('good | test') },
];
