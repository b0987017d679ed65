import { excerpt } from '../locale/ja';
import { markedWithSources } from '../saikei';
import type { Rule } from './types';

/** Text marked 再掲 whose source is nowhere else in the workbook, unmarked. */
export const saikeiSourceMissing: Rule = {
  id: 'saikei-source-missing',
  meta: { severity: 'warning', messages: { missing: ['text'] }, fixable: false },
  create(ctx) {
    return {
      end() {
        for (const { ref, match } of markedWithSources(ctx.parsed, ctx.context, ctx.config.saikei.driftThreshold)) {
          if (match.kind !== 'none') continue;
          ctx.report({ messageId: 'missing', data: { text: excerpt(ref.bullet.text) }, sheet: ref.sheet, r: ref.r, c: ref.c });
        }
      },
    };
  },
};
