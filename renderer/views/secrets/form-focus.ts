/** Moves focus to the first field (in form order) that has an error. */
export function focusFirstError<F extends string>(
  errors: Partial<Record<F | 'form', string>>,
  order: readonly F[],
  idOf: (field: F) => string,
): void {
  const first = order.find((field) => errors[field] !== undefined);
  if (first !== undefined) document.getElementById(idOf(first))?.focus();
}

/** The errors without the one of a field that was just edited. */
export function withoutError<E extends Partial<Record<string, string>>>(errors: E, field: string): E {
  if (errors[field] === undefined && errors.form === undefined) return errors;
  return Object.fromEntries(Object.entries(errors).filter(([key]) => key !== field && key !== 'form')) as E;
}
