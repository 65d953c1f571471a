export { importScl } from './importer';
export { SclFile, type SclIedDetail, type SclImportOptions, type SclProgress, type SclPhase } from './file';
export { SclError, lineColumnAt, type SclErrorCode, type SclErrorPosition } from './errors';
export { DEFAULT_SCL_LIMITS, type SclLimits } from './limits';
export { rcbInstanceNames } from './controls';
export { leavesOf, leavesOfLd, findNode, isDataObject, iedCounts, serverLogicalDevices, type SclLeaf, type SclIedCounts } from './leaves';
export { SCL_NS } from './ns';
export { planIed, POINT_TIERS, DEFAULT_TIERS, type IedPlan, type PlanOptions, type PointTier, type RecommendedPoint, type PointCategory } from './planner';
export { CoverageIndex, enabledTriggers, type PointCoverage, type CoveringDataSet, type CoveringReportControl, type PointTriggers } from './coverage';
export type * from './model';
export {
  overviewOf,
  overviewOfIed,
  detailsOfIed,
  summaryOf,
  warningSummary,
  editionLabel,
  type SclSummary,
  type SclIedOverview,
  type SclIedDetails,
  type SclReportControlSummary,
  type SclCoverageSummary,
  type SclPointSummary,
  type SclSummaryWarning,
} from './summary';
export { summaryJsonChunks } from './summary-json';
export { iedModelDto, type SclIedModelDto, type SclTypeChildDto } from './model-dto';
export { iedDto, type SclIedDto } from './ied-dto';
