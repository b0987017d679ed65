// The consolidation API of lib/consolidate, seen from the add-in, and the CLI's Japanese
// reasons for a master it cannot use.
import { masterErrorMessage as lib } from '../../lib/consolidate/messages';
export { consolidate } from '../../lib/consolidate/consolidate';
export { split, type SplitResult, type SplitFile } from '../../lib/consolidate/split';
export { planPublish, publish, type PublishPlan, type PublishResult } from '../../lib/consolidate/publish';
export type { Summary, Source, ConsolidateResult } from '../../lib/consolidate/types';

export function masterErrorMessage(err: unknown, master: string): string {
  return lib(err, master) ?? (err instanceof Error ? err.message : String(err));
}
