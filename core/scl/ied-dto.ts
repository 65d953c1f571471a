import type { SclIedDetail } from './file';
import { serverLogicalDevices } from './leaves';
import { iedModelDto, type SclIedModelDto } from './model-dto';
import type { PlanOptions } from './planner';
import { detailsOfIed, overviewOfIed, warningSummary, type SclIedOverview, type SclPointSummary, type SclReportControlSummary, type SclSummaryWarning } from './summary';

/** One IED in full as the service's `sclIed` channel returns it (core/contract SclIedSchema). */
export interface SclIedDto {
  readonly overview: SclIedOverview;
  readonly model: SclIedModelDto;
  readonly dataSets: {
    readonly ref: string;
    readonly desc: string | null;
    readonly members: { readonly ref: string; readonly fc: string | null; readonly resolved: boolean; readonly problem: string | null }[];
  }[];
  readonly reportControls: SclReportControlSummary[];
  readonly points: SclPointSummary[];
  readonly warnings: SclSummaryWarning[];
}

export function iedDto({ ied, warnings }: SclIedDetail, options: PlanOptions = {}): SclIedDto {
  const { reportControls, recommended } = detailsOfIed(ied, options);
  return {
    overview: overviewOfIed(ied),
    model: iedModelDto(ied),
    dataSets: serverLogicalDevices(ied).flatMap((ld) =>
      ld.logicalNodes.flatMap((ln) =>
        ln.dataSets.map((ds) => ({
          ref: ds.ref,
          desc: ds.desc ?? null,
          members: ds.members.map((m) => ({ ref: m.ref, fc: m.fc ?? null, resolved: m.resolved, problem: m.problem ?? null })),
        })),
      ),
    ),
    reportControls,
    points: recommended,
    warnings: warnings.map(warningSummary),
  };
}
