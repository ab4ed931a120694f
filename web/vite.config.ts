import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig, type Plugin } from "vite";
import { readModelCard } from "./modelCard.ts";

const root = resolve(import.meta.dirname, "..");
const model = process.env.CIRCUIT_MODEL || "sprite";
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

/**
 * `virtual:model-card` (the model's facts, read at build time) and the files the browser needs:
 * the circuit's verifying key, settings, manifest and k=1 SRS under `circuits/<model>/` (the SDK
 * accepts them only if they hash to the collection's model id), and the model's samples image.
 */
function modelFiles(): Plugin {
  const id = "virtual:model-card";
  const card = readModelCard({ root, model });
  const files: [string, string][] = [
    ...card.circuitFiles.map((name): [string, string] => [
      `circuits/${model}/${name}`,
      join(root, "circuits", model, name),
    ]),
    [`models/${model}/samples.png`, join(root, "models", model, "samples.png")],
  ];
  return {
    name: "proofmint-model-files",
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load: (source) =>
      source === `\0${id}` ? `export default ${JSON.stringify(card)};` : undefined,
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const file = files.find(([path]) => request.url === `/${path}`);
        if (!file) return next();
        response.end(readFileSync(file[1]));
      });
    },
    generateBundle() {
      for (const [fileName, path] of files) {
        this.emitFile({ type: "asset", fileName, source: readFileSync(path) });
      }
    },
  };
}

export default defineConfig({
  plugins: [svelte(), modelFiles()],
  build: { outDir: "build", emptyOutDir: true, target: "es2022" },
  // The engine's wasm-bindgen glue must not be pre-bundled: it finds its wasm by import.meta.url.
  optimizeDeps: { exclude: ["@ezkljs/engine"] },
  // The SDK's engine workers (module workers) import the engine's glue lazily: ES output.
  worker: { format: "es" },
  server: {
    headers: isolation,
    proxy: {
      "/api": "http://127.0.0.1:8787",
      "/ipfs": "http://127.0.0.1:8787",
    },
  },
  preview: { headers: isolation },
});
