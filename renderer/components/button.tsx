import type { ButtonHTMLAttributes } from 'react';
import './button.css';

type Variant = 'default' | 'ghost' | 'primary';

/** The console's one button; `type="button"` unless told otherwise. */
export function Button({
  variant = 'default',
  size = 'md',
  className,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: 'sm' | 'md' | 'icon' }) {
  const classes = ['btn', `btn--${variant}`, `btn--${size}`, className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}
