/** The SCL namespace of every edition (2003, 2007A/B, 2007B4 keep the same URI). */
export const SCL_NS = 'http://www.iec.ch/61850/2003/SCL';
