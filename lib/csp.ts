// The Content-Security-Policy of every response, built per request around a
// fresh nonce (proxy.ts sets it on the request, where Next reads the nonce and
// puts it on its own scripts, and on the response). Pure: the nonce and the
// request's facts are passed in.

/** A fresh, unguessable nonce for one response (128 random bits, base64). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export type CspOptions = {
  nonce: string;
  /** `next dev`: React's dev tools need eval, and dev styles arrive as inline <style> without a nonce. */
  dev?: boolean;
  /** The page was served over https: ask the browser to upgrade any http subresource. */
  https?: boolean;
};

/** The policy as one header value. */
export function contentSecurityPolicy({ nonce, dev = false, https = false }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    // Only scripts carrying this response's nonce run, and what they load ('strict-dynamic'): Next's
    // own scripts and inline bootstrap carry it; an injected <script> or on* attribute cannot.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Stylesheets and <style> elements: our own files, or Next's inline styles carrying the nonce.
    `style-src 'self' ${dev ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // Style *attributes* cannot carry a nonce. React writes `style={...}` props as attributes in server
    // HTML (Next's built-in error pages use them), so they are allowed; a style attribute cannot run
    // script, and feed text is never rendered as markup, so this opens no way to inject code.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The search box asks /api/suggest; nothing else is fetched, and never from elsewhere.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Only over https: on a plain-http install (a LAN, localhost) it would break every asset.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}
