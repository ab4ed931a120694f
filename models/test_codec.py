import json
from pathlib import Path

import pytest

from models.codec import (
    PROMPT_ALLOWED_CHARACTERS,
    PROMPT_INSTANCE_COUNT,
    PROMPT_MAX_BYTES,
    PUBLIC_INSTANCE_COUNT,
    PromptError,
    PromptInvalidCharacterError,
    normalize_prompt,
    prompt_bytes,
    prompt_from_bytes,
    prompt_instances,
    prompt_token_id,
    validate_prompt,
)

VECTORS = json.loads(
    (Path(__file__).parent.parent / "test" / "vectors" / "prompts.json").read_text("utf-8")
)
HINT = "use a-z, 0-9, space and - ' , . ! ?"


def _ids(cases):
    return [case["name"] for case in cases]


def test_vectors_hold_at_least_200_cases():
    total = sum(len(VECTORS[kind]) for kind in ("valid", "invalid", "invalidBytes"))
    assert total >= 200


def test_vectors_state_the_rules_python_implements():
    assert VECTORS["rules"] == {
        "maxBytes": PROMPT_MAX_BYTES,
        "allowedCharacters": PROMPT_ALLOWED_CHARACTERS,
        "promptInstanceCount": PROMPT_INSTANCE_COUNT,
        "publicInstanceCount": PUBLIC_INSTANCE_COUNT,
        "inputScale": 0,
    }


@pytest.mark.parametrize("case", VECTORS["valid"], ids=_ids(VECTORS["valid"]))
def test_valid_prompt(case):
    prompt = case["prompt"]
    assert normalize_prompt(case["input"]) == prompt
    assert normalize_prompt(prompt) == prompt
    validate_prompt(prompt)
    assert "0x" + prompt_bytes(prompt).hex() == case["bytes"]
    assert prompt_from_bytes(bytes.fromhex(case["bytes"][2:])) == prompt
    assert prompt_token_id(prompt) == int(case["tokenId"], 16)
    assert prompt_instances(prompt, 0) == case["instances"]
    assert prompt_instances(prompt, 7) == [value << 7 for value in case["instances"]]


@pytest.mark.parametrize("case", VECTORS["invalid"], ids=_ids(VECTORS["invalid"]))
def test_invalid_prompt(case):
    with pytest.raises(PromptError) as caught:
        normalize_prompt(case["input"])
    error = caught.value
    assert (error.code, error.position, error.char, error.code_point, error.prompt) == (
        case["code"],
        case["position"],
        case["char"],
        case["codePoint"],
        case["normalized"],
    )


@pytest.mark.parametrize("case", VECTORS["invalidBytes"], ids=_ids(VECTORS["invalidBytes"]))
def test_invalid_prompt_bytes(case):
    data = bytes.fromhex(case["bytes"][2:])
    with pytest.raises(PromptError) as caught:
        prompt_from_bytes(data)
    assert (caught.value.code, caught.value.position) == (case["code"], case["position"])
    # The same bytes read as Latin-1 text fail the string check at the same place.
    with pytest.raises(PromptError) as caught:
        validate_prompt(data.decode("latin-1"))
    assert (caught.value.code, caught.value.position) == (case["code"], case["position"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Café", f"character 'é' (U+00E9) at position 3 is not allowed; {HINT}"),
        ("hi 👋", f"character '👋' (U+1F44B) at position 3 is not allowed; {HINT}"),
        ("İstanbul", f"character U+0307 at position 1 is not allowed; {HINT}"),
        ("", "prompt is empty; write 1 to 64 characters"),
        ("a" * 65, "prompt is 65 characters long; at most 64 are allowed"),
    ],
)
def test_messages_match_typescript(text, message):
    with pytest.raises(PromptError) as caught:
        normalize_prompt(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("prompt", "message"),
    [
        (" a", "space at position 0 is not allowed: a prompt cannot start with a space"),
        ("a ", "space at position 1 is not allowed: a prompt cannot end with a space"),
        ("a  b", "space at position 2 is not allowed: a prompt cannot have two spaces in a row"),
    ],
)
def test_space_messages_match_typescript(prompt, message):
    with pytest.raises(PromptError) as caught:
        validate_prompt(prompt)
    assert str(caught.value) == message


def test_bytes_errors_name_the_byte():
    with pytest.raises(PromptInvalidCharacterError) as caught:
        prompt_from_bytes(b"caf\xc3\xa9")
    error = caught.value
    assert (error.position, error.char, error.byte) == (3, None, 0xC3)
    assert str(error) == f"byte 0xc3 at position 3 is not allowed; {HINT}"
    with pytest.raises(PromptError, match="65 bytes long"):
        prompt_from_bytes(b"a" * 65)


@pytest.mark.parametrize("scale", [-1, 65, 0.5, True])
def test_prompt_instances_rejects_bad_scales(scale):
    with pytest.raises(ValueError, match="input_scale must be an integer from 0 to 64"):
        prompt_instances("a", scale)
