// The 概要版 from a master's bytes: read, parse, outline, Word file. Browser-safe, so the
// add-in and the CLI draft the same document.
import type { Config } from '../config/schema';
import { readWorkbook } from '../read/workbook';
import { parseWorkbook } from '../report';
import { buildOutline, type OutlineOptions, type SummaryOutline } from './outline';

export { buildOutline, formatDepartments, fullWidth, periodColumns } from './outline';
export type { OmittedRow, Period, SummaryChapter, SummaryGroup, SummaryItem, SummaryOutline } from './outline';
export { bodyXml, summaryDocument, summaryDocx, itemText, FONTS } from './docx';

/** Reads a master (any format readWorkbook takes) and outlines its 概要版. */
export function outlineOf(bytes: Uint8Array, name: string, config: Config, opts: OutlineOptions = {}): SummaryOutline {
  return buildOutline(parseWorkbook(readWorkbook(bytes, name), config), config, opts);
}

/** Figures of an outline, for the CLI's report and the tests. */
export function outlineCounts(o: SummaryOutline): { chapters: number; groups: number; items: number; saikei: number } {
  const groups = o.chapters.flatMap((c) => c.groups);
  const items = groups.flatMap((g) => g.items);
  return { chapters: o.chapters.length, groups: groups.length, items: items.length, saikei: items.filter((i) => i.saikei).length };
}
