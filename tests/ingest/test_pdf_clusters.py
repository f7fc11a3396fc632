"""Objects clustered by a value within a tolerance (``ingest.pdf_clusters``) are
clustered as pdfplumber clusters them."""

from __future__ import annotations

from operator import itemgetter

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils.clustering import cluster_objects as plumber_clusters

from gik_rules.ingest.pdf_clusters import cluster_objects

_VALUES = st.sampled_from([-3.0, 0.0, 1.0, 2.5, 3.0, 4.0, 6.0, 6.5, 10.0, 13.0, 100.0])


@settings(max_examples=300)
@given(
    st.lists(st.one_of(_VALUES, st.just(float("nan"))) | _VALUES, max_size=20),
    st.sampled_from([0, 1, 3]),
    st.booleans(),
)
def test_the_clusters_are_pdfplumbers(values: list[float], tolerance: int, keep: bool) -> None:
    """Values in a chain a tolerance apart, equal values, out of order; a NaN now and
    then; runs of one cluster kept apart in the objects' order with ``preserve_order``."""
    objects = [{"top": value, "n": n} for n, value in enumerate(values)]
    key = itemgetter("top")
    assert cluster_objects(objects, key, tolerance, keep) == plumber_clusters(
        objects, key, tolerance, preserve_order=keep
    )
