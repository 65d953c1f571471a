import type { SclInstanceValue } from './model';
import type { XmlElement } from './xml';

type MutableValue = { -readonly [K in keyof SclInstanceValue]: SclInstanceValue[K] };

/**
 * Reads the DOI/SDI/DAI among an LN's children into path → value: `Pos` (a DOI's desc), `Pos.ctlModel`,
 * `A.phsA.units.SIUnit`, `Harm(3).mag.f` (an `ix` array element). Paths never carry the FC: names are
 * unique within a DO whatever their FC.
 */
export function readInstanceValues(lnChildren: readonly XmlElement[]): Map<string, SclInstanceValue> {
  const values = new Map<string, SclInstanceValue>();
  for (const doi of lnChildren) {
    if (doi.name === 'DOI') walk(doi, [elementName(doi)], values);
  }
  return values;
}

function elementName(el: XmlElement): string {
  const name = el.attrs.name ?? '';
  const ix = el.attrs.ix;
  return ix === undefined ? name : `${name}(${ix})`;
}

/** `path` is a stack of names; keys are joined from it, which gives flat strings (no cons chains kept alive). */
function walk(el: XmlElement, path: string[], values: Map<string, SclInstanceValue>): void {
  const desc = el.attrs.desc;
  if (desc !== undefined) values.set(path.join('.'), { desc });
  for (const child of el.children) {
    if (child.name !== 'SDI' && child.name !== 'DAI') continue;
    path.push(elementName(child));
    if (child.name === 'SDI') walk(child, path, values);
    else values.set(path.join('.'), daiValue(child));
    path.pop();
  }
}

function daiValue(dai: XmlElement): SclInstanceValue {
  const out: MutableValue = {};
  if (dai.attrs.desc !== undefined) out.desc = dai.attrs.desc;
  if (dai.attrs.sAddr !== undefined) out.sAddr = dai.attrs.sAddr;
  if (dai.attrs.valKind !== undefined) out.valKind = dai.attrs.valKind;
  let groups: { sGroup: number; value: string }[] | undefined;
  for (const val of dai.children) {
    if (val.name !== 'Val') continue;
    const sGroup = val.attrs.sGroup === undefined ? NaN : Number(val.attrs.sGroup);
    if (Number.isInteger(sGroup)) (groups ??= []).push({ sGroup, value: val.text });
    else out.value ??= val.text;
  }
  if (groups) {
    out.groupValues = groups;
    out.value ??= groups[0]?.value;
  }
  return out;
}
