// A captured Io: what a user would see on stdout and stderr, as text.
import type { Io } from '../../lib/cli/io';

export function capture(): Io & { outText: () => string; errText: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    progress: () => undefined,
    progressDone: () => undefined,
    outText: () => out.join('\n'),
    errText: () => err.join('\n'),
  };
}
