// Loads and checks the configuration; the defaults ship with the package.
import { z } from 'zod';
import defaults from './defaults.json';
import { ConfigSchema, type Config } from './schema';

export * from './schema';

/** The configuration itself is wrong: `issues` are Japanese lines naming the JSON path. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly issues: string[],
  ) {
    super(`${source}: ${issues.join('; ')}`);
    this.name = 'ConfigError';
  }
}

let jaLoaded = false;
function useJapanese(): void {
  if (jaLoaded) return;
  z.config(z.locales.ja());
  jaLoaded = true;
}

function pathText(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(全体)';
}

export function parseConfig(input: unknown, source = '設定'): Config {
  useJapanese();
  const r = ConfigSchema.safeParse(input);
  if (!r.success) {
    throw new ConfigError(
      source,
      r.error.issues.map((i) => `${pathText(i.path)}: ${i.message}`),
    );
  }
  return r.data;
}

let cached: Config | undefined;
export function defaultConfig(): Config {
  cached ??= parseConfig(defaults, '既定の設定');
  return cached;
}

/** Raw default JSON, for users who want a copy to edit. */
export function defaultConfigJson(): string {
  return JSON.stringify(defaults, null, 2);
}
