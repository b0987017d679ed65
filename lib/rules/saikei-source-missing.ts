import { excerpt } from '../locale/ja';
import { buildIndex, findSource } from '../saikei';
import type { Rule } from './types';

/** Text marked 再掲 whose source is nowhere else in the workbook, unmarked. */
export const saikeiSourceMissing: Rule = {
  id: 'saikei-source-missing',
  meta: { severity: 'warning', messages: { missing: ['text'] }, fixable: false },
  create(ctx) {
    return {
      end() {
        const idx = buildIndex(ctx.parsed);
        const contexts = ctx.context.map(buildIndex);
        const threshold = ctx.config.saikei.driftThreshold;
        for (const ref of idx.bullets) {
          if (!ref.bullet.saikei) continue;
          if (findSource(idx, ref, threshold, contexts).kind !== 'none') continue;
          ctx.report({ messageId: 'missing', data: { text: excerpt(ref.bullet.text) }, sheet: ref.sheet, r: ref.r, c: ref.c });
        }
      },
    };
  },
};
