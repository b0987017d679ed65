// The whole Japanese catalogue, for the public `ja` export of lib/index.ts. Code inside the
// project imports the one audience file it needs instead.
export { addin } from './addin';
export { cli, nextPeriod } from './cli';
export { consolidate } from './consolidate';
export { diff, diffPane } from './diff';
export { excerpt, format, severityLabel } from './format';
export { glossary, type GlossaryTerm } from './glossary';
export { fileKinds, readErrors, skipReasons } from './read';
export { findingMessage, ruleDoc, ruleDocs, ruleMessage, type RuleCatalogue, type RuleDoc } from './rules';
export { summary } from './summary';
