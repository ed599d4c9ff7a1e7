/** The Warden mark: a shield with a check, the same drawing as the favicon. */
export function Logo({ size = 20 }: { size?: number }) {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d="M16 2.5 4.5 6.8v8.4c0 7.1 4.9 12.5 11.5 14.3 6.6-1.8 11.5-7.2 11.5-14.3V6.8Z" className="logo__shield" />
      <path
        d="m10.5 16.2 3.8 3.8 7.4-7.6"
        fill="none"
        className="logo__check"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
