// The frame around both views: title, tabs (検証 / 集約), a status line that replaces
// office-js-helpers' notifications, and file drop handling.
import { addin as t } from '../../lib/locale/ja/addin';
import { h, replace } from '../shared/dom';
import { droppedFiles } from '../shared/files';

export type ViewName = 'validate' | 'consolidate';
export type HostMode = 'excel' | 'standalone';

export class Shell {
  readonly views: Record<ViewName, HTMLElement>;
  private readonly tabs: Record<ViewName, HTMLButtonElement>;
  private readonly statusEl: HTMLElement;

  constructor(
    readonly root: HTMLElement,
    readonly mode: HostMode,
    initial: ViewName,
  ) {
    this.views = {
      validate: h('section', { class: 'view', id: 'view-validate', role: 'tabpanel' }),
      consolidate: h('section', { class: 'view', id: 'view-consolidate', role: 'tabpanel' }),
    };
    const tab = (name: ViewName, label: string): HTMLButtonElement =>
      h('button', { type: 'button', role: 'tab', class: 'tab', id: `tab-${name}`, 'aria-controls': `view-${name}`, onclick: () => this.show(name) }, label);
    this.tabs = { validate: tab('validate', t.tabValidate), consolidate: tab('consolidate', t.tabConsolidate) };
    this.statusEl = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' });
    replace(
      root,
      h(
        'header',
        { class: 'top' },
        h('h1', {}, t.title),
        h('span', { class: 'mode' }, mode === 'excel' ? t.modeExcel : t.modeStandalone),
        h('nav', { role: 'tablist' }, this.tabs.validate, this.tabs.consolidate),
      ),
      this.statusEl,
      this.views.validate,
      this.views.consolidate,
    );
    this.show(initial);
  }

  view(name: ViewName): HTMLElement {
    return this.views[name];
  }

  show(name: ViewName): void {
    for (const n of Object.keys(this.views) as ViewName[]) {
      this.views[n].hidden = n !== name;
      this.tabs[n].setAttribute('aria-selected', String(n === name));
    }
  }

  status(text: string, kind: 'info' | 'error' | 'busy' = 'info'): void {
    this.statusEl.textContent = text;
    this.statusEl.className = `status ${kind}`;
  }

  /** A box that takes files picked or dropped on it: its own, not the page's (前回の報告書). */
  dropZone(onFiles: (files: FileList | File[]) => void, label = t.dropHere, multiple = true): HTMLElement {
    const input = h('input', { type: 'file', accept: '.xlsx,.xlsm,.xls,.ods', multiple, class: 'file-input' });
    input.addEventListener('change', () => {
      if (input.files?.length) onFiles(input.files);
      input.value = '';
    });
    const zone = h('label', { class: 'drop' }, h('span', {}, label), h('br', {}), h('span', { class: 'pick' }, t.pickFiles), input);
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      e.stopPropagation();
      zone.classList.remove('over');
      document.body.classList.remove('dragging');
      if (e.dataTransfer) void this.takeDrop(e.dataTransfer, (files) => onFiles(multiple ? files : files.slice(0, 1)));
    });
    return zone;
  }

  /** Files dropped anywhere else on the page. */
  enableDrop(onFiles: (files: FileList | File[]) => void): void {
    document.addEventListener('dragover', (e) => {
      e.preventDefault();
      document.body.classList.add('dragging');
    });
    document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
    document.addEventListener('drop', (e) => {
      e.preventDefault();
      document.body.classList.remove('dragging');
      if (e.dataTransfer) void this.takeDrop(e.dataTransfer, onFiles);
    });
  }

  private async takeDrop(dt: DataTransfer, onFiles: (files: File[]) => void): Promise<void> {
    const files = await droppedFiles(dt);
    if (files.length > 0) onFiles(files);
    else this.status(t.dropNothing, 'error');
  }
}

/** ?view=consolidate opens the 集約 view (the ribbon's 集約 button). */
export function initialView(search: string): ViewName {
  return new URLSearchParams(search).get('view') === 'consolidate' ? 'consolidate' : 'validate';
}
