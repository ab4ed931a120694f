// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title JsonText
/// @notice Makes JSON text readable by forge's JSON cheatcodes. Forge parses with serde_json,
/// which rejects escaped lone UTF-16 surrogates (`"\ud800"`) although JSON's grammar allows them;
/// the golden vectors use them to test the TypeScript normaliser on broken strings.
library JsonText {
    /// @notice Replaces every escaped lone surrogate with `\ufffd`, the replacement character,
    /// which has the same length. Escaped surrogate pairs are kept.
    /// @dev A prompt holding either is rejected at the same position with the same error, since
    /// neither encodes to an allowed byte.
    function withoutLoneSurrogates(string memory json) internal pure returns (string memory) {
        bytes memory text = bytes(json);
        uint256 i;
        while (i + 6 <= text.length) {
            uint8 kind = _surrogateAt(text, i);
            if (kind == 0) {
                // A backslash escapes the next character, so `\\ud800` is not an escape.
                i += text[i] == "\\" ? 2 : 1;
                continue;
            }
            if (kind == 1 && i + 12 <= text.length && _surrogateAt(text, i + 6) == 2) {
                i += 12;
                continue;
            }
            bytes memory replacement = "\\ufffd";
            for (uint256 j; j < 6; ++j) {
                text[i + j] = replacement[j];
            }
            i += 6;
        }
        return string(text);
    }

    /// @dev 1 for an escaped high surrogate (`\ud800`-`\udbff`) at `i`, 2 for a low one
    /// (`\udc00`-`\udfff`), 0 otherwise.
    function _surrogateAt(bytes memory text, uint256 i) private pure returns (uint8) {
        if (text[i] != "\\" || (text[i + 1] != "u" && text[i + 1] != "U")) return 0;
        if (text[i + 2] != "d" && text[i + 2] != "D") return 0;
        bytes1 third = text[i + 3];
        if (
            third == "8" || third == "9" || third == "a" || third == "A" || third == "b"
                || third == "B"
        ) {
            return 1;
        }
        if (
            third == "c" || third == "C" || third == "d" || third == "D" || third == "e"
                || third == "E" || third == "f" || third == "F"
        ) {
            return 2;
        }
        return 0;
    }
}
