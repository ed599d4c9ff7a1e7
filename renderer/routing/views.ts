/** The console's views, in navigation order; Alt+1..9 follow this order. */
export const viewIds = ['overview', 'live', 'approvals', 'agent', 'audit', 'secrets', 'policy', 'alerts', 'readiness'] as const;
export type ViewId = (typeof viewIds)[number];

export interface ViewDef {
  readonly id: ViewId;
  readonly title: string;
  /** The letter after `g` that opens this view. */
  readonly key: string;
  /** False while the view is a placeholder for a capability not built yet. */
  readonly available: boolean;
}

export const views: readonly ViewDef[] = [
  { id: 'overview', title: 'Overview', key: 'o', available: true },
  { id: 'live', title: 'Live', key: 'l', available: true },
  { id: 'approvals', title: 'Approvals', key: 'a', available: true },
  { id: 'agent', title: 'Agent', key: 'g', available: true },
  { id: 'audit', title: 'Audit', key: 'u', available: true },
  { id: 'secrets', title: 'Secrets', key: 's', available: true },
  { id: 'policy', title: 'Policy', key: 'p', available: true },
  { id: 'alerts', title: 'Alerts', key: 'e', available: false },
  { id: 'readiness', title: 'Readiness', key: 'r', available: false },
];

export const isViewId = (value: string): value is ViewId => (viewIds as readonly string[]).includes(value);

export function viewById(id: ViewId): ViewDef {
  const view = views.find((v) => v.id === id);
  if (!view) throw new Error(`Unknown view ${id}`);
  return view;
}
