#!/usr/bin/env bash
# `make demo`: replay the rolling-update lesson (seeds/0806-TIL) on a throw-away cluster with a
# manual clock, printing every command and what it prints.  Exits non-zero if a step fails.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export MKL_HOME=$(mktemp -d) NO_COLOR=1
work=$(mktemp -d)
trap 'rm -rf "$MKL_HOME" "$work"' EXIT
cp "$here"/*.yaml "$work"/ && cd "$work"
failed=0
# show a command the way it would be typed: quote the words that need it
shown() { local out="" a; for a in "$@"; do if [[ -z "$a" || "$a" =~ [^A-Za-z0-9_./:=,@%+-] ]]; then out+=" '$a'"; else out+=" $a"; fi; done; printf '%s' "${out# }"; }
step() { printf '\n\033[1m$ %s\033[0m\n' "$(shown "$@")"; "$@"; rc=$?; [ $rc -eq 0 ] || { echo "(exit $rc)"; failed=1; }; }
expect_fail() { printf '\n\033[1m$ %s\033[0m\n' "$(shown "$@")"; "$@"; rc=$?; echo "(exit $rc, as on a real cluster)"; [ $rc -ne 0 ] || failed=1; }
say() { printf '\n# %s\n' "$*"; }

say "A fresh simulated cluster whose clock only moves when we say so"
step mkl cluster start --clock manual --seed 7
say "Create the Deployment and record the command in its history"
step mkl create -f http-go-deploy.yaml --record
step mkl create -f http-go-svc.yaml
step mkl rollout status deployment/http-go
step mkl get deploy,rs,pods -o wide
say "Slow the rollout down so it can be watched: a new pod must be ready 10s before it counts"
step mkl patch deployment http-go -p '{"spec": {"minReadySeconds": 10}}'
say "Update the image (rolling update: maxSurge 1, maxUnavailable 0 for 3 replicas)"
step mkl set image deployment http-go http-go=gasbugs/http-go:v2 --record
step mkl get rs
step mkl rollout status deploy http-go
step mkl rollout history deploy http-go
pod=$(mkl get pods -l app=http-go -o jsonpath='{.items[0].metadata.name}')
step mkl exec "$pod" -- curl -s 127.0.0.1:8080
say "Roll to v3, then undo: the revisions renumber (1 3 4)"
step mkl set image deployment http-go http-go=gasbugs/http-go:v3
step mkl rollout status deploy/http-go
step mkl rollout undo deployment http-go
step mkl rollout status deploy/http-go
step mkl rollout history deployment http-go
say "Back to the very first revision"
step mkl rollout undo deployment http-go --to-revision=1
step mkl rollout status deploy/http-go
step mkl rollout history deploy/http-go --revision=5
say "Pause, change, and resume: the changes roll out as one revision"
step mkl rollout pause deploy http-go
expect_fail mkl rollout undo deploy http-go
step mkl set image deploy/http-go http-go=gasbugs/http-go:v2
step mkl rollout resume deploy http-go
step mkl rollout status deploy/http-go
step mkl rollout history deploy/http-go
say "Recreate: all old pods go before new ones start"
step mkl create -f http-go-recreate.yaml
step mkl rollout status deploy/http-go-recreate
step mkl set image deploy/http-go-recreate http-go=gasbugs/http-go:v2
step mkl get pods -l app=http-go-recreate
step mkl rollout status deploy/http-go-recreate
say "Namespaces"
step mkl create namespace dev
step mkl create -f http-go-deploy.yaml -n dev
step mkl get deploy -A
say "A rollout that cannot finish: a bad image, and the 600 s progress deadline"
step mkl set image deploy/http-go http-go=gasbugs/http-go:v9
expect_fail mkl rollout status deploy/http-go
step mkl get pods -l app=http-go
step mkl rollout undo deploy/http-go
step mkl rollout status deploy/http-go
say "Edit a Deployment in an editor and record it (the lesson's kubectl edit --record=true)"
say "A script plays the editor here: it changes the image, as you would in vi"
printf '#!/bin/sh\nsed -i "s|image: alpine:3.20|image: alpine:latest|" "$1"\n' > "$work/editor.sh"
chmod +x "$work/editor.sh"
export KUBE_EDITOR="$work/editor.sh"
step mkl create -f alpine-deploy.yaml --record
step mkl rollout status deploy/alpine-deploy
step mkl edit deploy alpine-deploy --record=true
step mkl rollout status deploy/alpine-deploy
step mkl rollout history deploy alpine-deploy
echo
[ $failed -eq 0 ] && echo "Lesson replayed: every step did what a real cluster does." || echo "Some steps failed."
exit $failed
