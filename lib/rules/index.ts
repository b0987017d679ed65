// The registry: every rule, sorted by id. tests/rules-registry.test.ts fails when a rule
// file is missing here, lacks its locale entry, its test, or its sample workbook.
import { department } from './department';
import { enumRule } from './enum';
import { headerMissing } from './header-missing';
import { numbering } from './numbering';
import { required } from './required';
import { saikeiDrift } from './saikei-drift';
import { saikeiSourceMissing } from './saikei-source-missing';
import { saikeiUnmarked } from './saikei-unmarked';
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
