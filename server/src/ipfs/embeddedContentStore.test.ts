import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeContentStore } from "../testing/contentStoreSuite.ts";
import { EmbeddedContentStore } from "./embeddedContentStore.ts";

// The same suite runs against a real Kubo daemon in test/e2e/kubo.test.ts.
describeContentStore("EmbeddedContentStore", async () => {
  const dir = await mkdtemp(join(tmpdir(), "proofmint-ipfs-"));
  let store = await EmbeddedContentStore.open({ dir });
  return {
    store,
    async reopen() {
      await store.close();
      store = await EmbeddedContentStore.open({ dir });
      return store;
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
