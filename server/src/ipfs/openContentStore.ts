import { join } from "node:path";
import type { Config } from "../config/config.ts";
import type { ContentStore } from "./contentStore.ts";
import { EmbeddedContentStore } from "./embeddedContentStore.ts";
import { KuboContentStore } from "./kuboContentStore.ts";

/**
 * The Kubo node when `IPFS_API_URL` is set (it must answer now), else the embedded blockstore
 * under the data folder.
 */
export async function openContentStore({ config }: { config: Config }): Promise<ContentStore> {
  if (config.ipfs.apiUrl !== undefined)
    return KuboContentStore.connect({ url: config.ipfs.apiUrl });
  return EmbeddedContentStore.open({ dir: join(config.dataDir, "blocks") });
}
