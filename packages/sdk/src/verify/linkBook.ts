import { AIGC_LINKS, type AigcLink, type AigcLinkId, type AigcLinkStatus } from "./AigcReport.ts";

/** Collects link verdicts; a link never set is reported unsupported with `fallback` as reason. */
export function linkBook() {
  const verdicts = new Map<AigcLinkId, { status: AigcLinkStatus; reason: string }>();
  const set = (id: AigcLinkId, status: AigcLinkStatus) => (reason: string) => {
    verdicts.set(id, { status, reason });
  };
  return {
    passed: (id: AigcLinkId, reason: string) => set(id, "passed")(reason),
    warning: (id: AigcLinkId, reason: string) => set(id, "warning")(reason),
    failed: (id: AigcLinkId, reason: string) => set(id, "failed")(reason),
    unsupported: (id: AigcLinkId, reason: string) => set(id, "unsupported")(reason),
    status: (id: AigcLinkId) => verdicts.get(id)?.status,
    /** Every link in report order; those never set are unsupported because of `fallback`. */
    links(fallback: string): AigcLink[] {
      return (Object.keys(AIGC_LINKS) as AigcLinkId[]).map((id) => ({
        id,
        title: AIGC_LINKS[id],
        ...(verdicts.get(id) ?? { status: "unsupported", reason: `not checked: ${fallback}` }),
      }));
    },
  };
}

export type LinkBook = ReturnType<typeof linkBook>;
