// The one stubbed part of the web suite: a browser wallet's user interface. Injected before the
// site's scripts run, it is an EIP-1193 provider announced through EIP-6963 that "approves" each
// request by forwarding it to the test platform's anvil, which sends eth_sendTransaction from its
// unlocked default accounts: chain, contract and transactions are real. The test decides what the
// user does instead of clicking in a wallet: reject a request (EIP-1193 error 4001), start on
// another chain, pick another account.
import type { Page } from "playwright-core";
import type { Address, Hex } from "viem";

export type InjectedTestWalletOptions = {
  /** anvil's JSON-RPC URL: every request the wallet approves goes there. */
  rpcUrl: string;
  /** The accounts the wallet holds (anvil default accounts); the first is selected. */
  accounts: Address[];
  /** The chain the wallet starts on, when not anvil's: a chain it has no node for. */
  startChainId?: Hex;
  name?: string;
};

/** One request the site made of the wallet, and what the wallet did with it. */
export type WalletRequest = {
  method: string;
  params: unknown;
  outcome: "answered" | "rejected" | "failed";
};

/** What a test can do in the wallet, as its user would (on `window.injectedTestWallet`). */
type InjectedTestWalletControls = {
  requests: WalletRequest[];
  rejectNext(method: string, after: number): void;
  selectAccount(account: Address): void;
};
type WalletWindow = { injectedTestWallet: InjectedTestWalletControls };

/** The script that runs in the page: self-contained, it is sent to the browser as text. */
function injectedTestWallet({
  rpcUrl,
  accounts,
  startChainId,
  name = "Injected test wallet",
}: InjectedTestWalletOptions): void {
  type Listener = (value: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  const requests: WalletRequest[] = [];
  const rejections: { method: string; after: number }[] = [];
  let selected = accounts[0]!;
  let chainId = startChainId;
  let nextId = 1;

  const rpcError = (code: number, message: string, data?: unknown) =>
    Object.assign(new Error(message), { code, data });
  const emit = (event: string, value: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(value);
  };
  const forward = async (method: string, params: unknown) => {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params: params ?? [] }),
    });
    const body = (await response.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    if (body.error) throw rpcError(body.error.code, body.error.message, body.error.data);
    return body.result;
  };
  const nodeChainId = () => forward("eth_chainId", []) as Promise<Hex>;

  const answer = async (method: string, params: unknown): Promise<unknown> => {
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return [selected];
      case "eth_chainId":
        return chainId ?? (await nodeChainId());
      case "wallet_switchEthereumChain": {
        const wanted = (params as [{ chainId: Hex }])[0].chainId;
        const node = await nodeChainId();
        if (Number(wanted) !== Number(node)) {
          throw rpcError(4902, `the wallet does not know chain ${wanted}`);
        }
        if (chainId !== undefined) {
          chainId = undefined;
          emit("chainChanged", node);
        }
        return null;
      }
    }
    // Like a real wallet, it sends only on its current chain and from the selected account.
    if (chainId !== undefined) {
      throw rpcError(4901, `the wallet has no node for chain ${chainId}, the one it is on`);
    }
    if (method === "eth_sendTransaction") {
      const from = (params as [{ from?: string }])[0].from;
      if (from?.toLowerCase() !== selected.toLowerCase()) {
        throw rpcError(4100, `the wallet's selected account is ${selected}, not ${from}`);
      }
    }
    return forward(method, params);
  };

  const provider = {
    isInjectedTestWallet: true,
    async request({ method, params }: { method: string; params?: unknown }) {
      const entry: WalletRequest = { method, params, outcome: "answered" };
      requests.push(entry);
      const rejection = rejections.findIndex((candidate) => candidate.method === method);
      if (rejection >= 0 && rejections[rejection]!.after-- === 0) {
        rejections.splice(rejection, 1);
        entry.outcome = "rejected";
        throw rpcError(4001, "User rejected the request.");
      }
      try {
        return await answer(method, params);
      } catch (error) {
        entry.outcome = "failed";
        throw error;
      }
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
  };
  const controls: InjectedTestWalletControls = {
    requests,
    rejectNext: (method, after) => void rejections.push({ method, after }),
    selectAccount: (account) => {
      selected = account;
      emit("accountsChanged", [account]);
    },
  };
  (window as unknown as WalletWindow).injectedTestWallet = controls;

  const info = Object.freeze({
    uuid: "7f3a2c1e-8b4d-4e6f-9a0b-1c2d3e4f5a6b",
    name,
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 20 20'%3E%3Crect width='20' height='20' rx='4' fill='%236d5cff'/%3E%3C/svg%3E",
    rdns: "org.proofmint.injected-test-wallet",
  });
  const announce = () =>
    window.dispatchEvent(
      new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }),
    );
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
}

/** Injects the wallet into every document `page` loads from now on. */
export async function installInjectedTestWallet(
  page: Page,
  options: InjectedTestWalletOptions,
): Promise<void> {
  await page.addInitScript(injectedTestWallet, options);
}

/** The wallet's user, acting in the wallet injected into `page`. */
export function testWalletUser(page: Page) {
  return {
    /** Rejects the next `method` request, after letting `after` of them through. */
    rejectNext: (method: string, after = 0) =>
      page.evaluate(
        ([m, a]) => (window as unknown as WalletWindow).injectedTestWallet.rejectNext(m, a),
        [method, after] as const,
      ),
    /** Picks another of the wallet's accounts: the site hears `accountsChanged`. */
    selectAccount: (account: Address) =>
      page.evaluate(
        (a) => (window as unknown as WalletWindow).injectedTestWallet.selectAccount(a),
        account,
      ),
    /** Every request the site made of the wallet in this document, in order. */
    requests: () =>
      page.evaluate(() => (window as unknown as WalletWindow).injectedTestWallet.requests),
  };
}
