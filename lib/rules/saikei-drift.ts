import { a1 } from '../grid';
import { excerpt } from '../locale/ja/format';
import { describeDiff, location, markedWithSources, replaceBullets, type BulletRef } from '../saikei';
import type { Rule } from './types';

export type SaikeiDriftMessageIds = 'drift';

/** A 再掲 whose source exists but differs: name the source, show the change, offer to copy it. */
export const saikeiDrift: Rule<SaikeiDriftMessageIds> = {
  id: 'saikei-drift',
  meta: { severity: 'warning', messages: { drift: ['text', 'source', 'diff'] }, fixable: true },
  create(ctx) {
    return {
      end() {
        // Group by cell: every drifted bullet of one cell shares one fix, so the fixes never overlap.
        const byCell = new Map<string, { ref: BulletRef; source: BulletRef }[]>();
        for (const { ref, match: m } of markedWithSources(ctx.parsed, ctx.context, ctx.config.saikei.driftThreshold)) {
          if (m.kind !== 'near') continue;
          const k = `${ref.sheet}\u0000${ref.r},${ref.c}`;
          byCell.set(k, [...(byCell.get(k) ?? []), { ref, source: m.source }]);
        }
        for (const drifts of byCell.values()) {
          const first = drifts[0]!.ref;
          const value = replaceBullets(
            first.cellText,
            drifts.map((d) => ({ bullet: d.ref.bullet, sourceText: d.source.bullet.text })),
          );
          for (const { ref, source } of drifts) {
            ctx.report({
              messageId: 'drift',
              data: {
                text: excerpt(ref.bullet.text, 20),
                source: location(source),
                diff: describeDiff(source.bullet.text, ref.bullet.text),
              },
              sheet: ref.sheet,
              r: ref.r,
              c: ref.c,
              fix: { sheet: ref.sheet, cell: a1(ref.r, ref.c), value },
            });
          }
        }
      },
    };
  },
};
