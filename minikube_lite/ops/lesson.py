"""``mkl lesson``: guided exercises whose steps are checked against what the cluster recorded.

An exercise is YAML (``name``, ``title``, ``steps``: each ``id``, ``text``, ``hint``, optional
``commands``, and ``checks`` from ops/lesson_checks.py); texts are plain strings or ``{ko: ...,
en: ...}`` maps.  Built-in lessons ship in ``minikube_lite/data/lessons/``.  The active lesson of
a profile is kept in ``lesson.state`` (JSON) in the profile's directory, written atomically under
the profile's lock: its name, its source (the built-in name, or a teacher's file's parsed
content), the language and the hints asked for.  Checking needs no state of its own: every
step is evaluated from the cluster, so a student's exported snapshot grades the same way.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from minikube_lite import errors
from minikube_lite.ops import lesson_checks
from minikube_lite.ops.lesson_text import LANGS, say
from minikube_lite.records import dataclass
from minikube_lite.store import persist
from minikube_lite.store.cluster import Cluster

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

STATE_FILE = "lesson.state"  # not *.json: the profile's stray-segment cleanup removes those
MAX_BYTES = 1 << 20
_STEP_KEYS = ("id", "text", "hint", "commands", "checks")


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    text: Any  # str or {lang: str}
    hint: Any
    commands: tuple[str, ...]
    checks: tuple[tuple[str, dict[str, Any]], ...]


@dataclass(frozen=True, slots=True)
class Exercise:
    name: str
    title: Any
    steps: tuple[Step, ...]
    source: str  # "builtin" or the file it was read from
    doc: dict[str, Any]  # the YAML document as read (kept in lesson.state for -f files)


# ----- language ----------------------------------------------------------------------------------


def default_lang(env: dict[str, str]) -> str:
    """``ko`` when the locale (LC_ALL, else LC_MESSAGES, else LANG) is Korean, else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise errors.MklError(f'unknown language "{lang}": use one of {", ".join(LANGS)}')
    return lang


def text(value: Any, lang: str) -> str:
    """A text in ``lang``: plain strings as they are, maps by language (then en, then any)."""
    if isinstance(value, dict):
        chosen = value.get(lang, value.get("en", next(iter(value.values()), "")))
        return str(chosen).rstrip("\n")
    return "" if value is None else str(value).rstrip("\n")


# ----- reading exercises -------------------------------------------------------------------------


def builtin_names() -> list[str]:
    folder = resources.files("minikube_lite").joinpath("data/lessons")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_builtin(name: str) -> Exercise:
    if name not in builtin_names():
        known = ", ".join(builtin_names())
        raise errors.MklError(f'lesson "{name}" not found (built-in lessons: {known})')
    path = resources.files("minikube_lite").joinpath(f"data/lessons/{name}.yaml")
    return parse(path.read_text(encoding="utf-8"), "builtin", f"{name}.yaml")


def load_file(path: str) -> Exercise:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as e:
        raise errors.MklError(f"cannot read {path}: {e.strerror or e}") from None
    if len(data) > MAX_BYTES:
        raise errors.MklError(f"cannot read {path}: larger than {MAX_BYTES} bytes")
    return parse(data, str(Path(path).resolve()), path)


def parse(data: str, source: str, shown: str) -> Exercise:
    """The exercise in YAML ``data``; MklError naming ``shown`` (and the step and check)."""
    import yaml

    try:
        doc = yaml.safe_load(data)
    except yaml.YAMLError as e:
        raise errors.MklError(f"{shown}: not valid YAML: {e}".replace("\n", " ")) from None
    return from_doc(doc, source, shown)


def _is_text(v: Any) -> bool:
    if isinstance(v, dict):
        return bool(v) and all(isinstance(k, str) and isinstance(t, str) for k, t in v.items())
    return isinstance(v, str)


def from_doc(doc: Any, source: str, shown: str) -> Exercise:
    def bad(msg: str) -> errors.MklError:
        return errors.MklError(f"{shown}: {msg}")

    if not isinstance(doc, dict):
        raise bad("an exercise is a map with name, title and steps")
    name, steps = doc.get("name"), doc.get("steps")
    if not isinstance(name, str) or not name:
        raise bad("name: required, a string")
    if not _is_text(doc.get("title")):
        raise bad("title: required, a string or a map of language to string")
    if not isinstance(steps, list) or not steps:
        raise bad("steps: required, a non-empty list")
    parsed: list[Step] = []
    for i, raw in enumerate(steps, 1):
        parsed.append(_step(raw, i, {s.id for s in parsed}, bad))
    return Exercise(name, doc["title"], tuple(parsed), source, doc)


def _step(raw: Any, i: int, seen: set[str], bad: Any) -> Step:
    if not isinstance(raw, dict):
        raise bad(f"step {i}: a step is a map with id, text, hint and checks")
    sid = raw.get("id")
    if not isinstance(sid, str) or not sid:
        raise bad(f"step {i}: id: required, a string")
    where = f'step "{sid}"'
    if sid in seen:
        raise bad(f"{where}: the id is used by an earlier step")
    unknown = [k for k in raw if k not in _STEP_KEYS]
    if unknown:
        raise bad(f'{where}: unknown key "{unknown[0]}" (known: {", ".join(_STEP_KEYS)})')
    if not _is_text(raw.get("text")):
        raise bad(f"{where}: text: required, a string or a map of language to string")
    if raw.get("hint") is not None and not _is_text(raw["hint"]):
        raise bad(f"{where}: hint: a string or a map of language to string")
    commands = raw.get("commands") or []
    if not isinstance(commands, list) or not all(isinstance(c, str) for c in commands):
        raise bad(f"{where}: commands: a list of strings")
    checks = raw.get("checks")
    if not isinstance(checks, list) or not checks:
        raise bad(f"{where}: checks: required, a non-empty list")
    parsed = []
    for j, item in enumerate(checks, 1):
        label = next(iter(item)) if isinstance(item, dict) and len(item) == 1 else "?"
        try:
            parsed.append(lesson_checks.parse(item))
        except ValueError as e:
            raise bad(f"{where}, check {j} ({label}): {e}") from None
    return Step(sid, raw["text"], raw.get("hint") or "", tuple(commands), tuple(parsed))


# ----- checking ----------------------------------------------------------------------------------


def evaluate(cluster: Cluster, ex: Exercise, lang: str) -> dict[str, Any]:
    """``{"lesson": NAME, "steps": [{"id", "passed", "reason"}]}`` in step order."""
    steps = []
    for step in ex.steps:
        reasons, passed = [], True
        for name, args in step.checks:
            ok, why = lesson_checks.evaluate(cluster, name, args, lang)
            if not ok:
                passed, reasons = False, [why]
                break
            reasons.append(why)
        steps.append({"id": step.id, "passed": passed, "reason": "; ".join(reasons)})
    return {"lesson": ex.name, "steps": steps}


def current(result: dict[str, Any]) -> str | None:
    """The first failing step's id (None when every step passes)."""
    return next((s["id"] for s in result["steps"] if not s["passed"]), None)


# ----- the active lesson of a profile ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Active:
    exercise: Exercise
    lang: str
    hints: dict[str, int]


def state_path(profile: str) -> Path:
    return Path(persist.profile_dir(profile)) / STATE_FILE


def active(profile: str) -> Active | None:
    """The profile's active lesson, None when there is none (or its file is unreadable)."""
    try:
        raw = json.loads(state_path(profile).read_bytes()[:MAX_BYTES])
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("lesson"), str):
        return None
    lang = raw.get("lang") if raw.get("lang") in LANGS else "en"
    try:
        if raw.get("source") == "builtin":
            ex = load_builtin(raw["lesson"])
        else:
            ex = from_doc(raw.get("exercise"), str(raw.get("source")), STATE_FILE)
    except errors.MklError:
        return None
    hints: dict[str, Any] = raw["hints"] if isinstance(raw.get("hints"), dict) else {}
    return Active(ex, str(lang), {str(k): int(v) for k, v in hints.items() if isinstance(v, int)})


def write_state(profile: str, act: Active) -> None:
    """Replace the profile's lesson.state (atomically, under the profile's lock)."""
    ex = act.exercise
    body: dict[str, Any] = {"version": 1, "lesson": ex.name, "source": ex.source, "lang": act.lang}
    if ex.source != "builtin":
        body["exercise"] = ex.doc
    body["hints"] = act.hints
    data = (json.dumps(body, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()
    try:
        with persist.locked(profile):
            Path(persist.profile_dir(profile)).mkdir(mode=0o700, parents=True, exist_ok=True)
            persist.write_private(state_path(profile), data)
    except OSError as e:
        raise errors.MklError(f"cannot write {state_path(profile)}: {e.strerror or e}") from None


def forget(profile: str) -> bool:
    with persist.locked(profile):
        try:
            state_path(profile).unlink()
        except FileNotFoundError:
            return False
    return True


def require(profile: str, prog: str, lang: str) -> Active:
    act = active(profile)
    if act is None:
        raise errors.MklError(say(lang, "no-lesson", profile=profile, prog=prog))
    return act


def progress(cluster: Cluster, lang: str | None = None) -> dict[str, Any] | None:
    """For the dashboard: the check result plus ``title`` and ``current`` (the first failing
    step), or None when no lesson is active on the cluster's profile."""
    profile = str(cluster.doc.get("profile") or persist.profile_name(None))
    act = active(profile)
    if act is None:
        return None
    chosen = lang if lang in LANGS else act.lang
    result = evaluate(cluster, act.exercise, chosen)
    return {**result, "title": text(act.exercise.title, chosen), "current": current(result)}
