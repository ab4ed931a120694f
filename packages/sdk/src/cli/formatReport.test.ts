import { describe, expect, it } from "vitest";
import { AIGC_LINKS, type AigcLinkId, type AigcReport } from "../verify/AigcReport.ts";
import { formatReport } from "./formatReport.ts";

function report({ setup, passed }: { setup: "passed" | "warning" | "failed"; passed: boolean }) {
  return {
    passed,
    chainId: 31337,
    collection: "0x5FbDB2315678afecb367f032d93F642f64180aa3",
    tokenId: 1n,
    srs: setup === "passed" ? "ceremony" : "development",
    links: (Object.keys(AIGC_LINKS) as AigcLinkId[]).map((id) => ({
      id,
      title: AIGC_LINKS[id],
      status: id === "trusted-setup" ? setup : "passed",
      reason: "why",
    })),
    ms: 5,
  } satisfies AigcReport;
}

describe("formatReport", () => {
  it("prints an accepted development setup as WARN, never PASS, and says the verdict has a warning", () => {
    const text = formatReport({ report: report({ setup: "warning", passed: true }) });
    expect(text).toMatch(/\[WARN\] The proof system's trusted setup/);
    expect(text).not.toMatch(/\[PASS\] The proof system's trusted setup/);
    expect(text).toMatch(/^VERIFIED WITH 1 WARNING\(S\)/m);
    expect(text).toMatch(/WARNING: this model uses a DEVELOPMENT trusted setup/);
  });

  it("keeps the plain verdict when every link passed", () => {
    const text = formatReport({ report: report({ setup: "passed", passed: true }) });
    expect(text).toMatch(/^VERIFIED: every link/m);
  });

  it("says NOT VERIFIED when a link failed", () => {
    const text = formatReport({ report: report({ setup: "failed", passed: false }) });
    expect(text).toMatch(/^NOT VERIFIED: 1 link\(s\) failed/m);
  });
});
