import { discoverModel, type DiscoveredModel, type IsoStackFactory } from '../../client';
import { parseDataSetReference } from '../../iec61850';
import type { CommandRun } from '../command';
import { openFromArgs } from './open-ied';

/** The `discover --json` document of CONVENTIONS, plus identity, LNs per LD and warnings. */
export function discoverJson(model: DiscoveredModel, identity: unknown): unknown {
  return {
    identity,
    logicalDevices: model.logicalDevices,
    logicalNodes: model.logicalNodes.map((ln) => ({ ld: ln.ld, ln: ln.ln, fcs: ln.fcs.map((f) => f.fc) })),
    leaves: model.leaves,
    dataSets: model.dataSets,
    reportControls: model.reportControls.map(({ ref, buffered, rptId, dataSet }) => ({
      ref,
      buffered,
      rptId: rptId ?? null,
      dataSet: dataSet ?? null,
    })),
    warnings: model.warnings,
  };
}

export function formatModel(where: string, model: DiscoveredModel): string {
  const lines = [
    `${where}: ${model.logicalDevices.length} LD, ${model.logicalNodes.length} LN, ${model.leaves.length} leaves, ${model.dataSets.length} data sets, ${model.reportControls.length} RCBs`,
  ];
  for (const ld of model.logicalDevices) {
    lines.push('', `LD ${ld}`);
    for (const ln of model.logicalNodes.filter((l) => l.ld === ld)) {
      const leaves = model.leaves.filter((l) => l.ref.startsWith(`${ld}/${ln.ln}.`));
      lines.push(
        `  ${ln.ln.padEnd(16)} ${ln.fcs
          .map((f) => f.fc)
          .join(' ')
          .padEnd(20)} ${leaves.length} leaves`,
      );
    }
  }
  if (model.dataSets.length > 0) {
    lines.push('', 'Data sets');
    for (const ds of model.dataSets)
      lines.push(
        `  ${ds.ref} (${ds.members.length}): ${ds.members.map((m) => `${m.ref}${m.fc ? `[${m.fc}]` : ''}`).join(', ')}`,
      );
  }
  if (model.reportControls.length > 0) {
    lines.push('', 'Report control blocks');
    const width = Math.max(...model.reportControls.map((r) => r.ref.length));
    for (const r of model.reportControls)
      lines.push(
        `  ${r.ref.padEnd(width)}  ${r.buffered ? 'BRCB' : 'URCB'}  RptID ${r.rptId ?? '?'}  DatSet ${dataSetShown(r.dataSet)}`,
      );
  }
  if (model.warnings.length > 0)
    lines.push('', `${model.warnings.length} warnings:`, ...model.warnings.map((w) => `  - ${w}`));
  return lines.join('\n');
}

/** An RCB's DatSet as the data sets above are named (`LD/LLN0.Events`), or as it came if it is odd. */
function dataSetShown(dataSet: string | undefined): string {
  try {
    return parseDataSetReference(dataSet ?? '')?.ref ?? '(none)';
  } catch {
    return dataSet ?? '(none)';
  }
}

export function runDiscover(createIso: IsoStackFactory): CommandRun {
  return async (args, io) => {
    const session = await openFromArgs(args, createIso, io);
    try {
      const identity = await session.client.identify().catch(() => null);
      const model = await discoverModel(session.client, (p) => {
        if (!args.values.json && p.phase === 'types') return;
        if (!args.values.json) io.err(`relaygate discover: ${p.phase} ${p.detail}`.trimEnd());
      });
      if (args.values.json) io.out(JSON.stringify(discoverJson(model, identity), null, 2));
      else {
        if (identity) io.out(`${identity.vendorName} ${identity.modelName} ${identity.revision}`);
        io.out(formatModel(session.where, model));
      }
      return 0;
    } finally {
      await session.close();
    }
  };
}
