"""The go-template parity corpus: objects and templates whose output the real kubectl 1.37
recorded in tests/golden/gotemplate.json (``kubectl patch --local -f OBJ -p {} -o
go-template=T``: stdout, stderr, exit code).

Re-record after adding cases (needs the dev extra's kubectl)::

    .venv/bin/python -m tests.unit.printers.gotemplate_corpus

kubectl treats any object with ``items`` as a list and renders each item, so the list-shaped
object keeps its items under ``list``; ``get``'s List itself is tested in test_gotemplate.py.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "gotemplate.json"


def _container(name: str, image: str, port: int | None = None) -> dict[str, Any]:
    c: dict[str, Any] = {"name": name, "image": image}
    if port is not None:
        c["ports"] = [{"containerPort": port, "protocol": "TCP"}]
    return c


OBJECTS: dict[str, dict[str, Any]] = {
    "pod": {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "web",
            "namespace": "default",
            "labels": {"app": "web", "tier": "fe"},
            "annotations": {"note": "a <b> & 'c'"},
        },
        "spec": {
            "containers": [_container("c1", "nginx:1.25", 80), _container("c2", "busybox")],
            "restartPolicy": "Always",
        },
        "status": {"phase": "Running", "podIP": "10.0.0.7"},
    },
    "deploy": {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "nginx", "labels": {"app": "nginx"}, "generation": 3},
        "spec": {
            "replicas": 3,
            "template": {
                "metadata": {"labels": {"app": "nginx"}},
                "spec": {
                    "containers": [
                        _container("nginx", "k8s.gcr.io/nginx:test-cmd", 80),
                        _container("sidecar", "busybox:1.36"),
                    ]
                },
            },
        },
        "status": {
            "replicas": 3,
            "readyReplicas": 2,
            "conditions": [
                {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                {"type": "Progressing", "status": "False"},
            ],
        },
    },
    "values": {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "values"},
        "list": [{"metadata": {"name": "x"}}, {"metadata": {"name": "y"}}],
        "nums": {"f": 0.5, "big": 1e6, "three": 3.0, "neg": -2, "tiny": 1e-7, "e21": 1e21},
        "nul": None,
        "t": True,
        "f": False,
        "empty": "",
        "el": [],
        "em": {},
        "uni": 'h\u00e9llo <b>&</b> "q"',
        "data": {"k": "aGVsbG8=", "bad": "!!"},
        "strs": ["a", "b", "c"],
        "ints": [3, 1, 2],
    },
}

_EXEC_ERRORS = [
    "{{index .metadata 3}}",
    "{{.metadata.name.x}}",
    "{{len .x}}",
    "{{index .x 1}}",
    "{{lt .x 1}}",
    "{{base64decode .x}}",
    "{{eq .spec .spec}}",
    "{{eq .metadata 1}}",
    '{{lt 1 "a"}}',
    "{{lt 1.5 2}}",
    "{{lt true false}}",
    "{{.metadata.name 1}}",
    "{{1 | .kind}}",
    '{{index .metadata.labels "zz" "q"}}',
    '{{template "nope"}}',
    "{{range .kind}}{{end}}",
    "{{range 1.5}}{{end}}",
    "{{len 3}}",
    "{{index 3 1}}",
    "{{slice 3 1}}",
    '{{slice "abc" 2 1}}',
    '{{slice "abc" 1 2 3}}',
    '{{index "abc" 5}}',
    "{{eq}}",
    "{{not 1 2}}",
    "{{printf}}",
    "{{printf 3}}",
    "{{base64decode 3}}",
    "{{base64decode .metadata}}",
    "before {{.kind}} {{.nul.x}} after",
    "{{(index .metadata 3).x}}",
    "{{with $x := 1}}{{$x.y}}{{end}}",
    '{{eq .spec "a" .kind}}',
    "{{ne .metadata .kind}}",
    "{{index . 1.5}}",
    "{{index . nil}}",
    "line1\n{{.kind}}\n  {{len 1}}",
]

_PARSE_ERRORS = [
    "{{.metadata.name}",
    '{{ "x" | upper }}',
    "{{ /* c */ }}",
    "{{if}}",
    "{{end}}",
    "{{else}}",
    "{{$x}}",
    '{{"unterminated}}',
    "{{nil}}",
    "{{range .x}}",
    "{{if .x}}a{{else}}b{{else}}c{{end}}",
    '{{define "a"}}x',
    "{{template}}",
    "{{template .x}}",
    "{{ ( .x }}",
    "{{ .x ) }}",
    "{{.x | 1}}",
    "{{break}}",
    "{{continue}}",
    "{{3x}}",
    "{{.a-b}}",
    "{{$x := 1}}{{$y = 2}}",
    "{{len}} {{",
    "{{ .x ,}}",
    "{{/* unclosed",
    "{{/* c */ x}}",
    "{{range $a, $b, $c := .x}}{{end}}",
    "{{ 'ab' }}",
    '{{ "\\q" }}',
    "{{true.x}}",
    "{{ @ }}",
    "a\nb\n{{ .x ) }}",
    "{{.x\n",
    '{{define "a"}}1{{end}}{{define "a"}}2{{end}}',
    "{{end nil  -}}",
    "{{if .}}{{end}}{{ . . }}",
    "{{printf nil 1}}",
]

_RENDER = [
    "{{.metadata.name}}",
    '{{.metadata.name}}{{"\\n"}}',
    "{{.kind}}/{{.metadata.name}}",
    "{{.}}",
    "{{.metadata}}",
    "{{.metadata.labels}}",
    "{{.spec}}",
    "{{.status}}",
    "{{.nope}} {{.x.y}} {{.metadata.nope}}",
    "{{range.spec.template.spec.containers}}{{.image}}{{end}}",
    "{{range .spec.template.spec.containers}}{{.name}}:{{.image}},{{end}}",
    "{{range.spec.containers}}{{.image}}{{end}}",
    "{{range .spec.containers}}{{.name}} {{end}}",
    "{{range .list}}{{.metadata.name}}:{{end}}",
    "{{range $i, $c := .spec.containers}}{{$i}}={{$c.name}};{{end}}",
    "{{range $c := .spec.containers}}{{$c.image}} {{end}}",
    "{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{else}}none{{end}}",
    "{{range .metadata.labels}}[{{.}}]{{end}}",
    "{{range .el}}x{{else}}empty{{end}}",
    "{{range .em}}x{{else}}empty{{end}}",
    "{{range .zz}}x{{else}}none{{end}}",
    "{{range $i, $c := .spec.containers}}{{if eq $i 1}}{{break}}{{end}}{{$c.name}}{{end}}",
    "{{range .spec.containers}}{{if .ports}}{{continue}}{{end}}{{.name}}{{end}}",
    "{{range 3}}{{.}}{{end}}",
    "{{range $i := 2}}<{{$i}}>{{end}}",
    "{{range .ints}}{{.}}{{end}}",
    "{{range .strs}}{{.}}-{{end}}",
    "{{range $i, $s := .strs}}{{$i}}{{$s}}{{end}}",
    "{{range .spec.containers}}{{range .ports}}{{.containerPort}}/{{.protocol}}{{end}}{{end}}",
    '{{range .status.conditions}}{{if eq .type "Available"}}{{.status}}{{end}}{{end}}',
    '{{range .status.conditions}}{{.type}}={{.status}}{{"\\n"}}{{end}}',
    "{{if .status}}yes{{else}}no{{end}}",
    "{{if .zz}}a{{else if .kind}}b{{else}}c{{end}}",
    "{{if and .metadata .kind}}both{{end}}",
    "{{if or .zz .empty}}x{{else}}neither{{end}}",
    "{{if not .zz}}missing{{end}}",
    "{{if .el}}a{{else}}b{{end}} {{if .em}}a{{else}}b{{end}} {{if .empty}}a{{else}}b{{end}}",
    "{{if .t}}T{{end}}{{if .f}}F{{end}}{{if .nul}}N{{end}}",
    "{{if .nums.neg}}neg{{end}} {{if .nums.f}}f{{end}}",
    "{{with .metadata}}{{.name}}{{else}}no{{end}}",
    "{{with .zz}}y{{else with .kind}}{{.}}{{end}}",
    "{{with .zz}}y{{else}}n{{end}}",
    "{{with $n := .metadata.name}}{{$n}}{{end}}",
    "{{with .spec.containers}}{{len .}}{{end}}",
    "{{$x := 1}}{{$x = 2}}{{$x}}",
    "{{$n := .metadata.name}}{{$n}} {{$.kind}}",
    "{{$}}",
    "{{range .spec.containers}}{{$.metadata.name}}/{{.name}} {{end}}",
    '{{$x := "a"}}{{range .spec.containers}}{{$x = .name}}{{end}}{{$x}}',
    '{{template "x" .metadata}}{{define "x"}}[{{.name}}]{{end}}',
    '{{block "y" .kind}}({{.}}){{end}}',
    '{{define "a"}}A{{.}}{{end}}{{template "a" "x"}}{{template "a"}}',
    '{{define "c"}}{{range .}}{{.name}};{{end}}{{end}}{{template "c" .spec.containers}}',
    '{{define "T"}}{{$}}{{end}}{{template "T" 5}}',
    '{{eq .kind "Pod"}} {{eq .kind "Pod" "Svc"}} {{eq .kind "A" "B"}}',
    "{{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt 3 2}} {{ge 2 3}}",
    '{{le "a" "b"}} {{gt "b" "a"}} {{lt 1.5 2.5}}',
    "{{eq 1 .x}} {{eq .x .y}} {{ne .x 1}}",
    "{{eq .spec.replicas 3}} {{lt .spec.replicas 5}}",
    "{{eq .t true}} {{eq .f false}} {{ne .t .f}}",
    '{{eq (index .strs 0) "a"}}',
    '{{eq (index "abc" 0) 97}}',
    '{{and 1 0}} {{and 1 2}} {{or 0 "" "x"}} {{or 0 ""}} {{not 0}} {{not "a"}}',
    "{{and .zz 1}} {{or .zz .kind}}",
    '{{"x" | and 1}} {{0 | or 0}}',
    "{{len .metadata.labels}} {{len .spec.containers}} {{len .kind}} {{len .uni}}",
    "{{index .spec.containers 0}}",
    "{{(index .spec.containers 0).name}}",
    "{{(index .spec.containers 0).ports}}",
    '{{index .metadata.labels "app"}} {{index .metadata.labels "zz"}}',
    '{{index .spec.containers 1 "image"}}',
    '{{index . "kind"}}',
    '{{index "abc" 1}}',
    "{{index .strs 2}}",
    '{{slice "hello" 1 3}} {{slice "hello" 2}} {{slice "hello"}}',
    "{{slice .strs 1}} {{slice .strs 0 1}} {{slice .ints 1 2 3}}",
    '{{html "<a href=\'x\'>&\\""}} {{html .uni}} {{html .x}} {{html 1 2}}',
    '{{js "a\'b\\"c<d>&="}} {{js .uni}} {{js "\\n\\t"}}',
    '{{urlquery "a b&c=d/é"}} {{urlquery .kind .x}}',
    '{{print 1 2 "a" "b" 3}}|{{println 1 "a"}}|',
    "{{print}}|{{println}}|{{print .x}}|{{print nil}}",
    "{{print .t .f 1.5 .nums.f}}",
    "{{print .metadata.labels .strs}}",
    '{{printf "%s" .kind}} {{printf "%q" .kind}} {{printf "%v" .metadata.labels}}',
    '{{printf "%d" .spec.replicas}} {{printf "%5d|%-5d|%05d" 42 42 42}}',
    '{{printf "%x %X %o %b %c %U" 255 255 8 5 65 65}}',
    '{{printf "%#x %#o %+d % d" 255 8 5 5}}',
    '{{printf "%5.2f|%-8.3f|%e|%g|%.3g|%E" 3.14159 2.5 1234.5678 1234.5678 1234.5678 0.5}}',
    '{{printf "%f %v %v" .nums.f .nums.big .nums.tiny}}',
    '{{printf "%t %v" true .t}}',
    '{{printf "%-10s|%10s|%.2s" "ab" "cd" "xyz"}}',
    '{{printf "%x %X % x" "hi" "hi" "hi"}}',
    '{{printf "%s" .spec.containers}}',
    '{{printf "%d" .strs}} {{printf "%s" .ints}}',
    '{{printf "%s %d" "a"}} {{printf "%s" "a" "b"}} {{printf "%z" 1}} {{printf "%"}}',
    '{{printf "%d" "x"}} {{printf "%s" 1}} {{printf "%s" .t}} {{printf "%d" 1.5}}',
    '{{printf "%T %T %T %T %T %T" 1 1.5 "s" .spec.replicas .metadata .strs}}',
    '{{printf "%T %T" .t .x}}',
    '{{printf "%v|%s|%d" .x .x .x}}',
    '{{printf "%%|%5t|%q" true 65}}',
    '{{printf "%#v" .metadata.labels}} {{printf "%#v" .strs}} {{printf "%#v" .kind}}',
    '{{printf "%+v" .metadata}}',
    '{{.metadata.name | printf "%q"}}',
    '{{"a" | printf "%s-%s" "b"}}',
    "{{.kind | len}}",
    '{{.metadata.labels | len | printf "%03d"}}',
    "{{(len .strs)}} {{(.kind)}} {{(1)}}",
    '{{exists . "metadata" "name"}} {{exists . "metadata" "zz"}}',
    '{{exists . "metadata"}} {{exists . "metadata" "name" "x"}} {{exists . "x"}}',
    "{{exists .strs 0}} {{exists .strs 5}} {{exists .x}} {{exists .kind 0}}",
    '{{"aGk=" | base64decode}} {{base64decode .data.k}}',
    "{{base64decode .data.bad}}",
    "{{1000000.0}} {{3}} {{1.5}} {{1e6}} {{0x10}} {{0o17}} {{0b101}} {{017}} {{1_000}} {{'a'}}",
    "{{-3}} {{+4}} {{.5}} {{1e-7}} {{1e21}} {{1e20}} {{2.0}}",
    '{{true}} {{false}} {{"str"}} {{`raw\\n`}}',
    '{{"\\t\\x41\\u00e9\\101"}}',
    "{{.nums}}",
    "{{.nums.f}} {{.nums.big}} {{.nums.three}} {{.nums.neg}} {{.nums.tiny}} {{.nums.e21}}",
    "{{.nul}} {{.t}} {{.f}} [{{.empty}}] {{.el}} {{.em}}",
    "{{.uni}}",
    "{{.data}}",
    "{{.strs}} {{.ints}}",
    "{{.list}}",
    "a  {{- .kind -}}  b",
    "a {{/* c */}} b",
    "a {{- /* c */ -}} b",
    "{{- .kind}}\n\n  {{- .metadata.name -}}\n\n",
    "  {{.kind -}}\n\t x",
    "{{/* only a comment */}}",
    "plain text, no actions\n",
    "",
    "{{ .kind }}{{\t.metadata.name\n}}",
    "{{.metadata.labels.app}}-{{.metadata.annotations.note}}",
    "{{range $k, $v := .metadata}}{{$k}} {{end}}",
    "{{range .spec.containers}}{{.name}}{{if .ports}}:{{(index .ports 0).containerPort}}{{end}} "
    "{{end}}",
    "{{with index .spec.containers 0}}{{.image}}{{end}}",
    '{{if eq .status.phase "Running"}}up{{else}}down{{end}}',
    "{{.status.readyReplicas}}/{{.status.replicas}}",
    "{{if ge .status.readyReplicas .spec.replicas}}ready{{else}}not ready{{end}}",
    '{{range .status.conditions}}{{if eq .status "True"}}{{.type}} {{end}}{{end}}',
    "{{$first := true}}{{range .strs}}{{if not $first}},{{end}}{{.}}{{$first = false}}{{end}}",
    "{{range $i, $e := .strs}}{{if $i}},{{end}}{{$e}}{{end}}",
]

_FMT_AND_FLOW = [
    '{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}',
    "{{range $i, $e := 5}}{{end}}",
    '{{printf "%v" nil}} {{printf "%s" nil}}',
    "{{eq .spec.replicas 3.0}}",
    "{{ $x := .metadata }}{{ $x.name }} {{ $x.zz }} {{ $x.name.q }}",
    "{{range .spec.containers}}{{.}}{{end}}",
    "{{index .spec.containers -1}}",
    "{{slice .spec.containers 3}}",
    '{{printf "%6.2v|%-6v|%06.1f|%+.1e|%x" 3.14159 "ab" -2.5 12345.678 -255}}',
    '{{printf "%q %q %c" "é\\x00" 233 233}}',
    '{{printf "%08.3f|%-08d|% 05d|%+05d" 3.14159 7 7 7}}',
    '{{printf "%.0f %.0f %.1f %g %g %G" 0.5 1.5 0.05 100000.0 1000000.0 1e-5}}',
    '{{printf "%e %E %.2e" 0.0 123.0 -0.000123}}',
    '{{printf "%v %d" .metadata.labels .metadata.labels}}',
    '{{printf "%s %v" .status.conditions .spec.containers}}',
    '{{printf "%10v|%-10v|" .metadata.labels .spec.replicas}}',
    '{{printf "%t" 1}} {{printf "%c" "a"}} {{printf "%U" 0x1F600}}',
    '{{js "é\\u2028"}} {{html "\\x00"}} {{urlquery "~-_."}}',
    "{{print 1.0 2.5 -0.0}} {{print .metadata.generation}}",
    '{{"a" | printf "%s%s" | printf "[%s]"}}',
    "{{and}}",
    "{{or 1}}",
    "{{ with .metadata }}{{ with .labels }}{{ .app }}{{ end }}{{ end }}",
    '{{if eq .kind "Pod"}}{{else}}{{end}}x',
    "{{range .spec.template.spec.containers}}{{range .ports}}{{.containerPort}}{{else}}none"
    "{{end}} {{end}}",
    "{{(.metadata).name}} {{(index .spec.template.spec.containers 0).image}}",
    "{{.spec.template.spec.containers.x}}",
    '{{index .spec.template.spec.containers "a"}}',
    "{{$.metadata.name}}{{$x := 1}}{{$x := 2}}{{$x}}",
    "{{if 1}}{{$x := 1}}{{end}}{{$x}}",
    '{{ .metadata.name | len | printf "%d" }}',
    '{{ len .metadata.name | printf "%d" }}',
    "{{ not }}",
    '{{ printf "%s" }}',
    '{{range .status.conditions}}{{if and (eq .type "Available") (eq .status "True")}}ok'
    "{{end}}{{end}}",
    '{{ index .status.conditions 0 "type" }}',
    "{{ slice .status.conditions 0 1 }}",
    "{{with $c := index .status.conditions 1}}{{$c.type}}:{{$c.status}}{{end}}",
    '{{ 1.5 | printf "%v" }}',
    '{{ .status.replicas | printf "%d replicas" }}',
    '{{ "x" }}{{ `y\nz` }}',
    "{{ '\\n' }} {{ '\\'' }} {{ 'é' }}",
    '{{printf "%5s|%-5s|%5q" "é" "é" "é"}}',
    '{{printf "%x" 3.5}} {{printf "%o" -8}} {{printf "%b" -5}}',
    '{{printf "%[1]s"  "a"}}',
    '{{printf "%*d" 5 3}}',
    "{{ .metadata.generation | eq 3 }}",
    "{{ lt .metadata.generation 4 | not }}",
    '{{printf "%5n|%-6d|%05s|%+d|%8.2d" 42 "ab" 1.5 "x" .t}}',
    '{{printf "%+x|%#v|%5t" "é" 3 "x"}}',
]

TEMPLATES: list[str] = _RENDER + _FMT_AND_FLOW + _EXEC_ERRORS + _PARSE_ERRORS


def cases() -> list[tuple[str, str]]:
    """(object name, template): every template on every object."""
    return [(o, t) for t in TEMPLATES for o in OBJECTS]


def key(obj: str, template: str) -> str:
    return obj + "\0" + template


def run_kubectl(kubectl: str, path: Path, template: str) -> list[Any]:
    import subprocess

    p = subprocess.run(
        [kubectl, "patch", "--local", "-f", str(path), "-p", "{}", "-o", f"go-template={template}"],
        capture_output=True,
        text=True,
        env={"KUBECONFIG": "/nonexistent/kubeconfig", "HOME": "/tmp", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    return [p.stdout, p.stderr, p.returncode]


def record(kubectl: str) -> None:
    out: dict[str, list[Any]] = {}
    with tempfile.TemporaryDirectory() as d:
        for name, obj in OBJECTS.items():
            path = Path(d) / f"{name}.json"
            path.write_text(json.dumps(obj))
            for t in TEMPLATES:
                out[key(name, t)] = run_kubectl(kubectl, path, t)
    GOLDEN.write_text(json.dumps(out, indent=0, sort_keys=True, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    record(sys.argv[1] if len(sys.argv) > 1 else ".venv/bin/kubectl")
