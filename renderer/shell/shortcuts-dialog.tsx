import { useEffect, useRef } from 'react';
import { Button } from '../components/button.tsx';
import { Icon } from '../components/icons.tsx';
import { Keys } from '../components/kbd.tsx';
import { shortcutList } from '../keyboard/shortcuts.ts';
import { useUiStore } from '../state/ui-store.ts';
import './shortcuts-dialog.css';

/** The list of keyboard shortcuts, in a native modal dialog (focus trapped, Esc closes). */
export function ShortcutsDialog() {
  const open = useUiStore((state) => state.shortcutsOpen);
  const setOpen = useUiStore((state) => state.setShortcutsOpen);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="shortcuts-title"
      data-testid="shortcuts-dialog"
      onClose={() => setOpen(false)}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) setOpen(false);
      }}
    >
      <div className="dialog__inner">
        <header className="dialog__header">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <Button variant="ghost" size="icon" aria-label="Close" onClick={() => setOpen(false)}>
            <Icon name="close" />
          </Button>
        </header>
        <table className="shortcuts">
          <caption className="visually-hidden">Shortcuts that open each view</caption>
          <thead>
            <tr>
              <th scope="col">Open</th>
              <th scope="col">Keys</th>
              <th scope="col">Or</th>
            </tr>
          </thead>
          <tbody>
            {shortcutList.map((item) => (
              <tr key={item.view}>
                <th scope="row">{item.title}</th>
                <td>
                  <Keys keys={item.sequence} />
                </td>
                <td>
                  <Keys keys={['Alt', item.alt]} joiner="plus" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="dialog__footnote">
          <Keys keys={['?']} /> shows this list. <Keys keys={['Tab']} /> moves through every control;{' '}
          <Keys keys={['Esc']} /> closes this dialog. Shortcuts are off while you type in a field.
        </p>
      </div>
    </dialog>
  );
}
