"""The OCR engines behind one interface (``ingest.ocr_engine``): each installed engine
reads a figure, with boxes and confidences; an unknown or missing one says what to do."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont, ImageOps

from gik_rules.ingest import ocr_engine
from gik_rules.ingest.ocr_engine import ENGINES, OcrUnavailable


def _figure(text: str) -> Image.Image:
    image = Image.new("L", (400, 120), 255)
    font = ImageFont.load_default(size=56)
    ImageDraw.Draw(image).text((40, 25), text, fill=0, font=font)
    return image


@pytest.mark.parametrize("name", ENGINES)
def test_an_engine_reads_a_figure(name: str) -> None:
    try:
        engine = ocr_engine.ocr_engine(name)
    except OcrUnavailable as why:
        pytest.skip(str(why))
    words = engine.recognise(_figure("2024"))
    assert "".join(w.text for w in words) == "2024"
    word = words[0]
    assert 30 <= word.x0 < word.x1 <= 400 and 10 <= word.top < word.bottom <= 120
    assert 0.5 <= word.confidence <= 1
    # a line is read cut close around its ink, as the reader cuts a cell's
    figure = _figure("317")
    x0, top, x1, bottom = ImageOps.invert(figure).getbbox() or (0, 0, 400, 120)
    line = ImageOps.expand(figure.crop((x0, top, x1, bottom)), border=12, fill=255)
    [(text, confidence)] = engine.read_lines([line])
    assert text == "317" and 0.5 <= confidence <= 1


def test_an_unknown_engine_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIK_RULES_OCR_ENGINE", "abbyy")
    ocr_engine.ocr_engine.cache_clear()
    try:
        with pytest.raises(OcrUnavailable, match="unknown OCR engine 'abbyy'"):
            ocr_engine.ocr_engine()
    finally:
        ocr_engine.ocr_engine.cache_clear()


def test_tesseract_without_its_program_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("pytesseract")
    monkeypatch.setattr(ocr_engine.shutil, "which", lambda _: None)
    monkeypatch.delenv("TESSERACT_CMD", raising=False)
    with pytest.raises(OcrUnavailable, match="apt-get install tesseract-ocr"):
        ocr_engine.Tesseract()
