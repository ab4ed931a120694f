// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title StubHalo2Verifier
/// @notice A unit-test stand-in for a generated ezkl verifier, to drive {EzklVerifierAdapter}
/// through every answer a verifier can give. With `expectedCall` set, it accepts only that exact
/// calldata, which checks the adapter's encoding.
contract StubHalo2Verifier {
    /// @notice What the stub does when called.
    enum Answer {
        Accept,
        RevertEmpty,
        RevertWithData,
        ReturnFalse,
        ReturnTwo,
        ReturnShort,
        ReturnLong,
        ReturnNothing,
        BurnGas,
        BurnGasInPrecompile
    }

    Answer private _answer;
    bytes32 private _expectedCallHash;

    /// @notice Sets the answer.
    function setAnswer(Answer answer) external {
        _answer = answer;
    }

    /// @notice Accepts only calls with exactly this calldata (any, when empty).
    function setExpectedCall(bytes calldata data) external {
        _expectedCallHash = data.length == 0 ? bytes32(0) : keccak256(data);
    }

    fallback(bytes calldata data) external returns (bytes memory) {
        Answer answer = _answer;
        if (_expectedCallHash != 0 && keccak256(data) != _expectedCallHash) {
            answer = Answer.RevertEmpty;
        }
        if (answer == Answer.Accept) return abi.encode(uint256(1));
        if (answer == Answer.ReturnFalse) return abi.encode(uint256(0));
        if (answer == Answer.ReturnTwo) return abi.encode(uint256(2));
        if (answer == Answer.ReturnShort) return hex"01";
        if (answer == Answer.ReturnLong) return abi.encode(uint256(1), uint256(1));
        if (answer == Answer.ReturnNothing) return "";
        if (answer == Answer.RevertWithData) revert("stub verifier rejected");
        bool burnGas = answer == Answer.BurnGas;
        bool burnGasInPrecompile = answer == Answer.BurnGasInPrecompile;
        assembly ("memory-safe") {
            // Spin until the call runs out of gas, as a verifier given too little gas would.
            if burnGas { for {} 1 {} {} }
            // As the generated verifier does when a precompile runs out of gas: the precompile
            // consumes what it was given, the verifier reverts with the 1/64 it kept.
            if burnGasInPrecompile {
                let input := mload(0x40)
                mstore(input, 0x20) // base, exponent and modulus lengths
                mstore(add(input, 0x20), 0x100000) // a 1 MiB exponent (zeros): 44 million gas
                mstore(add(input, 0x40), 0x20)
                pop(staticcall(gas(), 0x05, input, 0x60, 0, 0))
            }
            revert(0, 0)
        }
    }
}
