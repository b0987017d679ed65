/// <reference types="office-js" />
// The ribbon's function file. Both buttons open the task pane (ShowTaskpane in the manifest),
// so this only has to be ready; it is required by the manifest's FunctionFile.
Office.onReady(() => undefined);
