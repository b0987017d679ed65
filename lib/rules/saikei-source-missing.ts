import { excerpt } from '../locale/ja/format';
import { markedWithSources } from '../saikei';
import type { Rule } from './types';

export type SaikeiSourceMissingMessageIds = 'missing';

/** Text marked 再掲 whose source is nowhere else in the workbook, unmarked. */
export const saikeiSourceMissing: Rule<SaikeiSourceMissingMessageIds> = {
  id: 'saikei-source-missing',
  meta: { severity: 'warning', messages: { missing: ['text'] }, fixable: false },
  create(ctx) {
    return {
      end() {
        // A section workbook checked on its own holds its rows and the sources split carried
        // for them, not the master: a 再掲 the section wrote of another department's text
        // cannot be told from a lost source here. Consolidate checks it against the master.
        const section = ctx.section;
        if (section && ctx.context.every((c) => c === section.sources)) return;
        for (const { ref, match } of markedWithSources(ctx.parsed, ctx.context, ctx.config.saikei.driftThreshold)) {
          if (match.kind !== 'none') continue;
          ctx.report({ messageId: 'missing', data: { text: excerpt(ref.bullet.text) }, sheet: ref.sheet, r: ref.r, c: ref.c });
        }
      },
    };
  },
};
