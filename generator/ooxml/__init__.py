"""Transitional: the module moves into this package (split follows in the next commit)."""

from .properties import *  # noqa: F403
from .properties import _child, _set  # noqa: F401
