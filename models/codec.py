"""Prompt codec (prompt rules v1): the Python twin of packages/core's prompt modules.

Same rules, error codes and positions as TypeScript; test/vectors/prompts.json pins them.
A canonical prompt is 1..64 bytes from ``a-z 0-9 space - ' , . ! ?`` with no leading, trailing or
double space. Its 64 public instances are its bytes (0 past the end) shifted left by the input
scale; they are all the public instances (the output is committed in the proof itself, as its
first KZG commitment: circuits/README.md#output-commitment).
"""

import re
import unicodedata

from Crypto.Hash import keccak

PROMPT_MAX_BYTES = 64
PROMPT_ALLOWED_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789 -',.!?"
PROMPT_INSTANCE_COUNT = 64
PUBLIC_INSTANCE_COUNT = 64
MAX_SCALE = 64

_ALLOWED = frozenset(PROMPT_ALLOWED_CHARACTERS.encode("ascii"))
_SPACE = 0x20
_HINT = "use a-z, 0-9, space and - ' , . ! ?"
# Unicode's White_Space property spelled out, as in TypeScript: str.isspace() would also accept
# U+001C..U+001F, which are not White_Space. Zero-width characters are not whitespace: rejected.
_WHITESPACE_RUN = re.compile(
    "[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+"
)


def _format_code_point(value: int) -> str:
    return f"U+{value:04X}"


class PromptError(ValueError):
    """A prompt breaks the rules. ``code`` is stable; ``position`` is 0-based and names the first
    violation in reading order, in the checked string (after normalisation for normalize_prompt)
    or bytes."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        position: int,
        char: str | None = None,
        prompt: str | None = None,
        byte: int | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.position = position
        self.char = char
        self.code_point = None if char is None else _format_code_point(ord(char))
        self.prompt = prompt
        self.byte = byte


class PromptEmptyError(PromptError):
    def __init__(self, *, prompt: str | None):
        super().__init__(
            f"prompt is empty; write 1 to {PROMPT_MAX_BYTES} characters",
            code="PROMPT_EMPTY",
            position=0,
            prompt=prompt,
        )


class PromptTooLongError(PromptError):
    def __init__(self, *, length: int, prompt: str | None):
        unit = "bytes" if prompt is None else "characters"
        super().__init__(
            f"prompt is {length} {unit} long; at most {PROMPT_MAX_BYTES} are allowed",
            code="PROMPT_TOO_LONG",
            position=PROMPT_MAX_BYTES,
            prompt=prompt,
        )
        self.length = length


class PromptInvalidCharacterError(PromptError):
    def __init__(self, *, position: int, value: int, prompt: str | None):
        is_byte = prompt is None
        char = None if is_byte and value >= 0x80 else chr(value)
        if char is None:
            what = f"byte 0x{value:02x}"
        elif unicodedata.category(char)[0] in "CMZ":
            # Controls, format characters, marks and separators do not show inside quotes.
            what = f"character {_format_code_point(value)}"
        else:
            what = f"character '{char}' ({_format_code_point(value)})"
        super().__init__(
            f"{what} at position {position} is not allowed; {_HINT}",
            code="PROMPT_INVALID_CHARACTER",
            position=position,
            char=char,
            prompt=prompt,
            byte=value if is_byte else None,
        )


class PromptLeadingSpaceError(PromptError):
    def __init__(self, *, prompt: str | None):
        super().__init__(
            "space at position 0 is not allowed: a prompt cannot start with a space",
            code="PROMPT_LEADING_SPACE",
            position=0,
            char=" ",
            prompt=prompt,
        )


class PromptTrailingSpaceError(PromptError):
    def __init__(self, *, position: int, prompt: str | None):
        super().__init__(
            f"space at position {position} is not allowed: a prompt cannot end with a space",
            code="PROMPT_TRAILING_SPACE",
            position=position,
            char=" ",
            prompt=prompt,
        )


class PromptDoubleSpaceError(PromptError):
    def __init__(self, *, position: int, prompt: str | None):
        super().__init__(
            f"space at position {position} is not allowed: "
            "a prompt cannot have two spaces in a row",
            code="PROMPT_DOUBLE_SPACE",
            position=position,
            char=" ",
            prompt=prompt,
        )


def _assert_canonical(values: list[int] | bytes, prompt: str | None) -> None:
    # Reading order, as in TypeScript and Solidity: at each position, a disallowed value, a space at
    # 0, a space after a space, a space at the end; reaching position 64 means too long.
    length = len(values)
    if length == 0:
        raise PromptEmptyError(prompt=prompt)
    for position, value in enumerate(values):
        if position == PROMPT_MAX_BYTES:
            raise PromptTooLongError(length=length, prompt=prompt)
        if value not in _ALLOWED:
            raise PromptInvalidCharacterError(position=position, value=value, prompt=prompt)
        if value != _SPACE:
            continue
        if position == 0:
            raise PromptLeadingSpaceError(prompt=prompt)
        if values[position - 1] == _SPACE:
            raise PromptDoubleSpaceError(position=position, prompt=prompt)
        if position == length - 1:
            raise PromptTrailingSpaceError(position=position, prompt=prompt)


def normalize_prompt(text: str) -> str:
    """User input to canonical prompt: NFC, lower case, whitespace runs collapsed to one space,
    trimmed, then validated. Raises PromptError with positions in the normalised string."""
    collapsed = _WHITESPACE_RUN.sub(" ", unicodedata.normalize("NFC", text).lower())
    prompt = collapsed.strip(" ")
    _assert_canonical([ord(char) for char in prompt], prompt)
    return prompt


def validate_prompt(prompt: str) -> None:
    """Raises PromptError unless ``prompt`` is already canonical (it is not normalised)."""
    _assert_canonical([ord(char) for char in prompt], prompt)


def prompt_from_bytes(data: bytes) -> str:
    """Raw prompt bytes (e.g. from the chain) to the canonical prompt, checked byte by byte."""
    _assert_canonical(bytes(data), None)
    return bytes(data).decode("ascii")


def prompt_bytes(prompt: str) -> bytes:
    """The bytes of a canonical prompt (ASCII); raises PromptError if it is not canonical."""
    validate_prompt(prompt)
    return prompt.encode("ascii")


def keccak256(data: bytes) -> bytes:
    """Keccak-256 as Ethereum uses it (Keccak's own padding, not SHA3-256's), from pycryptodome."""
    return keccak.new(digest_bits=256, data=data).digest()


def prompt_token_id(prompt: str) -> int:
    """ERC-7007 token id: uint256(keccak256(prompt bytes))."""
    return int.from_bytes(keccak256(prompt_bytes(prompt)), "big")


def prompt_instances(prompt: str, input_scale: int) -> list[int]:
    """The 64 prompt instances (public instances 0..63): byte i << input_scale, 0 past the end."""
    if (
        not isinstance(input_scale, int)
        or isinstance(input_scale, bool)
        or not 0 <= input_scale <= MAX_SCALE
    ):
        raise ValueError(f"input_scale must be an integer from 0 to {MAX_SCALE}, got {input_scale}")
    data = prompt_bytes(prompt)
    return [data[i] << input_scale if i < len(data) else 0 for i in range(PROMPT_INSTANCE_COUNT)]
