// The `shinchoku` command: parses arguments, dispatches, maps failures to exit codes.
import * as fs from 'node:fs';
import { ConfigError, defaultConfig, defaultConfigJson, parseConfig, type Config } from '../config';
import { cli, consolidate as consolidateText, format, ruleDocs, severityLabel } from '../locale/ja';
import { rules } from '../rules';
import { processIo, type Io } from './io';
import { runValidate } from './validate';
import { runSplit } from './split';
import { runConsolidate } from './consolidate';
import { runPublish } from './publish';

export class UsageError extends Error {}

export interface Parsed {
  positional: string[];
  options: Map<string, string | true>;
}

/** --name value, --name=value and boolean --flag; `valued` lists the options that take a value. */
export function parseArgs(argv: string[], valued: readonly string[], flags: readonly string[] = []): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') || (a.startsWith('-') && a.length === 2)) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (valued.includes(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) throw new UsageError(format(cli.missingValue, { option: name }));
        options.set(name, v);
      } else if (flags.includes(name)) {
        options.set(name, true);
      } else {
        throw new UsageError(format(cli.unknownOption, { option: a }));
      }
      continue;
    }
    positional.push(a);
  }
  return { positional, options };
}

export function loadConfigFile(file: string | undefined): Config {
  if (!file) return defaultConfig();
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(file, [format(cli.configUnreadable, { path: file, detail: err instanceof Error ? err.message : String(err) })]);
  }
  return parseConfig(raw, file);
}

function rulesText(): string {
  return rules
    .map((r) => `${r.id}\t[${severityLabel[r.meta.severity]}]${r.meta.fixable ? '[修正案あり]' : ''}\t${ruleDocs[r.id]?.description ?? ''}`)
    .join('\n');
}

function formatOf(p: Parsed): 'text' | 'json' {
  const fmt = (p.options.get('--format') as string | undefined) ?? 'text';
  if (fmt !== 'text' && fmt !== 'json') throw new UsageError(format(cli.badFormat, { value: fmt }));
  return fmt;
}

function outputOf(p: Parsed): string {
  const out = (p.options.get('-o') ?? p.options.get('--output')) as string | undefined;
  if (!out) throw new UsageError(consolidateText.noOutput);
  return out;
}

/** split and publish: one workbook in, -o where to write. */
function oneWorkbook(rest: string[], missing: string): { input: string; out: string; fmt: 'text' | 'json'; config: Config } {
  const p = parseArgs(rest, ['--format', '--config', '-o', '--output']);
  const fmt = formatOf(p);
  if (p.positional.length !== 1) throw new UsageError(missing);
  const out = outputOf(p);
  return { input: p.positional[0]!, out, fmt, config: loadConfigFile(p.options.get('--config') as string | undefined) };
}

export function main(argv: string[], io: Io = processIo()): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'validate': {
        const p = parseArgs(rest, ['--format', '--config']);
        const fmt = formatOf(p);
        if (p.positional.length === 0) throw new UsageError(cli.noInputs);
        const config = loadConfigFile(p.options.get('--config') as string | undefined);
        return runValidate({ inputs: p.positional, format: fmt, config }, io);
      }
      case 'split': {
        const a = oneWorkbook(rest, consolidateText.noMaster);
        return runSplit({ master: a.input, outDir: a.out, format: a.fmt, config: a.config }, io);
      }
      case 'consolidate': {
        const p = parseArgs(rest, ['--format', '--config', '-o', '--output'], ['--prefer-newest', '--sheets']);
        const fmt = formatOf(p);
        if (p.positional.length === 0) throw new UsageError(consolidateText.noMaster);
        if (p.positional.length === 1) throw new UsageError(consolidateText.noSources);
        const out = outputOf(p);
        const config = loadConfigFile(p.options.get('--config') as string | undefined);
        const [master, ...inputs] = p.positional as [string, ...string[]];
        return runConsolidate(
          { master, inputs, output: out, format: fmt, config, preferNewest: p.options.has('--prefer-newest'), sheets: p.options.has('--sheets') },
          io,
        );
      }
      case 'publish': {
        const a = oneWorkbook(rest, consolidateText.noPublishInput);
        return runPublish({ input: a.input, output: a.out, format: a.fmt, config: a.config }, io);
      }
      case 'rules':
        io.out(rulesText());
        return 0;
      case 'config':
        io.out(defaultConfigJson());
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(cli.help);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(format(cli.unknownCommand, { command }));
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(err.message);
      const usage: Record<string, string> = { split: consolidateText.usageSplit, consolidate: consolidateText.usageConsolidate, publish: consolidateText.usagePublish };
      io.err(usage[command ?? ''] ?? cli.help);
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
