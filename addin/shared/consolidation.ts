// The consolidation API of lib/consolidate, seen from the add-in. Until its index exists the
// add-in says the feature is not ready instead of failing to build.
import type { Config } from '../../lib/config/schema';
import type { ConsolidateOptions, ConsolidateResult, Source } from '../../lib/consolidate/types';
export { split, type SplitResult, type SplitFile } from '../../lib/consolidate/split';
export type { Summary, Source, ConsolidateResult } from '../../lib/consolidate/types';

export type ConsolidateFn = (master: Uint8Array, sources: Source[], config: Config, opts?: ConsolidateOptions) => ConsolidateResult;

export const consolidate: ConsolidateFn | null = null;
