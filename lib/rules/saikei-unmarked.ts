import { excerpt } from '../locale/ja/format';
import { location, repeatedBullets } from '../saikei';
import type { Rule } from './types';

const NOTE = /^[\s\u3000]*※/u;

export type SaikeiUnmarkedMessageIds = 'duplicate';

/** The same bullet in two rows with no 再掲 mark on either; only exact repeats count. */
export const saikeiUnmarked: Rule<SaikeiUnmarkedMessageIds> = {
  id: 'saikei-unmarked',
  meta: { severity: 'warning', messages: { duplicate: ['text', 'source'] }, fixable: false },
  create(ctx) {
    return {
      end() {
        for (const refs of repeatedBullets(ctx.parsed, ctx.config.saikei.minUnmarkedLength)) {
          const first = refs[0]!;
          // A ※ note (「※令和3年6月死亡事例の検証報告を踏まえ…」) annotates its row and is
          // repeated word for word by design, never marked 再掲 (seed 002 1-ア, 3-エ, 5-エ).
          if (NOTE.test(first.bullet.text)) continue;
          for (const ref of refs.slice(1)) {
            if (ref.rowKey === first.rowKey) continue;
            ctx.report({ messageId: 'duplicate', data: { text: excerpt(ref.bullet.text, 20), source: location(first) }, sheet: ref.sheet, r: ref.r, c: ref.c });
          }
        }
      },
    };
  },
};
