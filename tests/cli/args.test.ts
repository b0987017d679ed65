// Command-line conventions, the same for every command: --help, --version, unknown options
// and missing values, each answered in Japanese with the command's usage.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { capture } from '../hostile/io';

const COMMANDS = ['validate', 'split', 'consolidate', 'publish', 'rules', 'config'];
const VERSION = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;

function run(args: string[]): { code: number; out: string; err: string } {
  const io = capture();
  const code = main(args, io);
  return { code, out: io.outText(), err: io.errText() };
}

describe.each(COMMANDS)('shinchoku %s', (command) => {
  test.each(['--help', '-h'])('%s prints its own Japanese usage and exits 0', (flag) => {
    const r = run([command, flag]);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toMatch(new RegExp(`^使い方:\\n  shinchoku ${command}\\b`));
    // Only this command's usage, not the whole help.
    for (const other of COMMANDS.filter((c) => c !== command)) expect(r.out).not.toContain(`shinchoku ${other} `);
    expect(run(['help', command])).toEqual(r);
  });

  test('--help wins over anything else on the line', () => {
    expect(run([command, 'x.xlsx', '--nope', '--help']).code).toBe(0);
  });

  test.each(['--nope', '-x', '--nope=1'])('an unknown option (%s): named in Japanese, then the usage, exit 2', (option) => {
    const r = run([command, option, 'a.xlsx', 'b']);
    const [message, ...usage] = r.err.split('\n');
    expect([r.code, message, r.out]).toEqual([2, `不明なオプションです: ${option.replace(/=.*/, '')}`, '']);
    expect(usage.join('\n')).toBe(run([command, '--help']).out);
  });
});

test.each([['--version'], ['-v'], ['validate', '--version']])('%s prints the package version', (...args) => {
  expect(run(args)).toEqual({ code: 0, out: `shinchoku ${VERSION}`, err: '' });
});

test('the whole help names every command, --help and --version', () => {
  for (const args of [['--help'], ['-h'], ['help']]) {
    const r = run(args);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.out).toContain(`shinchoku ${c}`);
    expect(r.out).toContain('--help');
    expect(r.out).toContain('--version');
  }
  expect(run([]).code).toBe(2);
});

test.each([
  [['consolidate', 'm.xlsx', 'd', '-o'], '-o の値がありません'],
  [['consolidate', 'm.xlsx', 'd', '-o', '--format', 'json'], '-o の値がありません'],
  [['validate', 'a.xlsx', '--format'], '--format の値がありません'],
  [['consolidate', 'm.xlsx', 'd', '-o', 'out.xlsx', '--sheets=yes'], '--sheets には値を付けられません: yes'],
  [['rules', 'extra'], '余分な引数です: extra'],
  [['config', 'extra'], '余分な引数です: extra'],
  [['help', 'nope'], '不明なコマンドです: nope'],
  [['nope'], '不明なコマンドです: nope'],
  [['--nope'], '不明なオプションです: --nope'],
])('%j: %s, exit 2', (args, message) => {
  const r = run(args);
  expect([r.code, r.err.split('\n')[0]]).toEqual([2, message]);
});

test('options are read in every spelling parseArgs knows: --name=value, -ovalue, after the files', () => {
  // A missing master is reached only once the arguments parsed.
  for (const args of [
    ['split', 'nai.xlsx', '--output=out', '--format=json'],
    ['split', 'nai.xlsx', '-oout'],
    ['split', '-o', 'out', 'nai.xlsx'],
  ]) {
    const r = run(args);
    expect([args, r.code, r.err]).toEqual([args, 2, expect.stringContaining('集約表 nai.xlsx を読めません')]);
  }
});
