// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title InvariantTest
/// @notice The part of forge-std's StdInvariant that proofmint's invariant tests use: forge calls
/// `targetContracts()` and `targetSelectors()` on the test contract to learn what to fuzz.
abstract contract InvariantTest {
    /// @dev Shape forge decodes from `targetSelectors()`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address[] private _targetedContracts;
    FuzzSelector[] private _targetedSelectors;

    /// @dev Restricts the invariant fuzzer to calling `target`'s functions.
    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    /// @dev Restricts calls to `target` to `selectors`.
    function targetSelector(address target, bytes4[] memory selectors) internal {
        _targetedSelectors.push(FuzzSelector(target, selectors));
    }

    /// @notice Read by forge: the contracts the invariant fuzzer calls.
    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    /// @notice Read by forge: the functions the invariant fuzzer calls, per contract.
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }
}
