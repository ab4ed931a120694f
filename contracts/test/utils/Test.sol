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

    function assertEq(bool actual, bool expected, string memory what) internal pure {
        if (actual != expected) revert(string.concat(what, ": booleans differ"));
    }

    function assertEq(uint256[] memory actual, uint256[] memory expected, string memory what)
        internal
        pure
    {
        assertEq(actual.length, expected.length, string.concat(what, " (length)"));
        for (uint256 i; i < actual.length; ++i) {
            assertEq(actual[i], expected[i], string.concat(what, "[", vm.toString(i), "]"));
        }
    }

    function assertLe(uint256 actual, uint256 limit, string memory what) internal pure {
        if (actual > limit) {
            revert(string.concat(what, ": ", vm.toString(actual), " > ", vm.toString(limit)));
        }
    }

    /// @dev Maps a fuzzed `value` into [min, max] without discarding runs (forge-std's `bound`).
    function bound(uint256 value, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) revert("bound: min > max");
        if (min == 0 && max == type(uint256).max) return value;
        return min + value % (max - min + 1);
    }
}
