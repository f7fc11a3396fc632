"""The data files a package ships, read without ``importlib.resources`` where it can be.

``importlib.resources.files`` imports zipfile, tempfile and shutil (about 3% of the
start-up of ``gik-rules check``) to serve packages inside zip archives too. An installed
package is a folder (pip unpacks wheels), and a folder's files are read as paths; only a
package that is not one is handed to importlib.resources. A TOML file read whole
(``read_toml``) comes from the data cache once read: tomllib is not even imported.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gik_rules import data_cache

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable


def files(package: str) -> Traversable:
    """``importlib.resources.files(package)``: its folder, when it is one."""
    spec = importlib.util.find_spec(package)
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    if spec is not None and spec.origin and len(locations) == 1 and os.path.isdir(locations[0]):
        return Path(locations[0])
    from importlib import resources

    return resources.files(package)


def read_toml(package: str, name: str) -> dict[str, Any]:
    """The TOML file ``name`` of ``package`` as tomllib reads it (from the data cache)."""
    text = files(package).joinpath(name).read_text("utf-8")
    return data_cache.cached(f"{package}/{name} as TOML", text, lambda: _loads(text))


def _loads(text: str) -> dict[str, Any]:
    import tomllib

    return tomllib.loads(text)
