// Output channels of the CLI; tests pass their own to capture what a user would see.
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** One line of progress, redrawn in place on a terminal, silent otherwise. */
  progress(text: string): void;
  progressDone(): void;
}

export function processIo(): Io {
  const tty = Boolean(process.stderr.isTTY);
  let shown = false;
  return {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    progress: (t) => {
      if (!tty) return;
      const width = process.stderr.columns ?? 80;
      process.stderr.write(`\r\x1b[K${[...t].slice(0, Math.max(10, width - 2)).join('')}`);
      shown = true;
    },
    progressDone: () => {
      if (tty && shown) process.stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
