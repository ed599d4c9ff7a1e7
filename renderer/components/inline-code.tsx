import type { ReactNode } from 'react';

/** Renders `backticked` parts of a plain sentence as <code>. */
export function InlineCode({ text }: { text: string }): ReactNode {
  const parts = text.split('`');
  return parts.map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : part));
}
