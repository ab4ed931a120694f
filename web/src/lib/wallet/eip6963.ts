// EIP-6963: wallets announce themselves with events instead of racing for window.ethereum.
import type { EIP1193Provider } from "viem";

export type ProviderInfo = { uuid: string; name: string; icon: string; rdns: string };
export type ProviderDetail = { info: ProviderInfo; provider: EIP1193Provider };

/**
 * Collects announced wallets (calls `onChange` with the list on each new one) and asks them to
 * announce; falls back to `window.ethereum` as one more entry when it is not announced. Returns a
 * function that stops listening.
 */
export function watchProviders(onChange: (providers: ProviderDetail[]) => void): () => void {
  const found = new Map<string, ProviderDetail>();
  const emit = () => {
    const list = [...found.values()];
    const injected = (window as { ethereum?: EIP1193Provider }).ethereum;
    if (injected && !list.some((detail) => detail.provider === injected)) {
      list.push({
        info: { uuid: "injected", name: "Browser wallet", icon: "", rdns: "injected" },
        provider: injected,
      });
    }
    onChange(list);
  };
  const announced = (event: Event) => {
    const detail = (event as CustomEvent<ProviderDetail>).detail;
    if (!detail?.info?.uuid || !detail.provider) return;
    found.set(detail.info.uuid, detail);
    emit();
  };
  window.addEventListener("eip6963:announceProvider", announced);
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  emit();
  return () => window.removeEventListener("eip6963:announceProvider", announced);
}
