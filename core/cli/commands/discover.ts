import { discoverModel, type DiscoveredModel, type IsoStackFactory } from '../../client';
import { parseDataSetReference } from '../../iec61850';
import type { CommandRun } from '../command';
import { limitsFromArgs, openFromArgs, withLimitHint } from './open-ied';

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

/** Leaves per `LD/LN`, counted in one pass (a model can hold hundreds of thousands). */
function leavesPerLn(model: DiscoveredModel): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { ref } of model.leaves) {
    const key = ref.slice(0, ref.indexOf('.', ref.indexOf('/')));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function formatModel(where: string, model: DiscoveredModel): string {
  const lines = [
    `${where}: ${model.logicalDevices.length} LD, ${model.logicalNodes.length} LN, ${model.leaves.length} leaves, ${model.dataSets.length} data sets, ${model.reportControls.length} RCBs`,
  ];
  const leafCounts = leavesPerLn(model);
  const lnsByLd = new Map<string, DiscoveredModel['logicalNodes']>();
  for (const ln of model.logicalNodes) {
    const list = lnsByLd.get(ln.ld);
    if (list) list.push(ln);
    else lnsByLd.set(ln.ld, [ln]);
  }
  for (const ld of model.logicalDevices) {
    lines.push('', `LD ${ld}`);
    for (const ln of lnsByLd.get(ld) ?? []) {
      const fcs = ln.fcs.map((f) => f.fc).join(' ');
      lines.push(`  ${ln.ln.padEnd(16)} ${fcs.padEnd(20)} ${leafCounts.get(`${ld}/${ln.ln}`) ?? 0} leaves`);
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
    const limits = limitsFromArgs(args);
    const session = await openFromArgs(args, createIso, io, limits);
    const stop = new AbortController();
    void io.interrupted.then(() => stop.abort());
    try {
      const identity = await session.client.identify({ signal: stop.signal }).catch(() => null);
      const model = await discoverModel(session.client, {
        limits: limits.discovery,
        signal: stop.signal,
        onProgress: (p) => {
          if (!args.values.json && p.phase !== 'types')
            io.err(`relaygate discover: ${p.phase} ${p.detail}`.trimEnd());
        },
      });
      if (args.values.json) io.out(JSON.stringify(discoverJson(model, identity), null, 2));
      else {
        if (identity) io.out(`${identity.vendorName} ${identity.modelName} ${identity.revision}`);
        io.out(formatModel(session.where, model));
      }
      return 0;
    } catch (err) {
      if (!stop.signal.aborted) throw withLimitHint(err);
      io.err('relaygate discover: interrupted');
      return 1;
    } finally {
      // Interrupted: a short goodbye, then abort; the user asked to stop now.
      await session.close(stop.signal.aborted ? 300 : undefined);
    }
  };
}
