"""Money amounts: digits, commas, decimals, number words, scales, currency words."""

from decimal import Decimal

import pytest

from duikou.loaders.amounts import find_amounts
from duikou.loaders.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("gave 73.2 million yuan", "73200000"),
        ("gave 2.6 billion yuan", "2600000000"),
        ("gave 480,000 yuan", "480000"),
        ("gave 1,250,000.5 Yuan", "1250000.5"),
        ("gave ten million yuan", "10000000"),
        ("gave twenty-five million yuan", "25000000"),
        ("gave one million Yuan", "1000000"),
        ("gave 12.3456 million yuan", "12345600"),
        ("gave RMB 8 million", "8000000"),
        ("gave 300 thousand yuan", "300000"),
        ("gave a million yuan", "1000000"),
        # 万 as translations write it
        ("gave 3,000 ten thousand yuan", "30000000"),
        ("gave 45 ten thousand Yuan", "450000"),
        ("gave ten thousand yuan", "10000"),
        ("gave 2.5 hundred million yuan", "250000000"),
        ("gave ¥5 million", "5000000"),
        ("gave ￥ 300,000 to them", "300000"),
    ],
)
def test_amount_values(text, value):
    (amount,) = find_amounts(text)
    assert amount.value == Decimal(value)
    assert text[amount.start : amount.end] == amount.text


@pytest.mark.parametrize(
    "text",
    [
        "trained 3,040 people",  # no currency word: not money
        "a 1.5 billion population",
        "gave 3.2.1 million yuan",  # malformed number: refused, not misread
        "gave 1,2345 yuan",
        "in 2015 they met",
    ],
)
def test_not_money(text):
    assert find_amounts(text) == []


def test_offsets_are_absolute():
    text = "xx Hainan gave 5 million yuan to Nyingchi."
    (amount,) = find_amounts(text, 3, len(text))
    assert text[amount.start : amount.end] == "5 million yuan"


def test_parse_number():
    assert parse_number("1,500") == Decimal(1500)
    assert parse_number("forty-two") == Decimal(42)
    assert parse_number("many") is None
