// Public API of the core. Browser-safe: no fs, no Office.js.
export * from './grid';
export { parseWithSheetJS, ReadError, DEFAULT_MAX_BYTES, type ReadErrorCode, type ReadOptions } from './read/sheetjs';
export { readWorkbook } from './read/workbook';
export { defaultConfig, defaultConfigJson, parseConfig, ConfigError, type Config, type ReportType, type ColumnDef } from './config';
export { parseWorkbook, type ParsedWorkbook, type ReportSheet, type ReportRow, type ReportCell } from './report';
export { validateParsed, sortFindings } from './validate';
export { checkBytes, checkWorkbook, checkParsed, type FileResult, type FileError } from './check';
export { rules } from './rules';
export type { Finding, Fix, Rule, Severity } from './rules/types';
export { normalize, parseItemNumber, splitBullets, circled } from './normalize';
export { applyFixes, type FixPlan } from './fix';
export * as ja from './locale/ja/index';
export { split, type SplitResult, type SplitFile, type SplitOptions } from './consolidate/split';
export { consolidate, ConsolidateError } from './consolidate/consolidate';
export type {
  Source, ConsolidateOptions, ConsolidatePhase, ConsolidateResult, Summary, FileSummary, DepartmentSummary, ConflictItem,
  UnauthorizedItem, AddedItem, FindingItem, UnplacedItem, MissingRowsItem, CellCounts, CellTrace,
} from './consolidate/types';
export { PackageError } from './ooxml/package';
export { outlineOf, buildOutline, outlineCounts, summaryDocx, type SummaryOutline } from './summary';
export { diffWorkbooks, diffGrids, diffText, diffJson, markedCopy, DiffError, type DiffResult, type CellChange } from './diff';
