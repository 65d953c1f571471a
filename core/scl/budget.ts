import { SclError } from './errors';
import type { SclLimits } from './limits';

/** Any file may hold this many elements and LNs, however small it is. */
const ELEMENT_FLOOR = 10_000;
const LOGICAL_NODE_FLOOR = 1_000;

/**
 * What one scan may accumulate, in proportion to the size of the text: elements in all and per
 * top-level section, LN0/LN elements of IEDs, and IED sections. Each overrun is an SclError of code
 * `limit` naming the limit and what was seen, at the element that went over.
 */
export class ScanBudget {
  private elements = 0;
  private sectionElements = 0;
  private logicalNodes = 0;
  private ieds = 0;
  private readonly maxElements: number;
  private readonly maxLogicalNodes: number;

  constructor(
    private readonly limits: SclLimits,
    private readonly chars: number,
  ) {
    this.maxElements = Math.min(limits.maxElements, Math.max(ELEMENT_FLOOR, Math.floor(chars / limits.minCharsPerElement)));
    this.maxLogicalNodes = Math.max(LOGICAL_NODE_FLOOR, Math.floor(chars / limits.minCharsPerLogicalNode));
  }

  get elementCount(): number {
    return this.elements;
  }

  get sectionElementCount(): number {
    return this.sectionElements;
  }

  /** An element opens at `depth` (0 is the root, 1 a top-level section). */
  element(depth: number, offset: number): void {
    if (++this.elements > this.maxElements) {
      const why =
        this.maxElements === this.limits.maxElements
          ? `(maxElements)`
          : `in ${this.chars} characters: at most one element per ${this.limits.minCharsPerElement} characters on average (minCharsPerElement); real SCL has one per 30 or more`;
      throw new SclError('limit', `more than ${this.maxElements} elements ${why}`, { offset });
    }
    if (depth === 1) this.sectionElements = 0;
    if (depth >= 1 && ++this.sectionElements > this.limits.maxSectionElements) {
      throw new SclError('limit', `one top-level element holds more than ${this.limits.maxSectionElements} elements (maxSectionElements)`, { offset });
    }
  }

  /** An LN0/LN of an IED (on the IED/AccessPoint/Server/LDevice path). */
  logicalNode(offset: number): void {
    if (++this.logicalNodes > this.maxLogicalNodes) {
      throw new SclError(
        'limit',
        `more than ${this.maxLogicalNodes} LN0/LN elements in ${this.chars} characters: at most one per ${this.limits.minCharsPerLogicalNode} characters (minCharsPerLogicalNode); a real LN with its DOIs takes 500 or more`,
        { offset },
      );
    }
  }

  /** An IED section. */
  ied(offset: number): void {
    if (++this.ieds > this.limits.maxIeds) throw new SclError('limit', `more than ${this.limits.maxIeds} IEDs (maxIeds)`, { offset });
  }
}
