import js from "@eslint/js";
import globals from "globals";
import svelte from "eslint-plugin-svelte";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/",
      "**/dist/",
      ".venv/",
      ".cache/",
      ".data/",
      "out/",
      "cache/",
      "**/generated/",
      "web/build/",
      "web/.svelte-kit/",
      "test-results/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended.map((config) => ({
    ...config,
    files: config.files ?? ["web/**/*.{js,ts,svelte}"],
  })),
  { languageOptions: { globals: globals.node } },
  {
    files: ["web/src/**", "**/*.svelte", "**/*.svelte.ts"],
    languageOptions: {
      globals: globals.browser,
    },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts"],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: [".svelte"] },
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: globals.node,
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
