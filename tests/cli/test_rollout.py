"""``rollout history|undo|pause|resume|restart|status``:
exact lines and exit codes (kubectl/pkg/cmd/rollout/).
"""

from __future__ import annotations

import pytest

from minikube_lite import errors
from minikube_lite.ops import rollout as ops
from tests.cli.rollout_helpers import get_json, revisions, write_deploy

RECORD_WARNING = "Flag --record has been deprecated, --record will be removed in the future\n"


@pytest.fixture
def web(manual, tmp_path):
    """A manual-clock cluster with deployment ``web`` (nginx:1.14.2,
    3 replicas) created with --record.
    """
    path = write_deploy(tmp_path)
    r = manual("create", "-f", path, "--record")
    assert r.exit_code == 0, r.stderr
    manual.path = path
    return manual


def _three_revisions(mkl) -> None:
    for image in ("nginx:1.16.1", "nginx:1.25"):
        r = mkl("set", "image", "deployment/web", f"web={image}", "--record")
        assert (r.exit_code, r.stdout) == (0, "deployment.apps/web image updated\n")


# ----- history ------------------------------------------------------------------------------------


def test_history_table_exact(web) -> None:
    web("set", "image", "deployment/web", "web=nginx:1.16.1")
    web("annotate", "deployment/web", "kubernetes.io/change-cause-")
    web("set", "image", "deployment/web", "web=nginx:1.25", "--record")
    r = web("rollout", "history", "deployment/web")
    assert r.exit_code == 0
    assert r.stderr == ""
    assert r.stdout == (
        "deployment.apps/web \n"
        "REVISION  CHANGE-CAUSE\n"
        f"1         mkl create --filename={web.path} --record=true\n"
        f"2         mkl create --filename={web.path} --record=true\n"
        "3         mkl set image deployment/web web=nginx:1.25 --record=true\n"
        "\n"
    )


def test_history_none_recorded_shows_none(manual, tmp_path) -> None:
    manual("create", "-f", write_deploy(tmp_path))
    r = manual("rollout", "history", "deploy", "web")
    assert r.stdout == "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n"


def test_history_no_replicasets(manual, tmp_path) -> None:
    path = tmp_path / "p.yaml"
    from pathlib import Path

    path.write_text(
        Path(write_deploy(tmp_path))
        .read_text()
        .replace("spec:\n  replicas", "spec:\n  paused: true\n  replicas")
    )
    assert manual("create", "-f", str(path)).exit_code == 0
    r = manual("rollout", "history", "deployments.apps/web")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "deployment.apps/web \nNo rollout history found.\n",
        "",
    )
    r = manual("rollout", "history", "deploy/web", "--revision=2")
    assert r.stdout == "deployment.apps/web with revision #2\nNo rollout history found.\n"


def test_history_revision_detail_uses_tabs(web) -> None:
    web("set", "image", "deployment/web", "web=nginx:1.16.1", "--record")
    rs = next(
        x
        for x in get_json(web, "rs")["items"]
        if x["metadata"]["annotations"]["deployment.kubernetes.io/revision"] == "2"
    )
    h = rs["metadata"]["labels"]["pod-template-hash"]
    r = web("rollout", "history", "deployment/web", "--revision=2")
    assert r.exit_code == 0
    assert r.stdout == (
        "deployment.apps/web with revision #2\n"
        "Pod Template:\n"
        "  Labels:\tapp=web\n"
        f"\tpod-template-hash={h}\n"
        "  Annotations:\tkubernetes.io/change-cause: mkl set image deployment/web "
        "web=nginx:1.16.1 --record=true\n"
        "  Containers:\n"
        "   web:\n"
        "    Image:\tnginx:1.16.1\n"
        "    Port:\t80/TCP\n"
        "    Host Port:\t0/TCP\n"
        "    Environment:\t<none>\n"
        "    Mounts:\t<none>\n"
        "  Volumes:\t<none>\n"
        "  Node-Selectors:\t<none>\n"
        "  Tolerations:\t<none>\n"
        "\n"
    )


@pytest.mark.parametrize(
    ("argv", "stderr"),
    [
        pytest.param(
            ("--revision=7",),
            "error: unable to find the specified revision\n",
            id="unknown-revision",
        ),
        pytest.param(
            ("--revision=-1",), "error: revision must be a positive integer: -1\n", id="negative"
        ),
        pytest.param(
            ("--revision=7", "-o", "yaml"),
            "error: unable to find the specified revision\n",
            id="unknown-yaml",
        ),
    ],
)
def test_history_revision_errors(web, argv, stderr) -> None:
    r = web("rollout", "history", "deploy/web", *argv)
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", stderr)


def test_history_errors(web) -> None:
    r = web("rollout", "history")
    assert (r.exit_code, r.stderr) == (1, "error: required resource not specified\n")
    r = web("rollout", "history", "deploy", "nope")
    assert (r.exit_code, r.stderr) == (
        1,
        'Error from server (NotFound): deployments.apps "nope" not found\n',
    )
    pod = get_json(web, "pods")["items"]
    if pod:
        r = web("rollout", "history", f"pod/{pod[0]['metadata']['name']}")
        assert r.stderr == 'error: no history viewer has been implemented for "Pod"\n'
    rs = get_json(web, "rs")["items"][0]["metadata"]["name"]
    r = web("rollout", "history", "rs", rs)
    assert (r.exit_code, r.stderr) == (
        1,
        'error: no history viewer has been implemented for "ReplicaSet.apps"\n',
    )


def test_history_output_formats(web) -> None:
    _three_revisions(web)
    r = web("rollout", "history", "deploy/web", "-o", "name")
    names = r.stdout.splitlines()
    assert len(names) == 3 and all(n.startswith("replicaset.apps/web-") for n in names)
    r = web("rollout", "history", "deploy/web", "-o", "yaml", "--revision=2")
    assert r.stdout.startswith("apiVersion: apps/v1\nkind: ReplicaSet\n")
    assert 'deployment.kubernetes.io/revision: "2"' in r.stdout
    r = web("rollout", "history", "deploy/web", "-o", "yaml")
    assert r.stdout.count("---\n") == 2


def test_history_every_argument_form(web, tmp_path) -> None:
    want = web("rollout", "history", "deploy/web").stdout
    for argv in (
        ("deployment", "web"),
        ("deployments.apps/web",),
        ("deployment.v1.apps/web",),
        ("-f", web.path),
        ("deploy",),
    ):
        assert web("rollout", "history", *argv).stdout == want, argv


# ----- undo ---------------------------------------------------------------------------------------


def test_undo_renumbers_revisions(web) -> None:
    _three_revisions(web)
    assert revisions(web) == [1, 2, 3]
    r = web("rollout", "undo", "deployment", "web")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web rolled back\n", "")
    assert revisions(web) == [1, 3, 4]
    r = web("rollout", "undo", "deploy/web", "--to-revision=1")
    assert r.stdout == "deployment.apps/web rolled back\n"
    assert revisions(web) == [3, 4, 5]
    r = web("rollout", "undo", "deploy/web", "--to-revision=2")
    assert (r.exit_code, r.stdout, r.stderr) == (
        1,
        "",
        "error: unable to find specified revision 2 in history\n",
    )
    d = get_json(web, "deploy", "web")
    assert d["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.14.2"


def test_undo_toggles_and_keeps_history_annotation(web) -> None:
    _three_revisions(web)
    web("rollout", "undo", "deploy/web")
    web("rollout", "undo", "deploy/web")
    assert revisions(web) == [1, 4, 5]
    by_rev = {
        x["metadata"]["annotations"]["deployment.kubernetes.io/revision"]: x
        for x in get_json(web, "rs")["items"]
    }
    assert (
        by_rev["4"]["metadata"]["annotations"]["deployment.kubernetes.io/revision-history"] == "2"
    )
    assert (
        by_rev["5"]["metadata"]["annotations"]["deployment.kubernetes.io/revision-history"] == "3"
    )
    assert len(by_rev) == 3  # RSes are reused, never created anew


def test_undo_replaces_annotations_with_the_revisions(web) -> None:
    web("set", "image", "deploy/web", "web=nginx:1.16.1", "--record")
    web("annotate", "deploy/web", "team=blue")
    r = web("rollout", "undo", "deploy/web")
    assert r.stdout == "deployment.apps/web rolled back\n"
    ann = get_json(web, "deploy", "web")["metadata"]["annotations"]
    assert "team" not in ann
    assert ann["kubernetes.io/change-cause"] == f"mkl create --filename={web.path} --record=true"
    r = web("rollout", "history", "deploy/web")
    assert r.stdout.splitlines()[-2] == f"3         mkl create --filename={web.path} --record=true"


def test_undo_skipped_when_template_matches(web) -> None:
    _three_revisions(web)
    r = web("rollout", "undo", "deploy/web", "--to-revision=3")
    assert (r.exit_code, r.stdout) == (
        0,
        "deployment.apps/web skipped rollback (current template already matches revision 3)\n",
    )
    assert revisions(web) == [1, 2, 3]


def test_undo_errors(web) -> None:
    r = web("rollout", "undo", "deploy/web")
    assert (r.exit_code, r.stderr) == (1, 'error: no rollout history found for deployment "web"\n')
    r = web("rollout", "undo", "deploy/web", "--to-revision=7")
    assert r.stderr == "error: unable to find specified revision 7 in history\n"
    r = web("rollout", "undo", "deploy/web", "--to-revision=-1")
    assert r.stderr == "error: unable to find specified revision -1 in history\n"
    r = web("rollout", "undo")
    assert (r.exit_code, r.stderr) == (1, "error: required resource not specified\n")
    rs = get_json(web, "rs")["items"][0]["metadata"]["name"]
    r = web("rollout", "undo", f"rs/{rs}")
    assert r.stderr == 'error: no rollbacker has been implemented for "ReplicaSet.apps"\n'


def test_undo_is_never_recorded(web) -> None:
    r = web("rollout", "undo", "deploy/web", "--record")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == "error: unknown flag: --record\nSee 'mkl rollout undo --help' for usage.\n"


def test_undo_paused_refused_with_program_name(web) -> None:
    _three_revisions(web)
    assert web("rollout", "pause", "deploy/web").stdout == "deployment.apps/web paused\n"
    r = web("rollout", "undo", "deploy/web")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "error: you cannot rollback a paused deployment; resume it first with 'mkl "
        "rollout resume' and try again\n"
    )
    r = web("rollout", "undo", "deploy/web", prog="kubectl")
    assert "resume it first with 'kubectl rollout resume' and try again" in r.stderr


def test_undo_dry_run_client_describes_template(web) -> None:
    _three_revisions(web)
    r = web("rollout", "undo", "deploy/web", "--dry-run=client")
    assert r.exit_code == 0
    assert r.stdout.startswith("deployment.apps/web Pod Template:\n  Labels:\tapp=web\n")
    assert "    Image:\tnginx:1.16.1\n" in r.stdout
    assert r.stdout.endswith("  Tolerations:\t<none>\n (dry run)\n")
    assert revisions(web) == [1, 2, 3]
    r = web("rollout", "undo", "deploy/web", "--dry-run=server")
    assert r.stdout == "deployment.apps/web rolled back (server dry run)\n"
    assert revisions(web) == [1, 2, 3]


# ----- pause / resume / restart -------------------------------------------------------------------


def test_pause_resume_lines_and_errors(web) -> None:
    gen = get_json(web, "deploy", "web")["metadata"]["generation"]
    r = web("rollout", "pause", "deploy/web")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web paused\n", "")
    d = get_json(web, "deploy", "web")
    assert d["spec"]["paused"] is True and d["metadata"]["generation"] == gen + 1
    r = web("rollout", "pause", "deploy/web")
    assert (r.exit_code, r.stdout, r.stderr) == (
        1,
        "",
        'error: deployments.apps "web" is already paused\n',
    )
    r = web("rollout", "resume", "deployment", "web")
    assert (r.exit_code, r.stdout) == (0, "deployment.apps/web resumed\n")
    assert "paused" not in get_json(web, "deploy", "web")["spec"]
    r = web("rollout", "resume", "deploy/web")
    assert (r.exit_code, r.stderr) == (1, 'error: deployments.apps "web" is not paused\n')


def test_pause_continues_after_missing_object(web) -> None:
    r = web("rollout", "pause", "deploy/nope", "deploy/web")
    assert r.exit_code == 1
    assert r.stdout == "deployment.apps/web paused\n"
    assert r.stderr == 'Error from server (NotFound): deployments.apps "nope" not found\n'


def test_pause_several_errors_one_per_line(web, tmp_path) -> None:
    web("create", "-f", write_deploy(tmp_path, "api"))
    web("rollout", "pause", "deploy/web", "deploy/api")
    r = web("rollout", "pause", "deployment")
    assert r.exit_code == 1
    assert r.stderr == (
        'error: deployments.apps "api" is already paused\n'
        'error: deployments.apps "web" is already paused\n'
    )


def test_pause_nothing_found(manual) -> None:
    r = manual("rollout", "pause", "deployment")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "",
        "No resources found in default namespace.\n",
    )


def test_restart_sets_restarted_at(web) -> None:
    r = web("rollout", "restart", "deploy/web")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "deployment.apps/web restarted\n", "")
    tmpl = get_json(web, "deploy", "web")["spec"]["template"]["metadata"]
    assert tmpl["annotations"] == {"kubectl.kubernetes.io/restartedAt": "2024-01-01T00:00:00Z"}
    assert revisions(web) == [1, 2]
    r = web("rollout", "restart", "deploy/web")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "error: failed to create patch for web: if restart has already been triggered "
        "within the past second, "
        "please wait before attempting to trigger another\n"
    )
    web("clock", "advance", "1s")
    assert web("rollout", "restart", "deploy/web").stdout == "deployment.apps/web restarted\n"
    assert revisions(web) == [1, 2, 3]


def test_restart_paused_refused(web) -> None:
    web("rollout", "pause", "deploy/web")
    r = web("rollout", "restart", "deploy/web")
    assert (r.exit_code, r.stderr) == (
        1,
        'error: deployments.apps "web" can\'t restart paused deployment (run rollout '
        "resume first)\n",
    )


def test_pause_batches_changes_into_one_revision(web) -> None:
    web("rollout", "pause", "deploy/web")
    assert (
        web("set", "image", "deploy/web", "web=nginx:1.16.1").stdout
        == "deployment.apps/web image updated\n"
    )
    assert (
        web("set", "env", "deploy/web", "MODE=blue").stdout == "deployment.apps/web env updated\n"
    )
    assert revisions(web) == [1]
    web("rollout", "resume", "deploy/web")
    assert revisions(web) == [1, 2]
    c = get_json(web, "deploy", "web")["spec"]["template"]["spec"]["containers"][0]
    assert (c["image"], c["env"]) == ("nginx:1.16.1", [{"name": "MODE", "value": "blue"}])


# ----- status -------------------------------------------------------------------------------------


def _d(
    gen=1,
    observed=1,
    spec=3,
    updated=3,
    replicas=3,
    available=3,
    reason="NewReplicaSetAvailable",
    rev="1",
):
    return {
        "metadata": {
            "name": "web",
            "generation": gen,
            "annotations": {"deployment.kubernetes.io/revision": rev},
        },
        "spec": {"replicas": spec},
        "status": {
            "observedGeneration": observed,
            "updatedReplicas": updated,
            "replicas": replicas,
            "availableReplicas": available,
            "conditions": [{"type": "Progressing", "reason": reason}],
        },
    }


@pytest.mark.parametrize(
    ("d", "want"),
    [
        pytest.param(
            _d(gen=2),
            ("Waiting for deployment spec update to be observed...", False),
            id="not-observed",
        ),
        pytest.param(
            _d(updated=1, replicas=4),
            (
                'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas '
                "have been updated...",
                False,
            ),
            id="updating",
        ),
        pytest.param(
            _d(replicas=4),
            (
                'Waiting for deployment "web" rollout to finish: 1 old replicas are '
                "pending termination...",
                False,
            ),
            id="old-pending",
        ),
        pytest.param(
            _d(available=2),
            (
                'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas '
                "are available...",
                False,
            ),
            id="available",
        ),
        pytest.param(_d(), ('deployment "web" successfully rolled out', True), id="done"),
    ],
)
def test_deployment_status_messages(d, want) -> None:
    assert ops.deployment_status(d) == want


def test_deployment_status_errors() -> None:
    with pytest.raises(errors.MklError, match=r'^deployment "web" exceeded its progress deadline$'):
        ops.deployment_status(_d(updated=1, reason="ProgressDeadlineExceeded"))
    with pytest.raises(
        errors.MklError,
        match=r"^desired revision \(3\) is different from the running revision \(1\)$",
    ):
        ops.deployment_status(_d(), revision=3)
    # an unobserved generation hides the deadline (checked only when observed)
    assert ops.deployment_status(_d(gen=2, reason="ProgressDeadlineExceeded"))[1] is False


def test_status_watch_false_prints_one_line(web) -> None:
    """One look, no waiting: at creation the pods are still being created,
    4 s later all are available.
    """
    r = web("rollout", "status", "deploy/web", "--watch=false")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are '
        "available...\n",
        "",
    )
    assert web("clock", "advance", "4s").exit_code == 0
    r = web("rollout", "status", "deploy/web", "--watch=false")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        'deployment "web" successfully rolled out\n',
        "",
    )


def test_status_errors(web) -> None:
    r = web("rollout", "status")
    assert (r.exit_code, r.stderr) == (1, "error: required resource not specified\n")
    r = web("rollout", "status", "deploy/nope")
    assert (r.exit_code, r.stderr) == (
        1,
        'Error from server (NotFound): deployments.apps "nope" not found\n',
    )
    r = web("rollout", "status", "deploy/web", "--revision=9")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: desired revision (9) is different from the running revision (1)\n",
    )
    r = web("rollout", "status", "deploy/web", "--revision=-2")
    assert r.stderr == "error: revision must be a positive integer: -2\n"
    rs = get_json(web, "rs")["items"][0]["metadata"]["name"]
    r = web("rollout", "status", f"replicaset/{rs}")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: no status viewer has been implemented for ReplicaSet.apps\n",
    )
    r = web("rollout", "status", "deploy/web", "--timeout=soon")
    assert r.stderr == (
        'error: invalid argument "soon" for "--timeout" flag: time: invalid duration "soon"\n'
        "See 'mkl rollout status --help' for usage.\n"
    )


def test_status_nothing_found(manual) -> None:
    r = manual("rollout", "status", "deployment")
    assert (r.exit_code, r.stdout, r.stderr) == (
        0,
        "",
        "No resources found in default namespace.\n",
    )


def test_status_paused_times_out_in_simulated_time(web) -> None:
    web("rollout", "pause", "deploy/web")
    web("set", "image", "deploy/web", "web=nginx:1.16.1")
    before = web("clock").stdout
    r = web("rollout", "status", "deploy/web", "--timeout=90s")
    assert r.exit_code == 1
    assert r.stderr == "error: timed out waiting for the condition\n"
    assert r.stdout.splitlines()[-1].startswith("Waiting for deployment")
    assert web("clock").stdout != before


def test_status_deleted_while_watching(web, monkeypatch) -> None:
    from minikube_lite.cli import cmd_rollout

    real_step = cmd_rollout._step
    calls = {"n": 0}

    def step(inv, ns, name, limit, last_rv, quiet):
        calls["n"] += 1
        if calls["n"] == 1:
            web("delete", "deploy", "web")
        return real_step(inv, ns, name, limit, last_rv, quiet)

    monkeypatch.setattr(cmd_rollout, "_step", step)
    web("rollout", "pause", "deploy/web")
    web("set", "image", "deploy/web", "web=nginx:1.16.1")
    r = web("rollout", "status", "deploy/web")
    assert (r.exit_code, r.stderr) == (1, "error: object has been deleted\n")


# ----- change-cause of every recorded verb (--record) --------------------------------------


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        pytest.param(
            ("set", "image", "deployment", "web", "web=nginx:1.16.1", "--record"),
            "mkl set image deployment web web=nginx:1.16.1 --record=true",
            id="set-image",
        ),
        pytest.param(
            ("-n", "default", "set", "image", "deploy/web", "web=nginx:1.16.1", "--record=true"),
            "mkl set image deploy/web web=nginx:1.16.1 --namespace=default --record=true",
            id="set-image-ns-first",
        ),
        pytest.param(
            ("patch", "deploy", "web", "--record", "-p", '{"spec":{"minReadySeconds":3}}'),
            'mkl patch deploy web --record=true --patch={"spec":{"minReadySeconds":3}}',
            id="patch",
        ),
        pytest.param(
            ("scale", "--replicas=2", "deploy/web", "--record"),
            "mkl scale deploy/web --replicas=2 --record=true",
            id="scale",
        ),
        pytest.param(
            ("annotate", "deploy/web", "a=b", "--record"),
            "mkl annotate deploy/web a=b --record=true",
            id="annotate",
        ),
        pytest.param(
            ("label", "deploy/web", "a=b", "--record"),
            "mkl label deploy/web a=b --record=true",
            id="label",
        ),
    ],
)
def test_change_cause_of_recorded_verbs(web, argv, want) -> None:
    r = web(*argv)
    assert (r.exit_code, r.stderr) == (0, RECORD_WARNING)
    assert (
        get_json(web, "deploy", "web")["metadata"]["annotations"]["kubernetes.io/change-cause"]
        == want
    )


def test_change_cause_of_create_and_apply(manual, tmp_path) -> None:
    path = write_deploy(tmp_path)
    r = manual("create", "-f", path, "--record")
    assert (r.exit_code, r.stderr) == (0, RECORD_WARNING)
    assert (
        get_json(manual, "deploy", "web")["metadata"]["annotations"]["kubernetes.io/change-cause"]
        == f"mkl create --filename={path} --record=true"
    )
    api = write_deploy(tmp_path, "api")
    r = manual("apply", "--record", "-f", api, prog="kubectl")
    assert r.exit_code == 0
    assert (
        get_json(manual, "deploy", "api")["metadata"]["annotations"]["kubernetes.io/change-cause"]
        == f"kubectl apply --record=true --filename={api}"
    )


def test_no_record_no_change_cause(manual, tmp_path) -> None:
    manual("create", "-f", write_deploy(tmp_path), "--record=false")
    assert "kubernetes.io/change-cause" not in get_json(manual, "deploy", "web")["metadata"].get(
        "annotations", {}
    )
