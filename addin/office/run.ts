/// <reference types="office-js" />
// Excel.run with the two recoveries every batch here needs: a user typing in a cell
// (retry until they leave edit mode) and, for reads, a response over the payload limit.

/** Minimal view of Excel.run so a host double can stand in for Office. */
export type ExcelRun = <T>(options: { delayForCellEdit?: boolean }, batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface RunOptions {
  /** Waits between retries while a cell is in edit mode, ms. */
  retryDelays?: number[];
  /** Told once per retry so the pane can say 「セルの編集を終えてください」. */
  onWaitForEdit?: () => void;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_DELAYS = [250, 500, 1000, 2000, 4000, 8000, 8000, 8000];

export function errorCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String((err as { code: unknown }).code);
  return '';
}

export function isPayloadTooLarge(err: unknown): boolean {
  const c = errorCode(err);
  return c === 'RequestPayloadSizeLimitExceeded' || c === 'ResponsePayloadSizeLimitExceeded' || c === 'PayloadTooLarge';
}

export function isCellEditMode(err: unknown): boolean {
  return errorCode(err) === 'InvalidOperationInCellEditMode';
}

function defaultRun(): ExcelRun {
  return ((options: Excel.RunOptions, batch: (ctx: Excel.RequestContext) => Promise<unknown>) => Excel.run(options, batch)) as ExcelRun;
}

let runImpl: ExcelRun | undefined;
/** Tests swap in an in-memory host. */
export function setExcelRun(run: ExcelRun | undefined): void {
  runImpl = run;
}

/**
 * Runs a batch; delayForCellEdit asks Excel to wait for the user, and where a host ignores it
 * (older builds) the edit-mode failure is retried so no edit of ours is lost.
 */
export async function runExcel<T>(batch: (ctx: Excel.RequestContext) => Promise<T>, opts: RunOptions = {}): Promise<T> {
  const run = runImpl ?? defaultRun();
  const delays = opts.retryDelays ?? DEFAULT_DELAYS;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((res) => setTimeout(res, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await run({ delayForCellEdit: true }, batch);
    } catch (err) {
      if (!isCellEditMode(err) || attempt >= delays.length) throw err;
      opts.onWaitForEdit?.();
      await sleep(delays[attempt]!);
    }
  }
}

/** Requirement-set check that is false, not an exception, outside Office. */
export function supports(set: 'ExcelApi', version: string): boolean {
  try {
    return typeof Office !== 'undefined' && Boolean(Office.context?.requirements?.isSetSupported(set, version));
  } catch {
    return false;
  }
}
