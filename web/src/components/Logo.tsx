import { useId } from 'react';

/** The Junheng mark: a balance beam with two equal pans. */
export function Logo({ size = 32 }: { size?: number }) {
  // Each instance has its own gradient id: with a shared id, a hidden copy (the desktop header on a phone) owns the
  // gradient and every other copy paints nothing.
  const id = `jh-logo-g-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" style={{ flex: 'none' }} data-testid="jh-logo">
      <defs>
        <linearGradient id={id} x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#3b82f6" />
          <stop offset="1" stopColor="#1d4ed8" />
        </linearGradient>
      </defs>
      <rect width="64" height="64" rx="14" fill={`url(#${id})`} />
      <path d="M14 22h36M32 14v34M22 48h20" stroke="#fff" strokeWidth="4.5" strokeLinecap="round" />
      <path d="M14 22l-6 14h12zM50 22l-6 14h12z" fill="#bfdbfe" stroke="#fff" strokeWidth="2.5" strokeLinejoin="round" />
    </svg>
  );
}
