"""pdfplumber's ``cluster_objects``: objects grouped by a value within a tolerance.

The distinct values, sorted, are cut where one is more than the tolerance above the one
before it; each object goes to its value's cluster, clusters in the values' order (or,
with ``preserve_order``, runs of one cluster in the objects' order). pdfplumber does so
through a list of value pairs chained into a dictionary and a sort of (object, cluster)
pairs; lines and words are clustered several times a page, and this does the same with
one dictionary and no sort: the same clusters in the same order
(tests/ingest/test_pdf_clusters.py checks it against pdfplumber's).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def cluster_objects(
    xs: Sequence[T], key: Callable[[T], float], tolerance: float, preserve_order: bool = False
) -> list[list[T]]:
    """``pdfplumber.utils.clustering.cluster_objects(xs, key, tolerance, preserve_order)``."""
    values = sorted(set(map(key, xs)))
    ids: dict[float, int] = {}
    cluster = -1
    last = 0.0
    for value in values:
        if cluster < 0 or not value <= last + tolerance:
            cluster += 1
        ids[value] = cluster
        last = value
    if preserve_order:
        return [list(run) for _, run in itertools.groupby(xs, lambda x: ids[key(x)])]
    clusters: list[list[T]] = [[] for _ in range(cluster + 1)]
    for x in xs:
        clusters[ids[key(x)]].append(x)
    return clusters
