"""records: the dataclasses subset behaves like dataclasses."""

from __future__ import annotations

import dataclasses

import pytest

from minikube_lite import records


@records.dataclass(frozen=True, slots=True)
class P:
    a: int
    b: str = "x"
    c: list[int] = records.field(default_factory=list)


@dataclasses.dataclass(frozen=True, slots=True)
class Q:
    a: int
    b: str = "x"
    c: list[int] = dataclasses.field(default_factory=list)


@records.dataclass(frozen=True)
class R:
    a: int
    b: str


@records.dataclass
class M:
    a: int
    d: dict[str, int] = records.field(default_factory=dict)

    def __post_init__(self) -> None:
        self.d.setdefault("seen", 1)


def test_matches_dataclasses_behaviour() -> None:
    for cls in (P, Q):
        p = cls(1)
        assert (p.a, p.b, p.c) == (1, "x", [])
        assert cls(1, "y") == cls(a=1, b="y")
        assert cls(1) != cls(2)
        assert repr(cls(1, "y", [2])).endswith("(a=1, b='y', c=[2])")
        with pytest.raises(AttributeError):
            p.a = 3  # type: ignore[misc]
        with pytest.raises(TypeError):
            cls()
        with pytest.raises(TypeError):
            cls(1, nope=2)
        assert not hasattr(p, "__dict__")
    assert hash(R(1, "y")) == hash(R(1, "y")) and {R(1, "y"): 1}[R(1, "y")] == 1
    assert P(1).c is not P(1).c


def test_mutable_record_post_init_and_asdict() -> None:
    m = M(1)
    m.a = 2
    assert m.d == {"seen": 1}
    assert records.asdict(m) == {"a": 2, "d": {"seen": 1}}
    assert records.replace(P(1), b="z") == P(1, "z")
    assert M.__hash__ is None


@records.dataclass(slots=True, kw_only=True)
class K:
    a: int
    b: str = "x"


def test_kw_only_record_refuses_positional_arguments() -> None:
    assert K(a=1) == K(a=1, b="x")
    with pytest.raises(TypeError, match="keyword arguments only"):
        K(1)  # type: ignore[call-arg]


def test_named_tuple_stand_in_builds_a_namedtuple_with_defaults_and_methods() -> None:
    from minikube_lite.records import NamedTuple

    class Pair(NamedTuple):
        """Two things."""

        left: int
        right: str = "r"

        def both(self) -> str:
            return f"{self.left}{self.right}"

    p = Pair(1)
    assert p == (1, "r") and isinstance(p, tuple)
    assert (p.left, p.right, p.both(), Pair._fields) == (1, "r", "1r", ("left", "right"))
    assert p._replace(right="x") == Pair(1, "x") and Pair.__doc__ == "Two things."
    assert Pair.__module__ == __name__
    with pytest.raises(TypeError):

        class Bad(NamedTuple):
            a: int = 0
            b: int
