"""What every reader, writer and tool does with the model's objects besides reading their fields:
validate plan data into them, copy them, turn them back into plain data, list their fields.

Validation is pydantic's, from the model's annotations. Importing pydantic and generating a
validator from those annotations takes 85 ms, longer than the rest of a render; the validator
itself lives in pydantic-core and is built in under a millisecond from a plain "core schema". So
the core schema pydantic generates is kept in the cache (``generator.cache``) under a key of the
model's source and the pydantic-core version (each pydantic release pins one), and the next process
builds its validator from it without importing pydantic. Without a usable cache pydantic generates
it again: the result is the same validator.

Data already exactly of the model's types (a plan that validates, nearly always) is read by
:mod:`generator.model_exact` without importing pydantic-core at all; anything else goes to
pydantic-core, whose errors this module raises as :class:`ValidationError`.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import typing
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from . import cache, model
from .model_exact import NotExact, read_exact

if TYPE_CHECKING:
    from pydantic_core import SchemaValidator

__all__ = [
    "FieldSpec",
    "ValidationError",
    "deep_copy",
    "field_specs",
    "is_model",
    "replace",
    "to_data",
    "validate",
]

T = TypeVar("T")

_CACHE_KIND = "validators"
# the schema's parts a validator never reads: JSON-schema hints and serializers, which refer to
# pydantic's own functions (unpickling them would import pydantic)
_NOT_FOR_VALIDATION = frozenset({"metadata", "serialization"})


class ValidationError(ValueError):
    """Plan data that does not fit the model: pydantic's errors, as ``errors()`` lists them."""

    def __init__(self, cause: Any) -> None:
        super().__init__(str(cause))
        self.cause = cause  # pydantic_core.ValidationError

    def errors(self, **options: Any) -> list[Any]:
        """Each problem as pydantic words it: ``type``, ``loc``, ``msg``, ``input``, ``ctx``."""
        return self.cause.errors(**options)

    def error_count(self) -> int:
        return self.cause.error_count()


def validate(cls: type[T], data: object) -> T:
    """``data`` (parsed YAML: dicts, lists, scalars) as an object of model class ``cls``; raises
    :class:`ValidationError` listing every problem."""
    try:
        return read_exact(cls, data)
    except NotExact:
        pass
    import pydantic_core

    try:
        return _validator(cls).validate_python(data)
    except pydantic_core.ValidationError as exc:
        raise ValidationError(exc) from None


@functools.cache
def _validator(cls: type) -> SchemaValidator:
    import pickle

    from pydantic_core import SchemaValidator

    # entries of an earlier model stay (a few kB each): another checkout may still use them
    name = f"{cls.__qualname__}-{_model_key()}.pickle"
    stored = cache.load(_CACHE_KIND, name)
    if stored is not None:
        try:
            return SchemaValidator(pickle.loads(stored))
        except Exception:  # a stale or damaged entry: generate it again
            pass
    schema = _core_schema(cls)
    validator = SchemaValidator(schema)
    try:
        cache.store(_CACHE_KIND, name, pickle.dumps(schema, protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError):
        pass  # a schema that cannot be kept is generated again next time
    return validator


def _core_schema(cls: type) -> Any:
    from pydantic import TypeAdapter

    return _for_validation(TypeAdapter(cls).core_schema)


def _for_validation(schema: Any) -> Any:
    if isinstance(schema, dict):
        return {k: _for_validation(v) for k, v in schema.items() if k not in _NOT_FOR_VALIDATION}
    if isinstance(schema, list):
        return [_for_validation(v) for v in schema]
    return schema


@functools.cache
def _model_key() -> str:
    from pydantic_core import __version__ as core_version

    sources = [Path(model.__file__).read_bytes(), Path(__file__).read_bytes()]
    return cache.key(core_version, *sources)[:32]


# --- copies and plain data ---------------------------------------------------------------------


def is_model(value: object) -> bool:
    """Whether ``value`` is a model object or class (``Node``, ``Node(...)``)."""
    cls = value if isinstance(value, type) else type(value)
    return dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__


def replace(obj: T, **changes: Any) -> T:
    """A shallow copy of ``obj`` with ``changes`` (not validated: give values of the field's type)."""
    return dataclasses.replace(obj, **changes)  # type: ignore[type-var]


def deep_copy(obj: T) -> T:
    """A copy sharing nothing with ``obj``."""
    return copy.deepcopy(obj)


def to_data(
    obj: Any, *, json: bool = False, exclude_none: bool = False, exclude_defaults: bool = False
) -> Any:
    """``obj`` as plain data (dicts, lists, scalars) that ``validate`` reads back as ``obj``; dates
    as ISO strings when ``json``; leaving out fields that are None or at their default."""
    if is_model(obj):
        out = {}
        for spec in field_specs(type(obj)).values():
            value = getattr(obj, spec.name)
            if exclude_none and value is None:
                continue
            if exclude_defaults and not spec.required and value == spec.default_value():
                continue
            out[spec.name] = to_data(
                value, json=json, exclude_none=exclude_none, exclude_defaults=exclude_defaults
            )
        return out
    if isinstance(obj, list | tuple):
        return [
            to_data(v, json=json, exclude_none=exclude_none, exclude_defaults=exclude_defaults) for v in obj
        ]
    if isinstance(obj, dict):
        return {
            k: to_data(v, json=json, exclude_none=exclude_none, exclude_defaults=exclude_defaults)
            for k, v in obj.items()
        }
    if json and isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


# --- fields ------------------------------------------------------------------------------------


class FieldSpec(NamedTuple):
    """One field of a model class, as the tools that walk the model need it."""

    name: str
    annotation: Any
    """The field's type, ``Annotated`` markers kept."""
    description: str | None
    default: Any
    """The default value; ``dataclasses.MISSING`` when there is a factory or none."""
    default_factory: Callable[[], Any] | None

    @property
    def required(self) -> bool:
        return self.default is dataclasses.MISSING and self.default_factory is None

    def default_value(self) -> Any:
        """The value the field takes when a plan leaves it out."""
        if self.default_factory is not None:
            return self.default_factory()
        return None if self.default is dataclasses.MISSING else self.default

    @property
    def one_or_many(self) -> bool:
        """A list field that also takes one string (``model.ONE_OR_MANY``)."""
        return any(mark is model.ONE_OR_MANY for mark in _markers(self.annotation))


def _markers(annotation: Any) -> list[Any]:
    if typing.get_origin(annotation) is typing.Annotated:
        return list(annotation.__metadata__)
    return [m for arg in typing.get_args(annotation) for m in _markers(arg)]


@functools.cache
def field_specs(cls: type) -> dict[str, FieldSpec]:
    """The fields of model class ``cls`` by name, in the order a plan file writes them."""
    hints = typing.get_type_hints(cls, include_extras=True)
    out = {}
    for f in dataclasses.fields(cls):
        factory = None if f.default_factory is dataclasses.MISSING else f.default_factory
        out[f.name] = FieldSpec(f.name, hints[f.name], f.metadata.get("description"), f.default, factory)
    return out
