// The pane under test against the in-memory Excel: a small DOM for the whole file, and a fake
// host installed as Office.js whose late echo events are handled before the next test starts.
import { setExcelRun } from '../../addin/office/run';
import type { Shell } from '../../addin/taskpane/shell';
import type { FakeExcel } from './fake-excel';
import { installMiniDom } from './mini-dom';

/** Call at the top of a test file; `use(fake)` makes a fake the host of the running test. */
export function paneHarness(): { use(fake: FakeExcel): FakeExcel } {
  let removeDom: () => void = () => undefined;
  let current: FakeExcel | null = null;
  beforeAll(() => {
    removeDom = installMiniDom();
  });
  afterAll(() => removeDom());
  afterEach(async () => {
    await current?.settled();
    current = null;
    setExcelRun(undefined);
  });
  return {
    use(fake) {
      fake.install();
      setExcelRun((_o, batch) => fake.run(batch));
      current = fake;
      return fake;
    },
  };
}

/** Every line the pane puts on its status line, as `kind:text` (info when no kind). */
export function recordStatus(shell: Shell): string[] {
  const said: string[] = [];
  const status = shell.status.bind(shell);
  shell.status = (text, kind) => {
    said.push(`${kind ?? 'info'}:${text}`);
    status(text, kind);
  };
  return said;
}
