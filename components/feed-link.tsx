// The visible "Atom feed" link of a listing (the <link rel="alternate"> in the
// page head points at the same URL, for feed readers that look there).
export function FeedLink({ href }: { href: string }) {
  return (
    <a
      href={href}
      type="application/atom+xml"
      className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm text-orange-700 hover:bg-orange-50 dark:text-orange-300 dark:hover:bg-orange-950"
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4" fill="currentColor">
        <circle cx="3" cy="13" r="2" />
        <path d="M1 6.5a8.5 8.5 0 0 1 8.5 8.5H7.2A6.2 6.2 0 0 0 1 8.8z" />
        <path d="M1 1.5A13.5 13.5 0 0 1 14.5 15h-2.3A11.2 11.2 0 0 0 1 3.8z" />
      </svg>
      Atom feed
    </a>
  );
}
