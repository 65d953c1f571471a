/**
 * A generated IED for load tests: `lns` GGIO LNs with `perLn` analogue inputs each, in one LD, plus
 * LLN0 with Mod and Beh. By default each input is an MV (mag.f, q, t): one point per data object. With
 * `width`, each input carries that many FLOAT32 attributes v1…vN besides q and t: N points read in one
 * FCD, as a merging unit's or a PMU's wide data objects are. SCL 2007B4 as an engineer would write it;
 * nothing of the shipped feeder relay is reused.
 */
export interface BigIedOptions {
  /** Floats per data object (default: one, as MV mag.f). */
  readonly width?: number;
  /** A description on every LN, for a file as large as a station's. */
  readonly withDescriptions?: boolean;
}

export function bigIedScl(name: string, lns: number, perLn: number, options: BigIedOptions = {}): string {
  const wide = options.width !== undefined;
  const dos = Array.from({ length: perLn }, (_, i) => `      <DO name="AnIn${i + 1}" type="${wide ? 'BIG_WIDE' : 'BIG_MV'}"/>`).join('\n');
  const desc = (i: number): string =>
    options.withDescriptions ? ` desc="analogue input group ${i + 1} of bay ${(i % 24) + 1}, 4-20 mA transducers, panel +R${(i % 9) + 1}"` : '';
  const lnXml = Array.from({ length: lns }, (_, i) => `          <LN lnClass="GGIO" inst="${i + 1}" lnType="BIG_GGIO"${desc(i)}/>`).join('\n');
  const wideDas = Array.from({ length: options.width ?? 0 }, (_, k) => `      <DA name="v${k + 1}" bType="FLOAT32" fc="MX" dchg="true"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<SCL xmlns="http://www.iec.ch/61850/2003/SCL" version="2007" revision="B" release="4">
  <Header id="big" nameStructure="IEDName"/>
  <IED name="${name}" manufacturer="RelayGate tests" type="BIG">
    <AccessPoint name="S1">
      <Server>
        <Authentication none="true"/>
        <LDevice inst="LD0">
          <LN0 lnClass="LLN0" inst="" lnType="BIG_LLN0"/>
${lnXml}
        </LDevice>
      </Server>
    </AccessPoint>
  </IED>
  <DataTypeTemplates>
    <LNodeType id="BIG_LLN0" lnClass="LLN0">
      <DO name="Mod" type="BIG_ENC_Mod"/>
      <DO name="Beh" type="BIG_ENS_Beh"/>
    </LNodeType>
    <LNodeType id="BIG_GGIO" lnClass="GGIO">
      <DO name="Beh" type="BIG_ENS_Beh"/>
${dos}
    </LNodeType>
    <DOType id="BIG_ENC_Mod" cdc="ENC">
      <DA name="stVal" bType="Enum" type="BehaviourModeKind" fc="ST" dchg="true"><Val>on</Val></DA>
      <DA name="q" bType="Quality" fc="ST" qchg="true"/>
      <DA name="t" bType="Timestamp" fc="ST"/>
      <DA name="ctlModel" bType="Enum" type="CtlModelKind" fc="CF"><Val>status-only</Val></DA>
    </DOType>
    <DOType id="BIG_ENS_Beh" cdc="ENS">
      <DA name="stVal" bType="Enum" type="BehaviourModeKind" fc="ST" dchg="true"><Val>on</Val></DA>
      <DA name="q" bType="Quality" fc="ST" qchg="true"/>
      <DA name="t" bType="Timestamp" fc="ST"/>
    </DOType>
    <DOType id="BIG_MV" cdc="MV">
      <DA name="mag" bType="Struct" type="BIG_AV" fc="MX" dchg="true"/>
      <DA name="q" bType="Quality" fc="MX" qchg="true"/>
      <DA name="t" bType="Timestamp" fc="MX"/>
    </DOType>
    <DOType id="BIG_WIDE" cdc="MV">
${wideDas}
      <DA name="q" bType="Quality" fc="MX" qchg="true"/>
      <DA name="t" bType="Timestamp" fc="MX"/>
    </DOType>
    <DAType id="BIG_AV">
      <BDA name="f" bType="FLOAT32"/>
    </DAType>
    <EnumType id="BehaviourModeKind">
      <EnumVal ord="1">on</EnumVal>
      <EnumVal ord="2">blocked</EnumVal>
      <EnumVal ord="3">test</EnumVal>
      <EnumVal ord="4">test/blocked</EnumVal>
      <EnumVal ord="5">off</EnumVal>
    </EnumType>
    <EnumType id="CtlModelKind">
      <EnumVal ord="0">status-only</EnumVal>
      <EnumVal ord="1">direct-with-normal-security</EnumVal>
      <EnumVal ord="2">sbo-with-normal-security</EnumVal>
      <EnumVal ord="3">direct-with-enhanced-security</EnumVal>
      <EnumVal ord="4">sbo-with-enhanced-security</EnumVal>
    </EnumType>
  </DataTypeTemplates>
</SCL>
`;
}

/** The point refs of bigIedScl, in model order. */
export function bigIedRefs(name: string, lns: number, perLn: number, width?: number): string[] {
  const refs: string[] = [];
  for (let l = 1; l <= lns; l++)
    for (let i = 1; i <= perLn; i++) {
      if (width === undefined) refs.push(`${name}LD0/GGIO${l}.AnIn${i}.mag.f`);
      else for (let k = 1; k <= width; k++) refs.push(`${name}LD0/GGIO${l}.AnIn${i}.v${k}`);
    }
  return refs;
}
