// The registry: every rule, sorted by id. tests/rules-registry.test.ts fails when a rule
// file is missing here, lacks its locale entry, its test, or its sample workbook.
import { department, type DepartmentMessageIds } from './department';
import { enumRule, type EnumMessageIds } from './enum';
import { headerMissing, type HeaderMissingMessageIds } from './header-missing';
import { numbering, type NumberingMessageIds } from './numbering';
import { required, type RequiredMessageIds } from './required';
import { saikeiDrift, type SaikeiDriftMessageIds } from './saikei-drift';
import { saikeiSourceMissing, type SaikeiSourceMissingMessageIds } from './saikei-source-missing';
import { saikeiUnmarked, type SaikeiUnmarkedMessageIds } from './saikei-unmarked';
import type { Rule } from './types';

export const rules: readonly Rule[] = [
  department,
  enumRule,
  headerMissing,
  numbering,
  required,
  saikeiDrift,
  saikeiSourceMissing,
  saikeiUnmarked,
];

export type { Finding, Fix, Rule, Severity } from './types';

/** Each rule's message ids by rule id: the Japanese catalogue is typed by this. */
export interface RuleMessageIds {
  'department': DepartmentMessageIds;
  'enum': EnumMessageIds;
  /** Reported by the reader (lib/check.ts), not by a rule of the registry. */
  'formula-no-value': 'noValue';
  'header-missing': HeaderMissingMessageIds;
  'numbering': NumberingMessageIds;
  'required': RequiredMessageIds;
  'saikei-drift': SaikeiDriftMessageIds;
  'saikei-source-missing': SaikeiSourceMissingMessageIds;
  'saikei-unmarked': SaikeiUnmarkedMessageIds;
}

export type RuleId = keyof RuleMessageIds;
