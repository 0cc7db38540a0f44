"""``mkl lesson list|start|status|hint|check|reset``: guided exercises (ops/lesson.py)."""

from __future__ import annotations

import json

from minikube_lite import errors
from minikube_lite.cli.app import Invocation
from minikube_lite.ops import lesson
from minikube_lite.ops.lesson_text import say
from minikube_lite.store import persist

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class _Failed(errors.MklError):
    """``lesson check``: exit 1 without an error line when a step fails (its lines say why)."""

    def __init__(self) -> None:
        super().__init__("")

    def render(self) -> str:
        return ""


def _lang(inv: Invocation, act: lesson.Active | None = None) -> str:
    typed = inv.flag("lang")
    if typed:
        return lesson.check_lang(str(typed))
    return act.lang if act is not None else lesson.default_lang(inv.io.env)


def _no_args(inv: Invocation, most: int = 0) -> None:
    if len(inv.args) > most:
        raise inv.usage_error(f"unexpected arguments: {' '.join(inv.args[most:])}")


def list_(inv: Invocation) -> None:
    _no_args(inv)
    lang = _lang(inv)
    rows = [(n, lesson.text(lesson.load_builtin(n).title, lang)) for n in lesson.builtin_names()]
    width = max(len(n) for n, _ in rows)
    inv.io.out("".join(f"{n:<{width}}  {t}\n" for n, t in rows))


def _exercise(inv: Invocation, required: bool) -> lesson.Exercise | None:
    path = inv.flag("filename")
    if path and inv.args:
        raise inv.usage_error("give a lesson NAME or -f FILE, not both")
    if path:
        return lesson.load_file(str(path))
    if inv.args:
        return lesson.load_builtin(inv.args[0])
    if required:
        raise inv.usage_error("a lesson NAME or -f FILE is required (mkl lesson list)")
    return None


def start(inv: Invocation) -> None:
    _no_args(inv, 1)
    ex = _exercise(inv, required=True)
    assert ex is not None
    lang = _lang(inv)
    from minikube_lite.ops import session

    with session.open_cluster(inv.profile) as cluster:
        busy = sorted(str(d["metadata"]["name"]) for d in cluster.list("Deployment", "default"))
    profile = persist.profile_name(inv.profile)
    lesson.write_state(profile, lesson.Active(ex, lang, {}))
    n = len(ex.steps)
    inv.io.out(say(lang, "started", name=ex.name, profile=profile, n=n, prog=inv.prog) + "\n")
    if busy:
        inv.io.out(say(lang, "not-empty", names=", ".join(busy), prog=inv.prog) + "\n")
    inv.io.out("\n")
    _status(inv, profile, lesson.Active(ex, lang, {}), lang)


def _evaluate(inv: Invocation, ex: lesson.Exercise, lang: str) -> dict[str, Any]:
    from minikube_lite.ops import session

    with session.open_cluster(inv.profile, create=False) as cluster:
        return lesson.evaluate(cluster, ex, lang)


def status(inv: Invocation) -> None:
    _no_args(inv)
    profile = persist.profile_name(inv.profile)
    act = lesson.require(profile, inv.prog, _lang(inv))
    _status(inv, profile, act, _lang(inv, act))


def _status(inv: Invocation, profile: str, act: lesson.Active, lang: str) -> None:
    ex = act.exercise
    result = _evaluate(inv, ex, lang)
    cur = lesson.current(result)
    title = f"{lesson.text(ex.title, lang)} ({ex.name})"
    rows = [(s["id"], bool(s["passed"]), s["id"] == cur) for s in result["steps"]]
    body: list[tuple[str, str]] = []
    if cur is None:
        body.append((say(lang, "done"), say(lang, "finished")))
    else:
        i = next(k for k, s in enumerate(ex.steps) if s.id == cur)
        step, reason = ex.steps[i], result["steps"][i]["reason"]
        body.append(
            (
                f"{say(lang, 'step')} {i + 1}/{len(ex.steps)}: {step.id}",
                lesson.text(step.text, lang),
            )
        )
        if step.commands:
            body.append((say(lang, "try"), "\n".join(f"$ {c}" for c in step.commands)))
        body.append((say(lang, "todo"), reason))
    if inv.io.tty:
        from minikube_lite.cli import console

        console.stdout_console(inv.io).print(console.render_lesson(title, rows, body))
        return
    lines = [title]
    lines += [
        f"  [{'x' if p else ' '}] {i:>2} {sid}{'  <-' if c else ''}"
        for i, (sid, p, c) in enumerate(rows, 1)
    ]
    for heading, text in body:
        lines += ["", f"{heading}:", *(f"  {t}" if t else "" for t in text.splitlines())]
    inv.io.out("\n".join(lines) + "\n")


def hint(inv: Invocation) -> None:
    _no_args(inv)
    profile = persist.profile_name(inv.profile)
    act = lesson.require(profile, inv.prog, _lang(inv))
    lang = _lang(inv, act)
    result = _evaluate(inv, act.exercise, lang)
    cur = lesson.current(result)
    if cur is None:
        inv.io.out(say(lang, "finished") + "\n")
        return
    step = next(s for s in act.exercise.steps if s.id == cur)
    hints = {**act.hints, cur: act.hints.get(cur, 0) + 1}
    lesson.write_state(profile, lesson.Active(act.exercise, act.lang, hints))
    shown = lesson.text(step.hint, lang) or next(
        s["reason"] for s in result["steps"] if s["id"] == cur
    )
    inv.io.out(f"{say(lang, 'hint')} ({cur}): {shown}\n")


def check(inv: Invocation) -> None:
    _no_args(inv, 1)
    profile = persist.profile_name(inv.profile)
    ex = _exercise(inv, required=False)
    act = None
    if ex is None:
        act = lesson.require(profile, inv.prog, _lang(inv))
        ex = act.exercise
    lang = _lang(inv, act)
    result = _evaluate(inv, ex, lang)
    if inv.flag("json"):
        inv.io.out(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        inv.io.out(
            "".join(
                f"{'PASS' if s['passed'] else 'FAIL'}  {s['id']}: {s['reason']}\n"
                for s in result["steps"]
            )
        )
    if lesson.current(result) is not None:
        raise _Failed()


def reset(inv: Invocation) -> None:
    """Start the active lesson over: a fresh cluster (same clock settings), hints forgotten."""
    _no_args(inv)
    from minikube_lite.ops import session

    profile = persist.profile_name(inv.profile)
    act = lesson.require(profile, inv.prog, _lang(inv))
    lang = _lang(inv, act)
    session.reset_profile(inv.profile)
    lesson.write_state(profile, lesson.Active(act.exercise, act.lang, {}))
    inv.io.out(say(lang, "reset", name=act.exercise.name, profile=profile) + "\n")
