// Client-side routes over the History API. The server answers every path that is not a file with
// index.html, so deep links (/token/123) load the site.
import { resolveLink, type Route } from "./parseRoute.ts";

export type { Route };

export const router = $state({ route: resolveLink(location.href).route });

/**
 * Goes to a path of the site without reloading; `replace` keeps the history entry. A new entry
 * starts at the top unless `scroll` is false (the page then places the view itself).
 */
export function navigate(
  href: string,
  { replace = false, scroll = true }: { replace?: boolean; scroll?: boolean } = {},
): void {
  const { path, route } = resolveLink(href);
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  router.route = route;
  if (!replace && scroll) window.scrollTo(0, 0);
}

/** Whether a same-origin link is one of the site's pages (not the API or the gateway). */
export function isSitePath(pathname: string): boolean {
  return resolveLink(pathname).route.page !== "missing";
}

window.addEventListener("popstate", () => {
  router.route = resolveLink(location.href).route;
});
