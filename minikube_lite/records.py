"""A lean stand-in for ``dataclasses`` (the subset this package uses).

``import dataclasses`` pulls in ``inspect`` (and with it ``ast``, ``dis``, ``tokenize``): about
8 ms, a quarter of a whole command's budget.  This module builds the same classes - ``__init__``
with defaults and factories, ``__repr__``, ``__eq__``, ``__hash__`` for frozen records,
``frozen`` and ``slots`` - from the class annotations, without code generation.
"""

from __future__ import annotations

import operator

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform

    T = TypeVar("T")
else:

    def dataclass_transform(**_: object) -> object:
        """typing's mark for type checkers; at run time the decorator is returned unchanged."""
        return lambda fn: fn


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class Field:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any = MISSING, default_factory: Any = MISSING) -> None:
        self.default = default
        self.default_factory = default_factory


def field(*, default: Any = MISSING, default_factory: Any = MISSING) -> Any:
    return Field(default, default_factory)


def _own_fields(cls: type) -> list[tuple[str, Any, Any]]:
    out = []
    for name, tp in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063  (inspect is what we avoid)
        if "ClassVar" in str(tp):
            continue
        value = cls.__dict__.get(name, MISSING)
        if isinstance(value, Field):
            out.append((name, value.default, value.default_factory))
        else:
            out.append((name, value, MISSING))
    return out


def _all_fields(cls: type) -> list[tuple[str, Any, Any]]:
    fields: dict[str, tuple[str, Any, Any]] = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__record_fields__", ()):
            fields[f[0]] = f
    for f in _own_fields(cls):
        fields[f[0]] = f
    return list(fields.values())


def _make_init(specs: list[tuple[str, Any, Any]], kw_only: bool = False) -> Any:
    names = [n for n, _, _ in specs]
    setter = object.__setattr__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if kw_only and args:
            raise TypeError(
                f"{type(self).__name__}() takes keyword arguments only ({len(args)} positional "
                "given)"
            )
        if len(args) > len(names):
            raise TypeError(
                f"{type(self).__name__}() takes {len(names)} positional arguments but "
                f"{len(args)} were given"
            )
        for i, (name, default, factory) in enumerate(specs):
            if i < len(args):
                value = args[i]
                if name in kwargs:
                    raise TypeError(
                        f"{type(self).__name__}() got multiple values for argument '{name}'"
                    )
            elif name in kwargs:
                value = kwargs.pop(name)
            elif default is not MISSING:
                value = default
            elif factory is not MISSING:
                value = factory()
            else:
                raise TypeError(f"{type(self).__name__}() missing required argument: '{name}'")
            setter(self, name, value)
        if kwargs:
            raise TypeError(
                f"{type(self).__name__}() got an unexpected keyword argument '{next(iter(kwargs))}'"
            )
        post = getattr(self, "__post_init__", None)
        if post is not None:
            post()

    return __init__


def _methods(names: tuple[str, ...], frozen: bool, eq: bool) -> dict[str, Any]:
    if len(names) > 1:
        # one C call: a frozen record is hashed on every lookup of a cache keyed by it
        values: Any = operator.attrgetter(*names)
    else:

        def values(self: Any) -> tuple[Any, ...]:
            return tuple(getattr(self, n) for n in names)

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in names)
        return f"{type(self).__qualname__}({inner})"

    out: dict[str, Any] = {"__repr__": __repr__, "__match_args__": names, "_record_values": values}
    if eq:

        def __eq__(self: Any, other: Any) -> Any:
            if other.__class__ is not self.__class__:
                return NotImplemented
            return values(self) == values(other)

        out["__eq__"] = __eq__
        out["__hash__"] = (lambda self: hash(values(self))) if frozen else None
    if frozen:

        def __setattr__(self: Any, name: str, value: Any) -> None:
            raise FrozenInstanceError(f"cannot assign to field '{name}'")

        def __delattr__(self: Any, name: str) -> None:
            raise FrozenInstanceError(f"cannot delete field '{name}'")

        out["__setattr__"] = __setattr__
        out["__delattr__"] = __delattr__
    return out


@dataclass_transform(field_specifiers=(field, Field))
def dataclass(
    cls: Any = None,
    /,
    *,
    frozen: bool = False,
    slots: bool = False,
    eq: bool = True,
    kw_only: bool = False,
) -> Any:
    """Decorator compatible with ``dataclasses.dataclass`` for (frozen, slots, eq, kw_only)."""

    def wrap(cls: type[T]) -> type[T]:
        specs = _all_fields(cls)
        names = tuple(n for n, _, _ in specs)
        ns = dict(cls.__dict__)
        ns.pop("__dict__", None)
        ns.pop("__weakref__", None)
        if slots:
            for n in names:
                ns.pop(n, None)
            inherited = {s for b in cls.__mro__[1:] for s in getattr(b, "__slots__", ())}
            ns["__slots__"] = tuple(n for n in names if n not in inherited)
        for n, default, _ in specs:
            if not slots and isinstance(ns.get(n), Field):
                if default is MISSING:
                    ns.pop(n)
                else:
                    ns[n] = default
        ns.update(_methods(names, frozen, eq))
        ns["__init__"] = _make_init(specs, kw_only)
        ns["__record_fields__"] = tuple(specs)
        # rebuilt through the class's own metaclass, which mypy cannot call generically
        new_cls: type[T] = type(cls)(cls.__name__, cls.__bases__, ns)  # type: ignore[misc]
        return new_cls

    return wrap if cls is None else wrap(cls)


def asdict(obj: Any) -> dict[str, Any]:
    """``dataclasses.asdict`` for records (recursing into records, lists, tuples and dicts)."""

    def conv(v: Any) -> Any:
        if hasattr(v, "__record_fields__") and not isinstance(v, type):
            return {n: conv(getattr(v, n)) for n, _, _ in v.__record_fields__}
        if isinstance(v, (list, tuple)):
            return type(v)(conv(x) for x in v)
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        return v

    out: dict[str, Any] = conv(obj)
    return out


def replace(obj: T, **changes: Any) -> T:
    """``dataclasses.replace``."""
    kwargs = {n: getattr(obj, n) for n, _, _ in obj.__record_fields__}  # type: ignore[attr-defined]
    kwargs.update(changes)
    return type(obj)(**kwargs)


class _TupleMeta(type):
    """Builds ``class X(NamedTuple): a: int; b: str = ""`` as ``collections.namedtuple``."""

    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> Any:
        if not bases:  # NamedTuple itself
            return super().__new__(mcls, name, bases, ns)
        import collections

        names = list(ns.get("__annotations__", {}))
        defaults = [ns[n] for n in names if n in ns]
        if any(n not in ns for n in names[len(names) - len(defaults) :]):
            raise TypeError(f"{name}: a field without a default follows one with a default")
        make: Any = collections.namedtuple  # a runtime-built namedtuple (typing.NamedTuple does so)
        cls = make(name, names, defaults=defaults, module=ns.get("__module__"))
        for key, value in ns.items():
            if key not in names and key not in ("__annotations__", "__module__", "__qualname__"):
                setattr(cls, key, value)
        return cls


class NamedTuple(metaclass=_TupleMeta):
    """A lean stand-in for ``typing.NamedTuple`` (fields with defaults, methods, a docstring),
    so the command path never imports ``typing`` (2-3 ms of a 50 ms command).  Modules import
    ``typing.NamedTuple`` under ``TYPE_CHECKING`` for the type checker and this one at run time."""
