// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {IProofmintCollection} from "../../src/interfaces/IProofmintCollection.sol";

/// @title StubERC721Receiver
/// @notice A unit-test recipient contract that records what the collection's state was when its
/// `onERC721Received` hook ran, to show that minting finishes every effect before the hook.
contract StubERC721Receiver is IERC721Receiver {
    /// @notice The token the hook was called for.
    uint256 public receivedTokenId;
    /// @notice aigcData as the collection returned it during the hook.
    bytes public aigcDataDuringHook;
    /// @notice The owner as the collection returned it during the hook.
    address public ownerDuringHook;

    /// @inheritdoc IERC721Receiver
    function onERC721Received(address, address, uint256 tokenId, bytes calldata)
        external
        returns (bytes4)
    {
        IProofmintCollection collection = IProofmintCollection(msg.sender);
        receivedTokenId = tokenId;
        aigcDataDuringHook = collection.aigcData(tokenId);
        ownerDuringHook = collection.ownerOf(tokenId);
        return IERC721Receiver.onERC721Received.selector;
    }
}

/// @title StubNonReceiver
/// @notice A unit-test recipient contract without `onERC721Received`.
contract StubNonReceiver {}
