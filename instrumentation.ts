// Runs once when the Next.js server starts: begins building the search index in
// the background, so the first search does not wait for it on a large catalog.
// The build yields between chunks; pages are served meanwhile.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getSearchState } = await import("@/lib/search/service");
  getSearchState().catch((error: unknown) => {
    // Not fatal: the first search retries the build and reports the failure on its page.
    console.error("papershelf: could not build the search index at start-up:", error);
  });
}
