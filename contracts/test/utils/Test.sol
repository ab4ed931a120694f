// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Vm} from "./Vm.sol";

/// @title Test
/// @notice A minimal base for forge tests: the cheatcode handle and assertions that revert with a
/// message naming what differed (forge reports a reverting test as failed, with that message).
abstract contract Test {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev Read by forge to mark the contract as a test suite.
    bool public IS_TEST = true;

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) revert(string.concat("assertion failed: ", what));
    }

    function assertFalse(bool condition, string memory what) internal pure {
        if (condition) revert(string.concat("assertion failed: ", what));
    }

    function assertEq(uint256 actual, uint256 expected, string memory what) internal pure {
        if (actual != expected) {
            revert(
                string.concat(
                    what, ": expected ", vm.toString(expected), ", got ", vm.toString(actual)
                )
            );
        }
    }

    function assertEq(address actual, address expected, string memory what) internal pure {
        if (actual != expected) revert(string.concat(what, ": addresses differ"));
    }

    function assertEq(bytes32 actual, bytes32 expected, string memory what) internal pure {
        if (actual != expected) revert(string.concat(what, ": bytes32 values differ"));
    }

    function assertEq(bytes memory actual, bytes memory expected, string memory what)
        internal
        pure
    {
        if (keccak256(actual) != keccak256(expected)) {
            revert(string.concat(what, ": bytes differ"));
        }
    }

    function assertEq(string memory actual, string memory expected, string memory what)
        internal
        pure
    {
        if (keccak256(bytes(actual)) != keccak256(bytes(expected))) {
            revert(string.concat(what, ": expected \"", expected, "\", got \"", actual, "\""));
        }
    }

    function assertLe(uint256 actual, uint256 bound, string memory what) internal pure {
        if (actual > bound) {
            revert(string.concat(what, ": ", vm.toString(actual), " > ", vm.toString(bound)));
        }
    }
}
