/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module "virtual:model-card" {
  const card: import("../modelCard.ts").ModelCard;
  export default card;
}
