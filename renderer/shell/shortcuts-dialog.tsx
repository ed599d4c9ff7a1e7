import { Keys } from '../components/kbd.tsx';
import { ModalDialog } from '../components/modal-dialog.tsx';
import { shortcutList } from '../keyboard/shortcuts.ts';
import { useUiStore } from '../state/ui-store.ts';
import './shortcuts-dialog.css';

/** The list of keyboard shortcuts, in a modal dialog (focus trapped, Esc closes) while the store says it is open. */
export function ShortcutsDialog() {
  const open = useUiStore((state) => state.shortcutsOpen);
  const setOpen = useUiStore((state) => state.setShortcutsOpen);
  if (!open) return null;
  return (
    <ModalDialog title="Keyboard shortcuts" onClose={() => setOpen(false)} narrow testId="shortcuts-dialog">
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
      <p className="shortcuts__footnote">
        <Keys keys={['?']} /> shows this list. <Keys keys={['Tab']} /> moves through every control;{' '}
        <Keys keys={['Esc']} /> closes this dialog. Shortcuts are off while you type in a field.
      </p>
    </ModalDialog>
  );
}
