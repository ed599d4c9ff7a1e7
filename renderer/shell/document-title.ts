/**
 * The window title: the view's name, prefixed with the number of calls waiting for a person,
 * e.g. "(2) Live · Warden". Two writers (the router names the view, the shell counts the
 * requests), one place that composes them.
 */
let viewTitle = 'Warden';
let pending = 0;

export function titleWith(base: string, count: number): string {
  return count > 0 ? `(${count}) ${base}` : base;
}

function apply(): void {
  document.title = titleWith(viewTitle, pending);
}

export function setViewTitle(title: string): void {
  viewTitle = title;
  apply();
}

export function setPendingInTitle(count: number): void {
  pending = Math.max(0, Math.floor(count));
  apply();
}
