// The `shinchoku` command: parses arguments (node:util parseArgs), dispatches, maps failures
// to exit codes. Every command takes --help and --version and rejects unknown options alike.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, defaultConfig, defaultConfigJson, parseConfig, type Config } from '../config';
import { cli, nextPeriod as nextText } from '../locale/ja/cli';
import { consolidate as consolidateText } from '../locale/ja/consolidate';
import { format, severityLabel } from '../locale/ja/format';
import { ruleDoc } from '../locale/ja/rules';
import { summary as summaryText } from '../locale/ja/summary';
import { diff as diffText } from '../locale/ja/diff';
import { rules } from '../rules';
import { errorCode, readReason } from './errors';
import { processIo, type Io } from './io';
import { runValidate } from './validate';
import { runSplit } from './split';
import { runConsolidate } from './consolidate';
import { runPublish } from './publish';
import { runSummary } from './summary';
import { runNext } from './next';
import { runDiff } from './diff';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON: Options = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } };
const FORMAT: Options = { format: { type: 'string' }, config: { type: 'string' } };
const OUTPUT: Options = { output: { type: 'string', short: 'o' } };

interface Command {
  usage: string;
  options: Options;
}

const COMMANDS: Record<string, Command> = {
  validate: { usage: cli.usageValidate, options: FORMAT },
  split: { usage: consolidateText.usageSplit, options: { ...FORMAT, ...OUTPUT, force: { type: 'boolean' } } },
  consolidate: { usage: consolidateText.usageConsolidate, options: { ...FORMAT, ...OUTPUT, 'prefer-newest': { type: 'boolean' }, sheets: { type: 'boolean' } } },
  publish: { usage: consolidateText.usagePublish, options: { ...FORMAT, ...OUTPUT } },
  summary: { usage: summaryText.usage, options: { ...FORMAT, ...OUTPUT } },
  next: { usage: nextText.usage, options: { ...FORMAT, ...OUTPUT, period: { type: 'string' } } },
  diff: { usage: diffText.usage, options: { ...FORMAT, ...OUTPUT } },
  rules: { usage: cli.usageRules, options: {} },
  config: { usage: cli.usageConfig, options: {} },
};

export interface Parsed {
  positional: string[];
  values: Record<string, string | boolean | undefined>;
}

/**
 * parseArgs in its lenient mode, then checked here: its own errors are English, and a clerk
 * must be told in Japanese which option was wrong. A value that is itself one of our options
 * (`-o --format`) is a missing value, not a file name.
 */
export function parseCommandArgs(argv: string[], options: Options): Parsed {
  const all: Options = { ...COMMON, ...options };
  const { values, positionals, tokens } = parseArgs({ args: argv, options: all, allowPositionals: true, strict: false, tokens: true });
  const spellings = new Set(Object.entries(all).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]));
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = all[t.name];
    if (!spec) throw new UsageError(format(cli.unknownOption, { option: t.rawName }));
    if (spec.type === 'boolean' && t.value !== undefined) throw new UsageError(format(cli.optionTakesNoValue, { option: t.rawName, value: t.value }));
    if (spec.type === 'string' && (t.value === undefined || (!t.inlineValue && spellings.has(t.value)))) throw new UsageError(format(cli.missingValue, { option: t.rawName }));
  }
  return { positional: positionals, values: values as Parsed['values'] };
}

/** The version in package.json, found from dist/lib/cli or lib/cli alike. */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'shinchoku' && pkg.version) return pkg.version;
    } catch {
      // not here: one folder up
    }
    if (path.dirname(dir) === dir) return '?';
  }
}

export function loadConfigFile(file: string | undefined): Config {
  if (!file) return defaultConfig();
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = errorCode(err);
    const detail = code !== undefined ? readReason(code) : format(cli.configNotJson, { detail: err instanceof Error ? err.message : String(err) });
    throw new ConfigError(file, [format(cli.configUnreadable, { path: file, detail })]);
  }
  return parseConfig(raw, file);
}

function rulesText(): string {
  return rules
    .map((r) => `${r.id}\t[${severityLabel[r.meta.severity]}]${r.meta.fixable ? '[修正案あり]' : ''}\t${ruleDoc(r.id)?.description ?? ''}`)
    .join('\n');
}

function formatOf(p: Parsed): 'text' | 'json' {
  const fmt = (p.values['format'] as string | undefined) ?? 'text';
  if (fmt !== 'text' && fmt !== 'json') throw new UsageError(format(cli.badFormat, { value: fmt }));
  return fmt;
}

function outputOf(p: Parsed): string {
  const out = p.values['output'] as string | undefined;
  if (!out) throw new UsageError(consolidateText.noOutput);
  return out;
}

function configOf(p: Parsed): Config {
  return loadConfigFile(p.values['config'] as string | undefined);
}

/** split and publish: one workbook in, -o where to write. */
function oneWorkbook(p: Parsed, missing: string): { input: string; out: string; fmt: 'text' | 'json'; config: Config } {
  const fmt = formatOf(p);
  if (p.positional.length !== 1) throw new UsageError(missing);
  const out = outputOf(p);
  return { input: p.positional[0]!, out, fmt, config: configOf(p) };
}

function noPositional(p: Parsed): void {
  if (p.positional.length > 0) throw new UsageError(format(cli.extraArgument, { value: p.positional[0]! }));
}

function run(command: string, p: Parsed, io: Io): number | Promise<number> {
  switch (command) {
    case 'validate': {
      const fmt = formatOf(p);
      if (p.positional.length === 0) throw new UsageError(cli.noInputs);
      return runValidate({ inputs: p.positional, format: fmt, config: configOf(p) }, io);
    }
    case 'split': {
      const a = oneWorkbook(p, consolidateText.noMaster);
      return runSplit({ master: a.input, outDir: a.out, format: a.fmt, config: a.config, force: p.values['force'] === true }, io);
    }
    case 'consolidate': {
      const fmt = formatOf(p);
      if (p.positional.length === 0) throw new UsageError(consolidateText.noMaster);
      if (p.positional.length === 1) throw new UsageError(consolidateText.noSources);
      const out = outputOf(p);
      const config = configOf(p);
      const [master, ...inputs] = p.positional as [string, ...string[]];
      return runConsolidate(
        { master, inputs, output: out, format: fmt, config, preferNewest: p.values['prefer-newest'] === true, sheets: p.values['sheets'] === true },
        io,
      );
    }
    case 'publish': {
      const a = oneWorkbook(p, consolidateText.noPublishInput);
      return runPublish({ input: a.input, output: a.out, format: a.fmt, config: a.config }, io);
    }
    case 'summary': {
      const a = oneWorkbook(p, summaryText.noInput);
      return runSummary({ input: a.input, output: a.out, format: a.fmt, config: a.config }, io);
    }
    case 'next': {
      const a = oneWorkbook(p, nextText.noInput);
      const period = p.values['period'] as string | undefined;
      return runNext({ input: a.input, output: a.out, format: a.fmt, config: a.config, ...(period !== undefined ? { period } : {}) }, io);
    }
    case 'diff': {
      const fmt = formatOf(p);
      if (p.positional.length < 2) throw new UsageError(diffText.noInputs);
      if (p.positional.length > 2) throw new UsageError(format(cli.extraArgument, { value: p.positional[2]! }));
      const out = p.values['output'] as string | undefined;
      return runDiff({ old: p.positional[0]!, new: p.positional[1]!, ...(out !== undefined ? { output: out } : {}), format: fmt, config: configOf(p) }, io);
    }
    case 'rules':
      noPositional(p);
      io.out(rulesText());
      return 0;
    default:
      noPositional(p);
      io.out(defaultConfigJson());
      return 0;
  }
}

/** Every command; summary, which writes a Word file asynchronously, gives a promise. */
export function mainAsync(argv: string[], io: Io = processIo()): Promise<number> {
  return Promise.resolve(dispatch(argv, io));
}

/** The synchronous commands (everything but summary: use mainAsync, as bin/ does). */
export function main(argv: string[], io: Io = processIo()): number {
  const code = dispatch(argv, io);
  if (typeof code !== 'number') throw new TypeError('summary は mainAsync で実行します');
  return code;
}

function dispatch(argv: string[], io: Io): number | Promise<number> {
  const [first, ...rest] = argv;
  // The command's usage after a mistake in its arguments; the whole help otherwise.
  let usage: string = cli.help;
  try {
    if (first === undefined) {
      io.out(cli.help);
      return 2;
    }
    if (first === 'help') {
      const [about, ...more] = rest;
      if (more.length > 0) throw new UsageError(format(cli.extraArgument, { value: more[0]! }));
      if (about !== undefined && !COMMANDS[about]) throw new UsageError(format(cli.unknownCommand, { command: about }));
      io.out(about === undefined ? cli.help : COMMANDS[about]!.usage);
      return 0;
    }
    const command = COMMANDS[first];
    if (!command && !first.startsWith('-')) throw new UsageError(format(cli.unknownCommand, { command: first }));
    if (command) usage = command.usage;
    const args = command ? rest : argv;
    const options = command ? command.options : {};
    // --help and --version win over anything else on the line, as in most commands.
    const { values } = parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: false });
    if (values['help'] === true) {
      io.out(usage);
      return 0;
    }
    if (values['version'] === true) {
      io.out(format(cli.version, { version: packageVersion() }));
      return 0;
    }
    const p = parseCommandArgs(args, options);
    if (!command) throw new UsageError(format(cli.unknownCommand, { command: p.positional[0] ?? first }));
    return run(first, p, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      io.err(usage);
      return 2;
    }
    if (err instanceof ConfigError) {
      io.err(format(cli.configError, { path: err.source }));
      for (const i of err.issues) io.err(`  ${i}`);
      return 2;
    }
    throw err;
  }
}
