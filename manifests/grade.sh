#!/bin/sh
# A teacher's check of the rolling-update exercise, written for kubectl: `alias kubectl=mkl`
# (or KUBECTL=mkl) runs it unchanged on a student's simulated cluster.  Exit 0 only if all pass.
k=${KUBECTL:-kubectl}
fail=0
check() { if [ "$2" = "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got '$2', want '$3'"; fail=1; fi; }

$k rollout status deploy/http-go --timeout=120s >/dev/null || fail=1
$k wait --for=condition=Available deploy/http-go --timeout=60s >/dev/null || fail=1
check "image is v2" \
  "$($k get deploy http-go -o jsonpath='{.spec.template.spec.containers[0].image}')" \
  "gasbugs/http-go:v2"
check "three revisions" \
  "$($k get rs -l app=http-go -o go-template='{{len .items}}')" "3"
check "every pod Running" \
  "$($k get pods -l app=http-go --field-selector=status.phase!=Running -o name | wc -l | tr -d ' ')" "0"
check "change-causes recorded" \
  "$($k get rs -l app=http-go -o go-template='{{range .items}}{{if index .metadata.annotations "kubernetes.io/change-cause"}}x{{end}}{{end}}')" \
  "xxx"
exit $fail
