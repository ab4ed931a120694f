// Renders PNGs on a worker thread (a piscina pool, see renderThreads.ts): deflating a 512 x 512
// image takes about a hundred milliseconds, which would stall requests on the event loop.
// `@proofmint/core` is TypeScript, so the thread registers the loader the server runs under.
import { register } from "tsx/esm/api";

register();
const { renderPng } = await import("@proofmint/core");

/** renderPng({ output, height, width, outputScale }) -> PNG bytes. */
export default function render(image) {
  return renderPng(image);
}
