import { a1 } from '../grid';
import { excerpt } from '../locale/ja/format';
import { levenshtein, splitBullets } from '../normalize';
import { describeDiff, location, markedWithSources, replaceBullets, type BulletRef } from '../saikei';
import type { Rule } from './types';

/**
 * A copy this close to its source is a slip (入事 for 人事) and is offered the source's text;
 * one further off may be another activity marked 再掲 by mistake: reported, never overwritten.
 */
const MAX_FIX_EDITS = 3;

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
          const slips = drifts.filter((d) => levenshtein(d.ref.bullet.key, d.source.bullet.key) <= MAX_FIX_EDITS);
          const value = replaceBullets(
            first.cellText,
            slips.map((d) => ({ bullet: d.ref.bullet, sourceText: d.source.bullet.text })),
          );
          // A fix that would list one bullet twice (the source is in the cell already) is none.
          const keys = splitBullets(value).map((b) => b.key);
          const fixable = slips.length > 0 && new Set(keys).size === keys.length;
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
              ...(fixable && slips.some((d) => d.ref === ref) ? { fix: { sheet: ref.sheet, cell: a1(ref.r, ref.c), value } } : {}),
            });
          }
        }
      },
    };
  },
};
