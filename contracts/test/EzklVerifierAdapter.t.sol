// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {EzklVerifierAdapter} from "../src/EzklVerifierAdapter.sol";
import {IHalo2Verifier} from "../src/interfaces/IHalo2Verifier.sol";
import {StubHalo2Verifier} from "./stubs/StubHalo2Verifier.sol";
import {Test} from "./utils/Test.sol";

/// @notice The adapter turns every answer of a generated verifier into true or false (real
/// verifiers: ProofmintCollection.proofs.t.sol).
contract EzklVerifierAdapterTest is Test {
    StubHalo2Verifier internal halo2;
    EzklVerifierAdapter internal adapter;

    function setUp() public {
        halo2 = new StubHalo2Verifier();
        adapter = new EzklVerifierAdapter(IHalo2Verifier(address(halo2)));
    }

    function test_selector_isTheGeneratedVerifiers() public pure {
        assertEq(
            IHalo2Verifier.verifyProof.selector, bytes4(0x1e8e1e13), "verifyProof(bytes,uint256[])"
        );
    }

    function test_constructor_exposesTheVerifier() public view {
        assertEq(address(adapter.halo2Verifier()), address(halo2), "halo2Verifier");
    }

    function test_RevertWhen_VerifierHasNoCode() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                EzklVerifierAdapter.EzklVerifierAdapterNotAContract.selector, address(0xdead)
            )
        );
        new EzklVerifierAdapter(IHalo2Verifier(address(0xdead)));
    }

    function test_verifyProof_forwardsProofAndInstancesUnchanged() public {
        bytes memory proof = hex"0102030405";
        uint256[] memory instances = _instances();
        halo2.setExpectedCall(abi.encodeWithSelector(bytes4(0x1e8e1e13), proof, instances));
        assertTrue(adapter.verifyProof(proof, instances), "exact calldata accepted");
        instances[64] = 1;
        assertFalse(adapter.verifyProof(proof, instances), "other calldata rejected");
    }

    function test_verifyProof_trueOnlyForExactlyTrue() public {
        StubHalo2Verifier.Answer[8] memory answers = [
            StubHalo2Verifier.Answer.Accept,
            StubHalo2Verifier.Answer.RevertEmpty,
            StubHalo2Verifier.Answer.RevertWithData,
            StubHalo2Verifier.Answer.ReturnFalse,
            StubHalo2Verifier.Answer.ReturnTwo,
            StubHalo2Verifier.Answer.ReturnShort,
            StubHalo2Verifier.Answer.ReturnLong,
            StubHalo2Verifier.Answer.ReturnNothing
        ];
        for (uint256 i; i < answers.length; ++i) {
            halo2.setAnswer(answers[i]);
            bool valid = adapter.verifyProof{gas: 1_000_000}(hex"00", _instances());
            assertEq(valid, i == 0, vm.toString(i));
        }
    }

    /// @dev Too little gas is no verdict: answering false would also fool gas estimation.
    function test_RevertWhen_TheVerifierRunsOutOfGas() public {
        halo2.setAnswer(StubHalo2Verifier.Answer.BurnGas);
        vm.expectRevert(EzklVerifierAdapter.EzklVerifierAdapterOutOfGas.selector);
        adapter.verifyProof{gas: 200_000}(hex"00", _instances());
    }

    /// @dev Out of gas in a precompile: the verifier keeps 1/64 and reverts with it, which must
    /// not read as a verdict either (the generated verifier's modexp, ecMul and ecPairing calls).
    function test_RevertWhen_TheVerifierRunsOutOfGasInAPrecompile() public {
        halo2.setAnswer(StubHalo2Verifier.Answer.BurnGasInPrecompile);
        uint256[3] memory limits = [uint256(60_000), 300_000, 2_000_000];
        for (uint256 i; i < limits.length; ++i) {
            vm.expectRevert(EzklVerifierAdapter.EzklVerifierAdapterOutOfGas.selector);
            adapter.verifyProof{gas: limits[i]}(hex"00", _instances());
        }
    }

    /// @dev A verifier that rejects quickly leaves gas over: that is a verdict, even with little gas.
    function test_verifyProof_falseForAQuickRejectionWithLittleGas() public {
        halo2.setAnswer(StubHalo2Verifier.Answer.RevertEmpty);
        assertFalse(adapter.verifyProof{gas: 60_000}(hex"00", _instances()), "rejected");
    }

    function _instances() internal pure returns (uint256[] memory instances) {
        instances = new uint256[](65);
        instances[0] = 0x61;
        instances[64] = 42;
    }
}
