// A stand-in for next/headers in Vitest: server actions read and set cookies
// through it. Each test file gets a cookie jar it can inspect and swap, which is
// how the tests act as different browsers.
export type Jar = Map<string, string>;

/** Requests look like Next's own action calls (with JavaScript) unless a test says otherwise. */
export const context = {
  jar: new Map() as Jar,
  headers: new Headers({ "next-action": "test", host: "localhost:3000" }),
};

/** Switches to another browser (its own cookie jar). */
export function useBrowser(jar: Jar) {
  context.jar = jar;
}

export const cookieStore = {
  get: (name: string) => (context.jar.has(name) ? { name, value: context.jar.get(name)! } : undefined),
  set: (name: string, value: string) => void context.jar.set(name, value),
  delete: (name: string) => void context.jar.delete(name),
};
