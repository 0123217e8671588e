"""Shared pytest fixtures."""

from collections.abc import Iterator

import pytest

from tests.support.rest_double import RestDouble


@pytest.fixture
def rest_double() -> Iterator[RestDouble]:
    """A running loopback Bitrix24 REST double (see tests/support/rest_double.py)."""
    with RestDouble() as double:
        yield double
