// Entry of the task pane and the standalone page: inside Excel the pane works on the open
// workbook; anywhere else (office.js absent, or loaded outside Office) it works on files.
import { defaultConfig } from '../../lib/config';
import { addin as t } from '../../lib/locale/ja/addin';
import { OfficeApp, officeErrorMessage } from './app-office';
import { StandaloneApp } from './app-standalone';
import { detectHost, openedByOffice } from './host';
import { initialView, Shell } from './shell';

async function main(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  root.textContent = t.starting;
  const mode = await detectHost(undefined, 5000, { inOffice: openedByOffice(), onSlow: () => { root.textContent = t.officeSlow; } });
  const shell = new Shell(root, mode, initialView(location.search));
  const config = defaultConfig();
  if (mode === 'excel') {
    await new OfficeApp(config, shell).start().catch((err: unknown) => shell.status(officeErrorMessage(err), 'error'));
  }
  else new StandaloneApp(config, shell).start();
  document.body.dataset.ready = mode;
}

void main();
