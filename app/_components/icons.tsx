import type { SVGProps } from 'react';

/**
 * The portal's icons: inline SVG drawn here (no icon font, no emoji, which show as empty boxes
 * where no emoji font is installed, and nothing fetched from elsewhere: the CSP allows it as
 * it is). Decorative: aria-hidden, the words beside them say what they mean. They take the
 * text's colour (currentColor) and size (1.25em), so they follow their heading.
 */
function Svg({ children, ...props }: SVGProps<SVGSVGElement>) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="1.25em"
      height="1.25em"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className="shrink-0"
      {...props}
    >
      {children}
    </svg>
  );
}

const PATHS = {
  /** A calendar page: collection calendar. */
  calendar: (
    <>
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4M7 14h2M11 14h2M15 14h2M7 18h2M11 18h2" />
    </>
  ),
  /** A drop of water: water bills. */
  drop: <path d="M12 3c3.5 4.5 6 7.8 6 11a6 6 0 0 1-12 0c0-3.2 2.5-6.5 6-11Z" />,
  /** A banknote: property taxes. */
  money: (
    <>
      <rect x="2" y="6" width="20" height="12" rx="2" />
      <circle cx="12" cy="12" r="2.5" />
      <path d="M6 10v4M18 10v4" />
    </>
  ),
  /** A clipboard with lines: service requests. */
  clipboard: (
    <>
      <rect x="5" y="4" width="14" height="17" rx="2" />
      <path d="M9 4V3h6v1M9 10h6M9 14h6M9 18h3" />
    </>
  ),
  /** A paw print: pet registration. */
  paw: (
    <>
      <path d="M12 13c-3 0-5.5 3-5.5 5.2 0 1.6 1.4 2.3 2.8 1.9 1-.3 1.8-.6 2.7-.6s1.7.3 2.7.6c1.4.4 2.8-.3 2.8-1.9C17.5 16 15 13 12 13Z" />
      <circle cx="6" cy="10" r="1.8" />
      <circle cx="9.5" cy="5.8" r="1.8" />
      <circle cx="14.5" cy="5.8" r="1.8" />
      <circle cx="18" cy="10" r="1.8" />
    </>
  ),
  /** An envelope: e-subscriptions. */
  envelope: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </>
  ),
  /** A flame: open-air fire permits. */
  flame: (
    <path d="M12 3c1 3.5 5 5.5 5 10.5a5 5 0 0 1-10 0c0-2.5 1.2-4 2.5-5 .2 1.8 1 2.8 2 3.2C11 9 11 6 12 3Z" />
  ),
  /** A building with a roof and a door: Building Code Services. */
  building: (
    <>
      <path d="M3 10.5 12 4l9 6.5" />
      <path d="M5 9v11h14V9" />
      <path d="M10 20v-5h4v5M8 12h2M14 12h2" />
    </>
  ),
} as const;

export type IconName = keyof typeof PATHS;

/** One of the portal's icons, by name (lib/dashboard/widgets.ts names them). */
export function Icon({ name, ...props }: { name: IconName } & SVGProps<SVGSVGElement>) {
  return <Svg {...props}>{PATHS[name]}</Svg>;
}

/**
 * The City's wordmark as the portal draws it: a mark of our own (a ring and a river's wave, not
 * the City's registered logo) and its word (`word`, "Ottawa"). Named by `label` ("Ville d’Ottawa").
 */
export function Wordmark({ label, word }: { label: string; word: string }) {
  return (
    <span role="img" aria-label={label} className="inline-flex items-center gap-2">
      <svg
        viewBox="0 0 32 32"
        width="32"
        height="32"
        aria-hidden="true"
        focusable="false"
        className="shrink-0"
      >
        <circle cx="16" cy="16" r="13" fill="none" stroke="currentColor" strokeWidth="3.5" />
        <path
          d="M7 19c3-3 6-3 9 0s6 3 9 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="3"
          strokeLinecap="round"
        />
      </svg>
      <span aria-hidden="true" className="text-2xl font-bold tracking-tight">
        {word}
      </span>
    </span>
  );
}
