// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Vm
/// @notice The subset of Foundry's cheatcodes that proofmint's tests and scripts use. The npm copy of
/// forge-std is a 2022 snapshot without JSON parsing or invariant support, and `forge install`
/// needs GitHub, so the project declares the cheatcodes it calls itself.
interface Vm {
    /// @dev What forge is running, for `isContext`.
    enum ForgeContext {
        TestGroup,
        Test,
        Coverage,
        Snapshot,
        ScriptGroup,
        ScriptDryRun,
        ScriptBroadcast,
        ScriptResume,
        Unknown
    }

    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    /// @dev Gas of the last call, for `lastCallGas`.
    struct Gas {
        uint64 gasLimit;
        uint64 gasTotalUsed;
        uint64 gasMemoryUsed;
        int64 gasRefunded;
        uint64 gasRemaining;
    }

    function addr(uint256 privateKey) external pure returns (address);
    function createDir(string calldata path, bool recursive) external;
    function envOr(string calldata name, uint256 defaultValue) external view returns (uint256);
    function envOr(string calldata name, string calldata defaultValue)
        external
        view
        returns (string memory);
    function envOr(string calldata name, address defaultValue) external view returns (address);
    function envExists(string calldata name) external view returns (bool);
    function exists(string calldata path) external view returns (bool);
    function chainId(uint256 newChainId) external;
    function expectEmit(address emitter) external;
    function expectPartialRevert(bytes4 selector) external;
    function expectRevert(bytes4 selector) external;
    function expectRevert(bytes calldata revertData) external;
    function getCode(string calldata artifactPath) external view returns (bytes memory);
    function getRecordedLogs() external returns (Log[] memory);
    function isContext(ForgeContext context) external view returns (bool);
    function keyExistsJson(string calldata json, string calldata key) external pure returns (bool);
    function parseBytes32(string calldata value) external pure returns (bytes32);
    function parseJsonAddress(string calldata json, string calldata key)
        external
        pure
        returns (address);
    function parseJsonBytes(string calldata json, string calldata key)
        external
        pure
        returns (bytes memory);
    function parseJsonBytes32(string calldata json, string calldata key)
        external
        pure
        returns (bytes32);
    function parseJsonString(string calldata json, string calldata key)
        external
        pure
        returns (string memory);
    function parseJsonUint(string calldata json, string calldata key)
        external
        pure
        returns (uint256);
    function parseJsonUintArray(string calldata json, string calldata key)
        external
        pure
        returns (uint256[] memory);
    function prank(address msgSender) external;
    function readFile(string calldata path) external view returns (string memory);
    function recordLogs() external;
    function serializeAddress(string calldata objectKey, string calldata valueKey, address value)
        external
        returns (string memory json);
    function serializeString(
        string calldata objectKey,
        string calldata valueKey,
        string calldata value
    ) external returns (string memory json);
    function serializeUint(string calldata objectKey, string calldata valueKey, uint256 value)
        external
        returns (string memory json);
    function skip(bool skipTest, string calldata reason) external;
    function lastCallGas() external view returns (Gas memory gas);
    function snapshotValue(string calldata group, string calldata name, uint256 value) external;
    function snapshotGasLastCall(string calldata group, string calldata name)
        external
        returns (uint256 gasUsed);
    function startBroadcast(uint256 privateKey) external;
    function stopBroadcast() external;
    function toString(uint256 value) external pure returns (string memory);
    function warp(uint256 newTimestamp) external;
    function writeJson(string calldata json, string calldata path) external;
}
