// The Japanese rules catalogue is typed by the message ids each rule declares, as
// typescript-eslint's createRule<MessageIds> does: a missing or misspelt id is a compile error.
// The `@ts-expect-error` lines below are checked by `tsc -p tsconfig.json --noEmit` (and by
// ts-jest): should the types loosen, the directives go unused and compiling fails.
import { findingMessage, ruleDocs, ruleMessage, type RuleCatalogue } from '../../lib/locale/ja/rules';
import type { EnumMessageIds } from '../../lib/rules/enum';
import type { Rule } from '../../lib/rules/types';

/** Never called: its body only has to compile (or fail to, where marked). */
export function wrongIdsDoNotCompile(): unknown[] {
  const out: unknown[] = [];
  // @ts-expect-error a misspelt message id
  out.push(ruleMessage('enum', 'invalidd', {}));
  // @ts-expect-error another rule's message id
  out.push(ruleMessage('enum', 'drift', {}));
  // @ts-expect-error a rule that does not exist
  out.push(ruleMessage('enums', 'invalid', {}));
  const misspelt: RuleCatalogue = {
    ...ruleDocs,
    // @ts-expect-error the catalogue names an id the rule does not declare
    enum: { description: 'x', messages: { invalid: 'x', varient: 'x' } },
  };
  const lacking: RuleCatalogue = {
    ...ruleDocs,
    // @ts-expect-error the catalogue lacks the rule's 'variant'
    enum: { description: 'x', messages: { invalid: 'x' } },
  };
  const rule: Rule<EnumMessageIds> = {
    id: 'enum',
    meta: { severity: 'error', messages: { invalid: [], variant: [] }, fixable: false },
    create(ctx) {
      return {
        start() {
          // @ts-expect-error a rule reports an id it did not declare
          ctx.report({ messageId: 'invald', sheet: 's', r: 0, c: 0 });
        },
      };
    },
  };
  // @ts-expect-error a rule's meta lacks one of its ids
  const bare: Rule<EnumMessageIds> = { id: 'enum', meta: { severity: 'error', messages: { invalid: [] }, fixable: false }, create: () => ({}) };
  out.push(misspelt, lacking, rule, bare);
  return out;
}

test('a message named in code renders from the catalogue', () => {
  expect(ruleMessage('enum', 'variant', { column: '取組区分', value: 'Ａ', canonical: 'A' })).toBe('取組区分「Ａ」は「A」と書いてください');
});

test('a finding read at run time with an unknown name shows the gap, not a crash', () => {
  expect(findingMessage('enum', 'nope', {})).toBe('enum/nope');
  expect(findingMessage('toString', 'x', {})).toBe('toString/x');
  expect(findingMessage('enum', 'constructor', {})).toBe('enum/constructor');
});
