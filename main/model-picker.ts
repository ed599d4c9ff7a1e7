import type { BrowserWindow, OpenDialogOptions } from 'electron';
import { dialog } from 'electron';

const pickerOptions: OpenDialogOptions = {
  title: 'Choose a GGUF model',
  properties: ['openFile'],
  filters: [{ name: 'GGUF model', extensions: ['gguf'] }],
};

/**
 * `model.pick` in the desktop app: the OS file picker, attached to the window when there is one.
 * The path comes from the person choosing it here, in the main process, never from the page.
 */
export function modelFilePicker(window: () => BrowserWindow | null): () => Promise<string | null> {
  return async () => {
    const parent = window();
    const result = await (parent === null ? dialog.showOpenDialog(pickerOptions) : dialog.showOpenDialog(parent, pickerOptions));
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
