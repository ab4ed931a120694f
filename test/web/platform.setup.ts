// Vitest global setup of the web suite: chromium (installed if missing) and the running platform.
import type { TestProject } from "vitest/node";
import { ensureChromium } from "./ensureChromium.mjs";
import { startPlatform } from "./startPlatform.ts";

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    rpcUrl: string;
    modelId: string;
    chromium: string;
    serverEnv: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const chromium = ensureChromium();
  const platform = await startPlatform();
  project.provide("siteUrl", platform.siteUrl);
  project.provide("rpcUrl", platform.rpcUrl);
  project.provide("modelId", platform.modelId);
  project.provide("chromium", chromium);
  project.provide("serverEnv", platform.env);
  return platform.stop;
}
