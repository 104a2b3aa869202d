// The document around every page: skip link, the page (header and main, see
// components/page-shell.tsx), footer.
import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Papershelf", template: "%s · Papershelf" },
  description: "Trending machine-learning papers on your own machine: browse, search and read the essentials.",
  applicationName: "Papershelf",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#09090b" },
  ],
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-zinc-50 font-sans text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow dark:focus:bg-zinc-900"
        >
          Skip to content
        </a>
        {children}
        <footer className="mx-auto max-w-5xl px-4 pb-8 text-xs text-zinc-600 dark:text-zinc-400">
          Papershelf runs on your machine; your catalog stays in its SQLite file.
        </footer>
      </body>
    </html>
  );
}
