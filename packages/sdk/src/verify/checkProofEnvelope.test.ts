import { feltToHex, publicInstances } from "@proofmint/core";
import { bytesToHex } from "viem";
import { describe, expect, it } from "vitest";
import { checkProofEnvelope } from "./checkProofEnvelope.ts";

const prompt = "a red fox";
const aigcData = `0x${"00".repeat(31)}07` as const;
const proofBytes = [1, 2, 3, 250];
const proof = bytesToHex(Uint8Array.from(proofBytes));
const instances = publicInstances({ prompt, inputScale: 0, aigcData, version: 3 }).map((value) =>
  feltToHex({ value }),
);
const encode = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
const genuine = { proof: proofBytes, hex_proof: proof, instances: [instances] };

describe("checkProofEnvelope", () => {
  it("accepts the chain's proof bytes with the token's 64 prompt instances", () => {
    expect(
      checkProofEnvelope({
        proofJson: encode(genuine),
        proof,
        prompt,
        aigcData,
        inputScale: 0,
        version: 3,
      }),
    ).toBeUndefined();
  });

  it("expects a v2 proof to carry aigcData as a 65th instance", () => {
    const v2 = publicInstances({ prompt, inputScale: 0, aigcData, version: 2 });
    const json = { ...genuine, instances: [v2.map((value) => feltToHex({ value }))] };
    const check = (version: 2 | 3, proofJson: Uint8Array) =>
      checkProofEnvelope({ proofJson, proof, prompt, aigcData, inputScale: 0, version });
    expect(check(2, encode(json))).toBeUndefined();
    expect(check(2, encode(genuine))).toMatch(/instances are not the token's/);
    expect(check(3, encode(json))).toMatch(/instances are not the token's/);
  });

  it("names the mismatch: other proof bytes, another prompt's instances, not JSON", () => {
    const check = (proofJson: Uint8Array, other = prompt) =>
      checkProofEnvelope({ proofJson, proof, prompt: other, aigcData, inputScale: 0, version: 3 });
    expect(check(encode({ ...genuine, proof: [1, 2, 3, 251] }))).toMatch(/not the proof recorded/);
    expect(check(encode(genuine), "a red box")).toMatch(/instances are not the token's/);
    expect(check(new TextEncoder().encode("{"))).toMatch(/not JSON/);
  });
});
