// The site's pages, by path: pure, so the reactive router and link handling share it.

export type Route =
  | { page: "create"; generationId: string | undefined }
  | { page: "gallery"; pageNumber: number }
  | { page: "token"; tokenId: string }
  | { page: "model" }
  | { page: "missing" };

/** The page a URL shows. */
export function parseRoute(url: URL): Route {
  const { pathname, searchParams } = url;
  if (pathname === "/") return { page: "create", generationId: searchParams.get("g") ?? undefined };
  if (pathname === "/gallery") {
    const pageNumber = Number(searchParams.get("page") ?? "1");
    return {
      page: "gallery",
      pageNumber: Number.isInteger(pageNumber) && pageNumber > 0 ? pageNumber : 1,
    };
  }
  const token = /^\/token\/([0-9]{1,78}|0x[0-9a-fA-F]{1,64})$/.exec(pathname);
  if (token) return { page: "token", tokenId: token[1]! };
  if (pathname === "/model") return { page: "model" };
  return { page: "missing" };
}

/** Resolves a link against the current page: its path with query, and the page it shows. */
export function resolveLink(href: string): { path: string; route: Route } {
  const url = new URL(href, location.href);
  return { path: url.pathname + url.search, route: parseRoute(url) };
}
