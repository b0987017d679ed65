import { excerpt } from '../locale/ja';
import { buildIndex, location } from '../saikei';
import type { Rule } from './types';

/** The same bullet in two rows with no 再掲 mark on either; only exact repeats count. */
export const saikeiUnmarked: Rule = {
  id: 'saikei-unmarked',
  meta: { severity: 'warning', messages: { duplicate: ['text', 'source'] }, fixable: false },
  create(ctx) {
    return {
      end() {
        const idx = buildIndex(ctx.parsed);
        const min = ctx.config.saikei.minUnmarkedLength;
        for (const [key, refs] of idx.exact) {
          if ([...key].length < min || refs.length < 2) continue;
          const first = refs[0]!;
          for (const ref of refs.slice(1)) {
            if (ref.rowKey === first.rowKey) continue;
            ctx.report({ messageId: 'duplicate', data: { text: excerpt(ref.bullet.text, 20), source: location(first) }, sheet: ref.sheet, r: ref.r, c: ref.c });
          }
        }
      },
    };
  },
};
