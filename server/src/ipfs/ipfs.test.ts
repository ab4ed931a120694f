import { describeGateway } from "../testing/gatewaySuite.ts";

// The same suite runs over a real Kubo daemon in test/e2e/kubo.test.ts.
describeGateway("GET /ipfs/:cid (gateway over the embedded store)");
