"""``-o go-template`` through the CLI: ``get`` renders one object or kubectl's List (with
``items``), the template/file/flag forms, kubectl's error output, and mutating verbs' printer."""

from __future__ import annotations

from pathlib import Path

NAMES = "{{range.items}}{{.metadata.name}}:{{end}}"


def test_get_list_and_single(http_go) -> None:
    names = http_go("get", "pods", "-o", "jsonpath={.items[*].metadata.name}").stdout.split()
    r = http_go("get", "pods", "-o", f"go-template={NAMES}")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "".join(n + ":" for n in names), "")
    r = http_go(
        "get",
        "deploy",
        "http-go",
        "-o",
        "go-template={{range.spec.template.spec.containers}}{{.image}}{{end}}",
    )
    assert r.stdout == "gasbugs/http-go:v1"
    r = http_go("get", "deploy", "-o", "template={{.apiVersion}} {{.kind}} {{len .items}}")
    assert r.stdout == "v1 List 1"
    r = http_go("get", "svc", "http-go", "-o", "go-template={{(index .spec.ports 0).port}}")
    assert r.stdout == "80"


def test_template_flag_and_file(http_go, tmp_path: Path) -> None:
    f = tmp_path / "names.tmpl"
    f.write_text('{{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}')
    r = http_go("get", "deploy", "-o", f"go-template-file={f}")
    assert r.stdout == "http-go\n"
    r = http_go("get", "deploy", "-o", "templatefile", "--template", str(f))
    assert r.stdout == "http-go\n"
    r = http_go("get", "deploy", "http-go", "-o", "go-template", "--template={{.kind}}")
    assert r.stdout == "Deployment"
    r = http_go("get", "deploy", "-o", "go-template")
    assert (r.exit_code, r.stderr) == (
        1,
        "error: template format specified but no template given\n",
    )


def test_errors_as_kubectl_prints_them(http_go) -> None:
    r = http_go("get", "deploy", "http-go", "-o", "go-template={{.metadata.name}")
    assert (r.exit_code, r.stdout) == (1, "")
    assert r.stderr == (
        "error: error parsing template {{.metadata.name}, template: output:1: "
        "bad character U+007D '}'\n"
    )
    r = http_go("get", "deploy", "http-go", "-o", "go-template={{.kind}}{{index .spec 3}}")
    assert r.exit_code == 1
    assert r.stdout.startswith(
        'DeploymentError executing template: template: output:1:11: executing "output" at '
        "<index .spec 3>: error calling index: value has type int; should be string. Printing "
        "more information for debugging the template:\n\ttemplate was:\n"
    )
    assert r.stderr.startswith('error: error executing template "{{.kind}}{{index .spec 3}}": ')
    r = http_go("get", "deploy", "http-go", "-o", "go-template={{.zz}}")
    assert r.stdout == "<no value>"
    r = http_go(
        "get",
        "deploy",
        "http-go",
        "-o",
        "go-template={{.zz}}",
        "--allow-missing-template-keys=false",
    )
    assert r.exit_code == 1
    assert 'map has no entry for key "zz"' in r.stderr


def test_mutating_verbs_print_with_the_template(http_go) -> None:
    r = http_go(
        "label", "deploy", "http-go", "team=a", "-o", "go-template={{.metadata.labels.team}}"
    )
    assert (r.exit_code, r.stdout, r.stderr) == (0, "a", "")
    r = http_go(
        "create",
        "deployment",
        "x",
        "--image=nginx",
        "--dry-run=client",
        "-o",
        "go-template={{.kind}}/{{.metadata.name}} {{.spec.replicas}}",
    )
    assert (r.exit_code, r.stdout) == (0, "Deployment/x 1")


def test_run_prints_with_the_template(manual) -> None:
    r = manual(
        "run",
        "x",
        "--image=nginx",
        "--dry-run=client",
        "-o",
        "go-template={{.kind}} {{.metadata.name}} {{(index .spec.containers 0).image}}",
    )
    assert (r.exit_code, r.stdout, r.stderr) == (0, "Pod x nginx", "")
