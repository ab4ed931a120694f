// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAigcVerifier} from "./interfaces/IAigcVerifier.sol";
import {IHalo2Verifier} from "./interfaces/IHalo2Verifier.sol";

/// @title EzklVerifierAdapter
/// @notice Puts an ezkl 21.0.0 generated `Halo2Verifier` behind {IAigcVerifier}: the generated
/// verifier reverts on a bad proof, this adapter answers false instead, so an ERC-7007 `verify`
/// view never reverts on one.
contract EzklVerifierAdapter is IAigcVerifier {
    /// @notice The verifier ran out of gas: the call was given too little, which says nothing about
    /// the proof. Answering false here would mislead callers and gas estimation alike.
    error EzklVerifierAdapterOutOfGas();

    /// @notice The verifier address has no code.
    /// @param halo2Verifier The address given.
    error EzklVerifierAdapterNotAContract(address halo2Verifier);

    IHalo2Verifier private immutable _halo2Verifier;

    /// @param halo2Verifier_ The deployed generated verifier; its code embeds the verifying key,
    /// and so the model's fixed weights.
    constructor(IHalo2Verifier halo2Verifier_) {
        if (address(halo2Verifier_).code.length == 0) {
            revert EzklVerifierAdapterNotAContract(address(halo2Verifier_));
        }
        _halo2Verifier = halo2Verifier_;
    }

    /// @notice The generated verifier this adapter calls.
    /// @return The verifier's address.
    function halo2Verifier() external view returns (IHalo2Verifier) {
        return _halo2Verifier;
    }

    /// @inheritdoc IAigcVerifier
    /// @dev The verifier is called with STATICCALL (it never writes state). Any revert and any
    /// answer other than exactly `true` is false, except a failed call that used up the gas it
    /// was given, which reverts with {EzklVerifierAdapterOutOfGas}: the generated verifier
    /// rejects a bad proof with `revert(0, 0)`, which returns unused gas. Running out of gas
    /// shows in two ways. In the verifier's own code it consumes all the gas forwarded, leaving
    /// this adapter the 1/64 that EIP-150 keeps back. In a precompile (ecMul, ecPairing, modexp)
    /// it consumes what the verifier forwarded there, the verifier goes on with its own 1/64 and
    /// reverts, returning at most 1/64 of the 63/64 it had. Either way at most
    /// 1/64 + 63/4096 < 1/32 of the gas before the call is left, and a verdict leaves more
    /// unless the call was given barely enough, when a revert asks for more gas without harm.
    function verifyProof(bytes calldata proof, uint256[] calldata instances)
        external
        view
        returns (bool valid)
    {
        bytes memory call = abi.encodeCall(IHalo2Verifier.verifyProof, (proof, instances));
        uint256 gasBefore = gasleft();
        (bool success, bytes memory result) = address(_halo2Verifier).staticcall(call);
        if (!success && gasleft() <= gasBefore / 32) revert EzklVerifierAdapterOutOfGas();
        // Read only when exactly 32 bytes came back, so nothing is truncated.
        // forge-lint: disable-next-line(unsafe-typecast)
        return success && result.length == 32 && uint256(bytes32(result)) == 1;
    }
}
