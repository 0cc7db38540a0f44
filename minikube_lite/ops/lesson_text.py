"""The words of ``mkl lesson`` in English and Korean: check reasons and the command's own lines.

``say(lang, key, **values)`` formats one message; a key missing in a language falls back to
English.  Reasons are written for a student: what was found, what the step wants, what to try.
"""

from __future__ import annotations

LANGS = ("en", "ko")

MESSAGES: dict[str, dict[str, str]] = {
    # ----- end state -----
    "no-deployment": {
        "en": 'there is no Deployment "{name}" in namespace "{ns}" (mkl get deploy -n {ns})',
        "ko": '네임스페이스 "{ns}"에 Deployment "{name}"이(가) 없습니다 (mkl get deploy -n {ns})',
    },
    "deployment-exists": {
        "en": 'Deployment "{name}" exists in namespace "{ns}"',
        "ko": '네임스페이스 "{ns}"에 Deployment "{name}"이(가) 있습니다',
    },
    "no-namespace": {
        "en": 'there is no namespace "{name}" (mkl create namespace {name})',
        "ko": '네임스페이스 "{name}"이(가) 없습니다 (mkl create namespace {name})',
    },
    "namespace-exists": {
        "en": 'namespace "{name}" exists',
        "ko": '네임스페이스 "{name}"이(가) 있습니다',
    },
    "ready-ok": {
        "en": "{name} has {got} ready replicas (wanted {want})",
        "ko": "{name}의 준비된(ready) 레플리카가 {got}개입니다 (목표 {want}개)",
    },
    "ready-bad": {
        "en": "{name} has {got} ready replicas, the step wants {want} "
        "(mkl rollout status deploy/{name})",
        "ko": "{name}의 준비된(ready) 레플리카가 {got}개인데, 이 단계는 {want}개를 원합니다 "
        "(mkl rollout status deploy/{name})",
    },
    "image-ok": {
        "en": "{name} runs {image}",
        "ko": "{name}이(가) {image}을(를) 실행합니다",
    },
    "image-bad": {
        "en": "{name}'s pod template has image {got}, the step wants {image}",
        "ko": "{name}의 Pod 템플릿 이미지는 {got}인데, 이 단계는 {image}을(를) 원합니다",
    },
    "paused-ok": {
        "en": "{name} is paused: {got}",
        "ko": "{name}의 일시정지(paused) 상태: {got}",
    },
    "paused-bad": {
        "en": "{name} paused is {got}, the step wants {want} (mkl rollout "
        "pause|resume deploy/{name})",
        "ko": "{name}의 일시정지(paused) 상태가 {got}인데, 이 단계는 {want}을(를) 원합니다 "
        "(mkl rollout pause|resume deploy/{name})",
    },
    "field-ok": {
        "en": "{name} has {field} {got}",
        "ko": "{name}의 {field} 값은 {got}입니다",
    },
    "field-bad": {
        "en": "{name} has {field} {got}, the step wants {want}",
        "ko": "{name}의 {field} 값은 {got}인데, 이 단계는 {want}을(를) 원합니다",
    },
    # ----- revisions and change-causes -----
    "no-revision": {
        "en": "{name} has no ReplicaSet for {what} (mkl rollout history deploy/{name})",
        "ko": "{name}에 {what}에 해당하는 ReplicaSet이 없습니다 "
        "(mkl rollout history deploy/{name})",
    },
    "revision-of": {"en": "revision {n}", "ko": "리비전 {n}"},
    "image-of": {"en": "image {image}", "ko": "이미지 {image}"},
    "cause-none": {
        "en": "{what} of {name} has no change-cause: the change was not recorded "
        '(add --record, or mkl annotate deploy/{name} kubernetes.io/change-cause="...")',
        "ko": "{name}의 {what}에 change-cause가 없습니다: 변경 내용이 기록되지 않았습니다 "
        '(--record를 붙이거나 mkl annotate deploy/{name} kubernetes.io/change-cause="..." 실행)',
    },
    "cause-copied": {
        "en": '{what} of {name} shows the change-cause "{cause}", copied from revision {src}: '
        "this change itself was not recorded (add --record, or mkl annotate deploy/{name} "
        'kubernetes.io/change-cause="...")',
        "ko": '{name}의 {what}의 change-cause "{cause}"는 리비전 {src}에서 복사된 것입니다: '
        "이번 변경은 기록되지 않았습니다 (--record를 붙이거나 mkl annotate deploy/{name} "
        'kubernetes.io/change-cause="..." 실행)',
    },
    "cause-missing-text": {
        "en": '{what} of {name} has the change-cause "{cause}", which does not mention "{text}"',
        "ko": '{name}의 {what}의 change-cause "{cause}"에 "{text}"이(가) 들어 있지 않습니다',
    },
    "cause-ok": {
        "en": '{what} of {name} was recorded: "{cause}"',
        "ko": '{name}의 {what}이(가) 기록되었습니다: "{cause}"',
    },
    # ----- the rollout timeline -----
    "no-rollout": {
        "en": "no rollout of {name} to {image} was recorded yet "
        "(mkl set image deploy/{name} ...={image})",
        "ko": "{name}을(를) {image}(으)로 롤아웃한 기록이 아직 없습니다 "
        "(mkl set image deploy/{name} ...={image})",
    },
    "not-rolled-out": {
        "en": "the rollout of {name} to {image} has not finished (mkl "
        "rollout status deploy/{name})",
        "ko": "{name}의 {image} 롤아웃이 아직 끝나지 않았습니다 (mkl rollout status deploy/{name})",
    },
    "rolled-out": {
        "en": "{name} finished rolling out {image}",
        "ko": "{name}의 {image} 롤아웃이 완료되었습니다",
    },
    "too-many-pods": {
        "en": "at {at} during the rollout of {name} to {image} its ReplicaSets asked for {got} "
        "pods, more than {limit} (replicas + maxSurge)",
        "ko": "{name}을(를) {image}(으)로 롤아웃하던 중 {at}에 ReplicaSet들이 Pod {got}개를 "
        "요청했습니다: {limit}개(replicas + maxSurge)보다 많습니다",
    },
    "too-few-available": {
        "en": "at {at} during the rollout of {name} to {image} only {got} pods were available, "
        "fewer than {limit} (replicas - maxUnavailable)",
        "ko": "{name}을(를) {image}(으)로 롤아웃하던 중 {at}에 "
        "사용 가능한 Pod가 {got}개뿐이었습니다: "
        "{limit}개(replicas - maxUnavailable)보다 적습니다",
    },
    "within-ok": {
        "en": "during the rollout of {name} to {image} there were at most {most} pods "
        "and at least {least} available",
        "ko": "{name}의 {image} 롤아웃 동안 Pod는 최대 {most}개, "
        "사용 가능한 Pod는 최소 {least}개였습니다",
    },
    "overlap": {
        "en": "at {at} old and new pods of {name} ran at the same time: that is a rolling "
        "update, not Recreate (strategy.type)",
        "ko": "{at}에 {name}의 이전 Pod와 새 Pod가 동시에 실행되었습니다: Recreate가 아니라 "
        "롤링 업데이트입니다 (strategy.type)",
    },
    "no-old": {
        "en": "{name} was created with {image}: nothing was replaced (change the image of a "
        "running Deployment)",
        "ko": "{name}은(는) 처음부터 {image}(으)로 만들어졌습니다: 교체된 것이 없습니다 "
        "(실행 중인 Deployment의 이미지를 바꾸세요)",
    },
    "recreated": {
        "en": "every old pod of {name} was gone before a pod of {image} started",
        "ko": "{name}의 이전 Pod가 모두 사라진 뒤에 {image} Pod가 시작되었습니다",
    },
    "no-undo": {
        "en": "no rollout undo of {name}{target} was recorded (mkl rollout undo deploy/{name})",
        "ko": "{name}에 대한 rollout undo{target} 기록이 없습니다 (mkl rollout undo deploy/{name})",
    },
    "to-revision": {"en": " to revision {n}", "ko": "(리비전 {n}(으)로)"},
    "undo-too-early": {
        "en": "{name} was undone to revision {n} when the newest revision was {newest}; "
        "the step wants it done while revision {m} exists",
        "ko": "{name}을(를) 리비전 {n}(으)로 되돌렸을 때 최신 리비전은 {newest}였습니다; "
        "이 단계는 리비전 {m}이(가) 있을 때 되돌리기를 원합니다",
    },
    "undo-ok": {
        "en": "{name} was undone to revision {n} (newest revision then: {newest})",
        "ko": "{name}을(를) 리비전 {n}(으)로 되돌렸습니다 (그때 최신 리비전: {newest})",
    },
    "order-bad": {
        "en": 'commands recorded for {name}: {seen}; "{missing}" is missing{after}',
        "ko": '{name}에 기록된 명령: {seen}; "{missing}"이(가) 없습니다{after}',
    },
    "order-after": {"en": ' after "{prev}"', "ko": ' ("{prev}" 다음에)'},
    "order-ok": {
        "en": "{name} saw {commands}, in that order",
        "ko": "{name}에 {commands}이(가) 순서대로 기록되었습니다",
    },
    "nothing": {"en": "nothing", "ko": "없음"},
    "no-timeout": {
        "en": "no rollout of {name} has exceeded its progress deadline yet "
        "(progressDeadlineSeconds, 600 s by default: mkl clock advance 10m)",
        "ko": "{name}의 롤아웃 중 진행 기한(progressDeadlineSeconds, 기본 600초)을 넘긴 것이 "
        "아직 없습니다 (mkl clock advance 10m)",
    },
    "timeout-ok": {
        "en": "the rollout to ReplicaSet {rs} exceeded its progress deadline at {at}",
        "ko": "ReplicaSet {rs}(으)로의 롤아웃이 {at}에 진행 기한을 넘겼습니다",
    },
    "not-rolled-back": {
        "en": "the rollout to ReplicaSet {rs} exceeded its progress deadline at {at} and was "
        "not rolled back afterwards (mkl rollout undo deploy/{name})",
        "ko": "ReplicaSet {rs}(으)로의 롤아웃이 {at}에 진행 기한을 넘겼지만 그 뒤에 "
        "롤백되지 않았습니다 (mkl rollout undo deploy/{name})",
    },
    "rollback-unfinished": {
        "en": "{name} was rolled back after the deadline, but that rollout has not finished "
        "(mkl rollout status deploy/{name})",
        "ko": "{name}은(는) 기한 초과 뒤 롤백되었지만 그 롤아웃이 아직 끝나지 않았습니다 "
        "(mkl rollout status deploy/{name})",
    },
    "rolled-back": {
        "en": "the rollout that exceeded its deadline at {at} was rolled back and {name} is "
        "available again",
        "ko": "{at}에 기한을 넘긴 롤아웃이 롤백되었고 {name}은(는) 다시 사용 가능합니다",
    },
    "no-event": {
        "en": 'no event with reason {reason}{about} in namespace "{ns}" (mkl events -n {ns})',
        "ko": '네임스페이스 "{ns}"에 reason이 {reason}{about}인 이벤트가 없습니다 '
        "(mkl events -n {ns})",
    },
    "event-about": {"en": ' mentioning "{text}"', "ko": ' ("{text}" 포함)'},
    "event-ok": {
        "en": "event {reason}: {message}",
        "ko": "이벤트 {reason}: {message}",
    },
    "timeline-trimmed": {
        "en": " (only the last {n} instants of the rollout are recorded)",
        "ko": " (롤아웃 기록은 마지막 {n}개 시점만 남습니다)",
    },
    # ----- the command's own lines -----
    "all-passed": {"en": "all {n} checks passed", "ko": "확인 {n}개 모두 통과"},
    "no-lesson": {
        "en": 'no lesson is active on profile "{profile}": run "{prog} lesson start NAME" '
        '("{prog} lesson list" shows them)',
        "ko": '프로필 "{profile}"에 진행 중인 레슨이 없습니다: "{prog} lesson start NAME"을(를) '
        '실행하세요 ("{prog} lesson list"로 목록 확인)',
    },
    "step": {"en": "Step", "ko": "단계"},
    "try": {"en": "Try", "ko": "해 볼 명령"},
    "hint": {"en": "Hint", "ko": "힌트"},
    "done": {"en": "done", "ko": "완료"},
    "todo": {"en": "to do", "ko": "할 일"},
    "finished": {
        "en": "Every step passes: the lesson is done.",
        "ko": "모든 단계를 통과했습니다: 레슨 완료!",
    },
    "started": {
        "en": 'Lesson "{name}" started on profile "{profile}" ({n} steps). '
        "Check your work with: {prog} lesson check",
        "ko": '프로필 "{profile}"에서 레슨 "{name}"을(를) 시작했습니다 (단계 {n}개). '
        "확인: {prog} lesson check",
    },
    "reset": {
        "en": 'Lesson "{name}" starts over on a fresh cluster (profile "{profile}").',
        "ko": '레슨 "{name}"을(를) 새 클러스터에서 다시 시작합니다 (프로필 "{profile}").',
    },
    "not-empty": {
        "en": 'Note: namespace "default" already has Deployments ({names}); some checks may pass '
        'already. "{prog} lesson reset" starts the lesson on a fresh cluster.',
        "ko": '참고: 네임스페이스 "default"에 이미 Deployment가 있습니다 ({names}); 일부 확인이 '
        '이미 통과할 수 있습니다. "{prog} lesson reset"은 새 클러스터에서 레슨을 다시 시작합니다.',
    },
}


def say(lang: str, key: str, **values: object) -> str:
    """The message ``key`` in ``lang`` (English when that language lacks it), formatted."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["en"]).format(**values)
