"""The OCR engines a page image can be recognised by, behind one small interface.

An engine gives the words of an image with their boxes (pixels from the top-left
corner) and its confidence in each, from 0 to 1. Two engines are supported:

- ``tesseract``: Tesseract 5 with its ``chi_sim`` data (Debian's ``tesseract-ocr`` and
  ``tesseract-ocr-chi-sim``), through pytesseract (the ``ocr`` extra);
- ``rapidocr``: RapidOCR on ONNX Runtime (``rapidocr-onnxruntime``), PaddleOCR's Chinese
  models shipped inside the wheel.

``GIK_RULES_OCR_ENGINE`` chooses one; by default the first that is installed, in that
order (docs/reading.md says why). Neither installed is ``OcrUnavailable``, whose message
says what to install.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Callable
from typing import Any, Protocol

import attrs

from gik_rules.ingest.result import UnreadableError

ENGINES = ("rapidocr", "tesseract")
INSTALL_HINT = (
    "pip install 'gik-rules[ocr]' and apt-get install tesseract-ocr tesseract-ocr-chi-sim"
)


class OcrUnavailable(UnreadableError):
    """No OCR engine can run here: the message names what is missing."""


@attrs.frozen(slots=True)
class OcrWord:
    """A word (or a line, as the engine groups it) in image pixels."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    confidence: float


class OcrEngine(Protocol):
    name: str
    #: whether the engine reads a page better with its ruling lines erased
    erase_rules: bool

    def recognise(self, image: Any) -> list[OcrWord]:
        """The words of a greyscale PIL image."""
        ...

    def read_lines(self, images: list[Any]) -> list[tuple[str, float]]:
        """The text of each greyscale PIL image taken as one line, with the confidence."""
        ...


class Tesseract:
    """Tesseract through pytesseract: one process per page image."""

    name = "tesseract"
    erase_rules = True  # it reads a rule beside a figure as "1" or "|"

    def __init__(self, language: str = "chi_sim") -> None:
        try:
            import pytesseract
        except ImportError:
            raise OcrUnavailable(f"pytesseract is not installed ({INSTALL_HINT})") from None
        if shutil.which("tesseract") is None and not os.environ.get("TESSERACT_CMD"):
            raise OcrUnavailable(f"the tesseract program is not installed ({INSTALL_HINT})")
        if os.environ.get("TESSERACT_CMD"):
            pytesseract.pytesseract.tesseract_cmd = os.environ["TESSERACT_CMD"]
        try:
            languages = set(pytesseract.get_languages(config=""))
        except Exception as exc:  # TesseractNotFoundError, a broken installation
            raise OcrUnavailable(f"tesseract cannot run ({exc}; {INSTALL_HINT})") from None
        if language not in languages:
            raise OcrUnavailable(
                f"tesseract has no {language} data (apt-get install tesseract-ocr-chi-sim)"
            )
        self._tess = pytesseract
        self._language = language

    def recognise(self, image: Any) -> list[OcrWord]:
        # --psm 4: one column of text of varying sizes (a table is read row by row)
        return self._words(image, "--psm 4")

    def read_lines(self, images: list[Any]) -> list[tuple[str, float]]:
        out = []
        for image in images:
            words = self._words(image, "--psm 7")  # a single line of text
            text = "".join(w.text for w in words)
            out.append((text, min((w.confidence for w in words), default=0.0)))
        return out

    def _words(self, image: Any, mode: str) -> list[OcrWord]:
        data = self._tess.image_to_data(
            image,
            lang=self._language,
            config=f"{mode} -c preserve_interword_spaces=1",
            output_type=self._tess.Output.DICT,
        )
        words: list[OcrWord] = []
        for text, conf, left, top, width, height in zip(
            data["text"],
            data["conf"],
            data["left"],
            data["top"],
            data["width"],
            data["height"],
            strict=True,
        ):
            text = str(text).strip()
            if not text or float(conf) < 0:
                continue
            words.append(OcrWord(text, left, top, left + width, top + height, float(conf) / 100))
        return words


class RapidOcr:
    """RapidOCR (PaddleOCR's PP-OCRv4 models on ONNX Runtime): a text line a box."""

    name = "rapidocr"
    erase_rules = False  # its detector keeps the text of neighbouring cells apart by them

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:  # not installed, or OpenCV without libGL
            raise OcrUnavailable(
                f"rapidocr-onnxruntime cannot be imported ({exc}; pip install 'gik-rules[ocr]')"
            ) from None
        # A page is upright: the angle classifier only costs time. One thread: a run
        # checks files in parallel processes (-j), where more threads only contend.
        self._engine = RapidOCR(use_cls=False, intra_op_num_threads=1, inter_op_num_threads=1)

    def recognise(self, image: Any) -> list[OcrWord]:
        import numpy as np

        result, _ = self._engine(np.asarray(image.convert("RGB")))
        words: list[OcrWord] = []
        for box, text, score in result or ():
            xs = [float(p[0]) for p in box]
            ys = [float(p[1]) for p in box]
            text = str(text).strip()
            if text:
                words.append(
                    OcrWord(_fixed(text), min(xs), min(ys), max(xs), max(ys), float(score))
                )
        return words

    def read_lines(self, images: list[Any]) -> list[tuple[str, float]]:
        import numpy as np

        found, _ = self._engine.text_rec([np.asarray(i.convert("RGB")) for i in images])
        return [(_fixed(str(text).strip()), float(score)) for text, score in found]


# Characters the Chinese models give for punctuation they mistake (丶, the radical "dot",
# for the enumeration comma 、), which no report prints.
_MISTAKEN = str.maketrans({"丶": "、"})


def _fixed(text: str) -> str:
    return text.translate(_MISTAKEN)


@functools.cache
def ocr_engine(name: str | None = None) -> OcrEngine:
    """The engine ``name`` (or ``GIK_RULES_OCR_ENGINE``, or the first installed one);
    raises ``OcrUnavailable`` saying what to install."""
    chosen = name or os.environ.get("GIK_RULES_OCR_ENGINE") or ""
    if chosen and chosen not in ENGINES:
        raise OcrUnavailable(f"unknown OCR engine {chosen!r} (one of {', '.join(ENGINES)})")
    makers: dict[str, Callable[[], OcrEngine]] = {"tesseract": Tesseract, "rapidocr": RapidOcr}
    if chosen:
        return makers[chosen]()
    reasons = []
    for each in ENGINES:
        try:
            return makers[each]()
        except OcrUnavailable as why:
            reasons.append(str(why))
    raise OcrUnavailable(f"no OCR engine is installed: {reasons[0]}")
