"""The cyclic garbage collector held off while the ``gik-rules`` process starts.

Start-up (the command's modules, the plugins, forms, rules and rulesets) makes what lives
until the process ends; the collector, run every 700 allocations, walks it and frees
nothing (about 5% of a one-file check). The console script holds it off from its first
line; a command turns it back on when its real work starts (``check`` as its reports are
read, every other command at once). Only what ``hold`` turned off is turned back on.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Turn the collector off until ``release``."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Turn the collector back on, if ``hold`` turned it off."""
    global _held
    if _held:
        _held = False
        gc.enable()
