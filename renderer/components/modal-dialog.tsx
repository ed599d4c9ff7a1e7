import type { ReactNode, RefObject } from 'react';
import { useEffect, useId, useRef } from 'react';
import { Button } from './button.tsx';
import { Icon } from './icons.tsx';
import './modal-dialog.css';

/**
 * A native modal <dialog>, shown while mounted: focus is trapped inside, Esc and a click on the
 * backdrop close it, and focus returns to what opened it. Unmounting removes it (and any value
 * typed into it) from the page.
 */
export function ModalDialog({
  title,
  description,
  onClose,
  initialFocus,
  narrow = false,
  testId,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  onClose: () => void;
  /** What gets the focus: this element, or the first control inside it (default: the first control). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** The narrower width, for a dialog that only shows a short list. */
  narrow?: boolean;
  testId: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const target = initialFocus?.current ?? null;
    const focusable = 'input, button, select, textarea';
    (target?.matches(focusable) ? target : target?.querySelector<HTMLElement>(focusable))?.focus();
    // No dialog.close() here: its close event would arrive after a StrictMode remount and shut it.
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [initialFocus]);

  return (
    <dialog
      ref={ref}
      className={narrow ? 'modal modal--narrow' : 'modal'}
      aria-labelledby={titleId}
      aria-describedby={description === undefined ? undefined : descriptionId}
      data-testid={testId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="modal__inner">
        <header className="modal__header">
          <h2 id={titleId}>{title}</h2>
          <Button variant="ghost" size="icon" aria-label="Close" onClick={onClose}>
            <Icon name="close" />
          </Button>
        </header>
        {description !== undefined && (
          <div className="modal__description" id={descriptionId}>
            {description}
          </div>
        )}
        {children}
      </div>
    </dialog>
  );
}
