"""Plan data that is already exactly of the model's types, read into model objects without pydantic.

A plan that validates is almost always written in the model's own types — strings where strings
go, ints for years, dates for dates, known keys only — and for such data validating is only
building the objects. Importing pydantic-core and loading its validator costs a render more than
the rest of reading the plan, so :func:`read_exact` builds those objects from the annotations
itself and gives up (:class:`NotExact`) at the first value that is not exactly of its field's type
or breaks a constraint. ``model_tools.validate`` then hands the data to pydantic, which converts
what it converts and words every error: this module decides nothing pydantic would decide
differently, it only recognises the data pydantic would take unchanged (tests/test_model_tools.py
holds the two to the same result).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import sys
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from . import model

T = TypeVar("T")
Reader = Callable[[Any], Any]


class NotExact(Exception):
    """The data needs pydantic: a conversion, a default it cannot tell, or an error to word."""


def read_exact(cls: type[T], data: object) -> T:
    """``data`` as a ``cls`` object when every value is exactly of its field's type; else
    raises :class:`NotExact`."""
    try:
        return _class_reader(cls)(data)
    except NotExact:
        raise
    except (ValueError, TypeError, AssertionError) as exc:  # a model function refused the value
        raise NotExact(str(exc)) from None


def _fail(*_args: object) -> typing.NoReturn:
    raise NotExact


@functools.cache
def _annotation(text: str, module: str) -> Any:
    """A field's annotation (a string: the model's modules postpone them) as the type it names.
    Evaluated here, once per distinct text, rather than by typing.get_type_hints, which also
    evaluates the base class's ClassVars and wraps each string in a ForwardRef first."""
    return eval(text, vars(sys.modules[module]))  # the model's own source, not plan text


@functools.cache
def _class_reader(cls: type) -> Reader:
    fields = []
    for f in dataclasses.fields(cls):
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        kind = _annotation(f.type, cls.__module__) if isinstance(f.type, str) else f.type
        fields.append((f.name, _reader(kind, dict(f.metadata)), required))
    names = frozenset(name for name, _, _ in fields)
    required_names = frozenset(name for name, _, required in fields if required)
    before: Reader | None = getattr(cls, "_before", None)
    after: Reader | None = getattr(cls, "_after", None)

    def read(value: Any) -> Any:
        if before is not None:
            value = before(value)
            if type(value) is cls:
                return value if after is None else after(value)
        if type(value) is not dict or not names.issuperset(value) or not required_names <= value.keys():
            raise NotExact  # unknown or missing keys (or keys that are not strings): pydantic words it
        kwargs = {name: convert(value[name]) for name, convert, _ in fields if name in value}
        built = cls(**kwargs)
        return built if after is None else after(built)

    return read


def _reader(annotation: Any, constraints: dict[str, Any]) -> Reader:
    """A function taking a raw value of ``annotation`` exactly, with the field's constraints."""
    constraints.pop("description", None)
    minimum, maximum = constraints.pop("ge", None), constraints.pop("le", None)
    min_length = constraints.pop("min_length", None)
    if constraints:
        return _fail  # a constraint this module does not know: pydantic checks it
    read = _typed(annotation)
    if minimum is None and maximum is None and min_length is None:
        return read

    def bounded(value: Any) -> Any:
        out = read(value)
        if out is None:
            return out
        if (minimum is not None and out < minimum) or (maximum is not None and out > maximum):
            raise NotExact
        if min_length is not None and len(out) < min_length:
            raise NotExact
        return out

    return bounded


def _exact(kind: type) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not kind:
            raise NotExact
        return value

    return read


def _typed(annotation: Any) -> Reader:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner = _typed(annotation.__origin__)
        befores = [m.function for m in annotation.__metadata__ if type(m) is model._Before]
        afters = [m.function for m in annotation.__metadata__ if type(m) is model._After]
        if len(befores) + len(afters) != len(annotation.__metadata__):
            return _fail  # a marker pydantic reads that this module does not

        def marked(value: Any) -> Any:
            for function in befores:
                value = function(value)
            value = inner(value)
            for function in afters:
                value = function(value)
            return value

        return marked
    if origin is typing.Union or origin is types.UnionType:
        options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(options) != 1:
            return _fail  # a union of several types: pydantic's smart mode picks among them
        one = _typed(options[0])
        return lambda value: None if value is None else one(value)
    if origin is typing.Literal:
        allowed = frozenset(typing.get_args(annotation))
        if not all(type(v) is str for v in allowed):
            return _fail

        def literal(value: Any) -> Any:
            if type(value) is not str or value not in allowed:
                raise NotExact
            return value

        return literal
    if origin is list:
        (item,) = typing.get_args(annotation)
        each = _typed(item)

        def items(value: Any) -> Any:
            if type(value) is not list:
                raise NotExact
            return [each(v) for v in value]

        return items
    if annotation in (str, int, bool, dt.date):
        return _exact(annotation)
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return lambda value: _class_reader(annotation)(value)  # looked up late: Node holds Nodes
    return _fail
