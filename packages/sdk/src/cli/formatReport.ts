import type { AigcReport } from "../verify/AigcReport.ts";

const MARK = { passed: "PASS", warning: "WARN", failed: "FAIL", unsupported: "N/A " } as const;

/** The human-readable form of a report: one block per link, a verdict, and the SRS warning. */
export function formatReport({ report }: { report: AigcReport }): string {
  const lines = [
    `Token ${report.tokenId} of ${report.collection} on chain ${report.chainId}` +
      (report.prompt === undefined ? "" : `: "${report.prompt}"`),
    "",
  ];
  for (const link of report.links) {
    lines.push(`  [${MARK[link.status]}] ${link.title}`, `         ${link.reason}`);
  }
  const failed = report.links.filter((link) => link.status === "failed").length;
  const unsupported = report.links.filter((link) => link.status === "unsupported").length;
  const warnings = report.links.filter((link) => link.status === "warning").length;
  lines.push(
    "",
    !report.passed
      ? `NOT VERIFIED: ${failed} link(s) failed, ${unsupported} could not be checked (${report.ms} ms).`
      : warnings === 0
        ? `VERIFIED: every link of the chain of provenance passed (${report.ms} ms).`
        : `VERIFIED WITH ${warnings} WARNING(S): no link failed, but read the WARN line(s) above (${report.ms} ms).`,
  );
  if (report.srs === "development") {
    lines.push(
      "WARNING: this model uses a DEVELOPMENT trusted setup. Whoever generated its SRS can forge " +
        "proofs; treat this token's provenance as unproven.",
    );
  }
  return `${lines.join("\n")}\n`;
}
