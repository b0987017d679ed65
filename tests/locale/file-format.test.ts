// File-format identifiers stay apart from the messages: the next run still knows what this
// one wrote, whatever the wording.
import { consolidate as text } from '../../lib/locale/ja/consolidate';
import { format } from '../../lib/locale/ja/format';
import { isStatusNote, LEGACY_STATUS_NOTES, NOTE_HEADER, STATUS_NOTE_MARK, SUMMARY_SHEET, SUMMARY_TITLE_PREFIXES } from '../../lib/marks';

test('the 集約結果 title this release writes is one the next run recognises', () => {
  const title = format(text.summaryTitle, { master: 'master.xlsx' });
  expect(SUMMARY_TITLE_PREFIXES.some((p) => title.startsWith(p))).toBe(true);
});

test('a note on who answered is known by its mark or an old prefix, a clerk\'s line is not', () => {
  expect(isStatusNote(`${STATUS_NOTE_MARK}どんな言い方でも: A課`)).toBe(true);
  for (const p of LEGACY_STATUS_NOTES) expect(isStatusNote(`${p}A課`)).toBe(true);
  expect(isStatusNote('A課に電話で確認済み（未提出分は来週）')).toBe(false);
  expect(isStatusNote(format(text.noteConflict, { departments: 'A課、B課' }))).toBe(false);
});

test('no message holds a file-format identifier as one of its entries', () => {
  const values = Object.values(text as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
  for (const id of [NOTE_HEADER, SUMMARY_SHEET, '_shinchoku', '_shinchoku_集約']) expect(values).not.toContain(id);
});
