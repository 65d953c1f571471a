/**
 * The server side of the read benchmark, run in its own process so client and server do not share an
 * event loop: the simulator serving one LD of 100 analogue inputs, each a whole MX FCD {mag {f}, q, t}.
 * Prints `port N` on stdout when listening.
 *
 *   node --import tsx core/bench/read-server.ts
 */
import { importScl } from '../scl';
import { Simulator } from '../sim';

export const BENCH_VARIABLES = 100;

/** SCL of IED BENCH, LD BENCHLD, GGIO1 with AnIn1 … AnIn100 (MV). */
function benchScl(): string {
  const dos = Array.from({ length: BENCH_VARIABLES }, (_, i) => `<DO name="AnIn${i + 1}" type="MV"/>`).join('');
  const values = Array.from(
    { length: BENCH_VARIABLES },
    (_, i) => `<DOI name="AnIn${i + 1}"><SDI name="mag"><DAI name="f"><Val>${(i + 1) * 1.5}</Val></DAI></SDI></DOI>`,
  ).join('');
  return `<?xml version="1.0"?>
<SCL xmlns="http://www.iec.ch/61850/2003/SCL" version="2007" revision="B">
  <IED name="BENCH"><AccessPoint name="AP1"><Server>
    <LDevice inst="LD" ldName="BENCHLD">
      <LN0 lnClass="LLN0" inst="" lnType="LLN0"/>
      <LN lnClass="GGIO" inst="1" lnType="GGIO">${values}</LN>
    </LDevice>
  </Server></AccessPoint></IED>
  <DataTypeTemplates>
    <LNodeType id="LLN0" lnClass="LLN0"><DO name="Mod" type="ENS"/></LNodeType>
    <LNodeType id="GGIO" lnClass="GGIO">${dos}</LNodeType>
    <DOType id="ENS" cdc="ENS"><DA name="stVal" bType="INT32" fc="ST"/></DOType>
    <DOType id="MV" cdc="MV">
      <DA name="mag" bType="Struct" type="AV" fc="MX" dchg="true"/>
      <DA name="q" bType="Quality" fc="MX" qchg="true"/>
      <DA name="t" bType="Timestamp" fc="MX"/>
    </DOType>
    <DAType id="AV"><BDA name="f" bType="FLOAT32"/></DAType>
  </DataTypeTemplates>
</SCL>`;
}

const sim = await Simulator.start({ scl: importScl(benchScl(), { fileName: 'bench.scd' }), limits: { maxOutstanding: 10 } });
process.stdout.write(`port ${sim.port}\n`);
process.on('SIGTERM', () => {
  void sim.stop().then(() => process.exit(0));
});
