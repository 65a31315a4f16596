/** Decorative pictures drawn inline, so they look the same on every phone (no emoji font needed). */
export function BookIcon({ className = "h-16 w-16" }: { className?: string }) {
  return (
    <svg viewBox="0 0 64 64" className={className} aria-hidden="true" focusable="false">
      <path d="M8 14c8-4 16-4 24 2v36c-8-6-16-6-24-2z" fill="#f5b83d" />
      <path d="M56 14c-8-4-16-4-24 2v36c8-6 16-6 24-2z" fill="#2f8f7f" />
      <path d="M32 16v36" stroke="#123d36" strokeWidth="2" />
    </svg>
  );
}

export function WaveIcon({ className = "h-16 w-16" }: { className?: string }) {
  return (
    <svg viewBox="0 0 64 64" className={className} aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="28" fill="#fff4d6" />
      <circle cx="23" cy="27" r="3.5" fill="#123d36" />
      <circle cx="41" cy="27" r="3.5" fill="#123d36" />
      <path d="M20 39c6 8 18 8 24 0" stroke="#123d36" strokeWidth="3.5" fill="none" strokeLinecap="round" />
    </svg>
  );
}
