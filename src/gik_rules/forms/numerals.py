"""Chinese numerals of headings and sub-headings (一 … 九十九), both ways."""

from __future__ import annotations

DIGITS = "一二三四五六七八九"


def numeral(number: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九; other numbers as digits."""
    if not 1 <= number <= 99:
        return str(number)
    tens, units = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens - 1] + "十")
    return head + (DIGITS[units - 1] if units else "")


def cn_number(text: str) -> int | None:
    """一 … 九十九 as an integer; None for anything else (also for a malformed 十十一)."""
    if not text or text.count("十") > 1 or any(ch not in DIGITS + "十" for ch in text):
        return None
    tens, ten, units = text.partition("十")
    if not ten:
        return DIGITS.index(text) + 1 if len(text) == 1 else None
    if len(tens) > 1 or len(units) > 1:
        return None
    return (DIGITS.index(tens) + 1 if tens else 1) * 10 + (DIGITS.index(units) + 1 if units else 0)
