// mkl dashboard: draws the state document of /api/state (shape: minikube_lite/dashboard/state.py)
// and redraws it on every server-sent event of /api/events.  Plain DOM, no framework, no build.
"use strict";
(function () {
  const token = new URLSearchParams(location.search).get("token") || "";
  const query = "?token=" + encodeURIComponent(token);
  const SYMBOLS = {
    "available": "●", "min-ready": "◐", "readiness": "○", "starting": "◌",
    "terminating": "⊘", "finished": "·", "image-pull": "✖", "crash-loop": "✖",
    "config": "✖", "unschedulable": "✖",
  };
  const LIVE = new Set(["available", "min-ready", "readiness", "starting", "image-pull",
    "crash-loop", "config", "unschedulable"]);
  let last = null;
  let selected = decodeURIComponent((location.hash.match(/ns=([^&]*)/) || [])[1] || "");

  // h("div", {class: "x"}, "text", child, ...): an element; null/false children are skipped.
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") el.className = v;
      else if (k === "onclick") el.addEventListener("click", v);
      else el.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }
  const $ = (id) => document.getElementById(id);
  const visible = (ns) => !selected || ns === selected;

  function render(s) {
    last = s;
    $("profile").textContent = "profile " + s.profile;
    const c = s.clock || {};
    $("clock").textContent = (c.mode === "manual" ? "manual clock" : "real clock ×" + c.speed) +
      "  " + c.now;
    const err = $("error");
    err.hidden = !s.error;
    err.textContent = s.error ? "error: " + s.error : "";
    renderNamespaces(s.namespaces || []);
    renderLesson(s.lesson);
    renderDeployments((s.deployments || []).filter((d) => visible(d.namespace)));
    renderOtherPods((s.otherPods || []).filter((p) => visible(p.namespace)));
    renderEvents((s.events || []).filter((e) => visible(e.namespace)));
  }

  function renderNamespaces(list) {
    const nav = $("namespaces");
    const pick = (name) => () => {
      selected = name;
      history.replaceState(null, "", location.search + (name ? "#ns=" + encodeURIComponent(name) : ""));
      if (last) render(last);
    };
    const total = list.reduce((n, ns) => n + ns.pods, 0);
    nav.replaceChildren(
      h("button", { class: selected ? "" : "on", onclick: pick("") }, "all namespaces ",
        h("span", { class: "count" }, total + " pods")),
      ...list.map((ns) => h("button", {
        class: selected === ns.name ? "on" : "", "data-namespace": ns.name, onclick: pick(ns.name),
        title: ns.phase,
      }, ns.name + (ns.phase === "Active" ? "" : " (" + ns.phase + ")") + " ",
      h("span", { class: "count" }, ns.deployments + " deploy, " + ns.pods + " pods"))),
    );
  }

  function text(v) {
    if (v && typeof v === "object") {
      const lang = (document.documentElement.lang || "en").slice(0, 2);
      return v[lang] || v.en || Object.values(v)[0] || "";
    }
    return v === null || v === undefined ? "" : String(v);
  }

  function renderLesson(lesson) {
    const box = $("lesson");
    box.hidden = !lesson;
    if (!lesson) return box.replaceChildren();
    const steps = lesson.steps || [];
    const passed = steps.filter((st) => st.passed).length;
    box.replaceChildren(
      h("div", { class: "card-head" },
        h("h2", {}, "Lesson: " + (text(lesson.title) || text(lesson.lesson))),
        h("span", { class: "badge " + (passed === steps.length ? "complete" : "rolling") },
          passed + " / " + steps.length + " steps")),
      h("ol", {}, steps.map((st) => h("li", {
        class: (st.passed ? "pass" : "fail") + (st.id === lesson.current ? " current" : ""),
        "data-step": st.id,
      }, (st.passed ? "✓ " : "✗ ") + st.id + (text(st.text) ? ": " + text(st.text) : ""),
      st.passed || !st.reason ? null : h("div", { class: "reason" }, text(st.reason))))),
    );
  }

  function statusBadge(d) {
    if (d.failed) return h("span", { class: "badge failed" }, "✖ failed");
    if (d.paused) return h("span", { class: "badge paused" }, "⏸ paused");
    if (d.done) return h("span", { class: "badge complete" }, "✓ rolled out");
    return h("span", { class: "badge rolling" }, "↻ rolling out");
  }

  function slots(n, classOf) {
    const out = [];
    for (let i = 0; i < n; i++) out.push(h("span", { class: "slot " + classOf(i) }));
    return h("span", { class: "slots" }, out);
  }

  // The rolling update's arithmetic: pods against the ceiling, available pods against the floor.
  function renderBand(d) {
    const b = d.band;
    let fresh = 0, old = 0;
    for (const rs of d.replicaSets) {
      const live = rs.pods.filter((p) => LIVE.has(p.state)).length;
      if (rs.new) fresh += live; else old += live;
    }
    const live = fresh + old;
    const podSlots = Math.max(b.ceiling, live + b.terminating);
    const podRow = slots(podSlots, (i) => {
      const over = i >= b.ceiling ? " over" : "";
      if (i < fresh) return "fill-new" + over;
      if (i < live) return "fill-old" + over;
      if (i < live + b.terminating) return "fill-term";
      return "allowed";
    });
    const availSlots = Math.max(b.desired, b.available, b.floor);
    const availRow = slots(availSlots, (i) => {
      if (i < b.available) return "fill-avail";
      return i < b.floor ? "short" : "allowed";
    });
    const tooMany = live > b.ceiling;
    const tooFew = b.available < b.floor;
    const recreate = b.strategy === "Recreate";
    const podNote = recreate
      ? live + " / at most " + b.ceiling + " (Recreate: old pods stop first)"
      : live + " / ceiling " + b.ceiling + " = " + b.desired + " + maxSurge " + b.maxSurge;
    const availNote = recreate
      ? b.available + " / floor 0 (Recreate)"
      : b.available + " / floor " + b.floor + " = " + b.desired + " - maxUnavailable " +
        b.maxUnavailable + (tooFew ? ": below the floor, old pods stay" : "");
    return h("div", { class: "band", "data-band": d.name },
      h("div", { class: "band-row" }, h("span", { class: "label" }, "pods"), podRow,
        h("span", { class: "band-note" + (tooMany ? " bad" : "") },
          podNote + (b.terminating ? ", " + b.terminating + " terminating" : ""))),
      h("div", { class: "band-row" }, h("span", { class: "label" }, "available"), availRow,
        h("span", { class: "band-note" + (tooFew && b.rolling ? " bad" : "") }, availNote)),
      h("div", { class: "legend" },
        h("span", { class: "key-new" }, "■ new ReplicaSet"),
        h("span", { class: "key-old" }, "■ old ReplicaSets"),
        h("span", { class: "key-avail" }, "■ available"),
        h("span", {}, "▨ terminating"), h("span", {}, "□ room within the bounds")),
    );
  }

  const short = (t) => (t.length > 60 ? t.slice(0, 59) + "…" : t);

  function renderPod(p) {
    return h("span", {
      class: "pod state-" + p.state, "data-pod": p.name, title: p.note || p.state,
    }, h("span", { class: "sym" }, SYMBOLS[p.state] || "?"), p.name,
    h("span", { class: "sub" }, p.ready + "  " + p.status + "  restarts " + p.restarts +
      "  " + p.age + (p.note ? "  " + short(p.note) : "")));
  }

  function renderReplicaSet(rs) {
    return h("div", {
      class: "rs" + (rs.new ? " new" : ""), "data-rs": rs.name, "data-revision": rs.revision,
    },
      h("div", { class: "rs-head" },
        h("b", {}, "revision " + rs.revision), rs.new ? " (new) " : " ", rs.name, "  ",
        h("span", { class: "muted" }, rs.images.join(", ")), "  desired " + rs.desired +
        " · current " + rs.current + " · ready " + rs.ready + " · available " + rs.available),
      rs.changeCause ? h("div", { class: "rs-cause" }, "change-cause: " + rs.changeCause) : null,
      h("div", { class: "pods" }, rs.pods.map(renderPod)));
  }

  function renderDeployment(d) {
    const active = d.replicaSets.filter((rs) => rs.new || rs.active);
    const idle = d.replicaSets.filter((rs) => !(rs.new || rs.active));
    return h("article", { class: "card", "data-deployment": d.namespace + "/" + d.name },
      h("div", { class: "card-head" },
        h("h2", {}, "deployment.apps/" + d.name),
        h("span", { class: "badge" }, d.namespace),
        h("span", { class: "badge" }, "revision " + d.revision),
        statusBadge(d)),
      h("div", { class: "grid" },
        h("div", {},
          h("div", { class: "facts" },
            h("div", {}, "image ", h("code", {}, d.images.join(", "))),
            h("div", { class: "muted" }, d.strategy)),
          h("div", { class: "message" }, d.message),
          d.reasons.length ? h("ul", { class: "reasons" }, d.reasons.map((r) => h("li", {}, r))) : null,
          renderBand(d),
          active.map(renderReplicaSet),
          idle.length ? h("div", { class: "idle" }, "older revisions at 0 replicas: " +
            idle.map((rs) => rs.revision + " (" + rs.images.join(", ") + ")").join(", ")) : null),
        d.timeline ? h("div", { class: "timeline" },
          h("img", {
            alt: "rollout timeline of " + d.name,
            src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(d.timeline),
          })) : h("div", { class: "muted" }, "No rollout timeline recorded yet.")));
  }

  function renderDeployments(list) {
    const main = $("deployments");
    if (!list.length) {
      main.replaceChildren(h("section", {}, h("p", { class: "muted" },
        "No Deployments" + (selected ? " in namespace " + selected : "") +
        ". Try: mkl create deployment web --image=nginx --replicas=3")));
      return;
    }
    main.replaceChildren(...list.map(renderDeployment));
  }

  function renderOtherPods(list) {
    const box = $("other-pods");
    box.hidden = !list.length;
    box.replaceChildren(h("h3", {}, "Other pods"),
      h("div", { class: "pods" }, list.map(renderPod)));
  }

  function renderEvents(list) {
    const all = !selected;
    $("events").replaceChildren(h("h3", {}, "Recent events"),
      list.length ? h("table", {},
        h("thead", {}, h("tr", {}, all ? h("th", {}, "namespace") : null,
          ["last seen", "type", "reason", "object", "message"].map((t) => h("th", {}, t)))),
        h("tbody", {}, list.map((e) => h("tr", { class: e.type === "Warning" ? "warning" : "" },
          all ? h("td", {}, e.namespace) : null, h("td", { class: "mono" }, e.lastSeen),
          h("td", {}, e.type), h("td", {}, e.reason), h("td", { class: "mono" }, e.object),
          h("td", {}, e.message)))))
        : h("p", { class: "muted" }, "No events."));
  }

  function setConn(live, label) {
    const el = $("conn");
    el.className = "conn " + (live ? "live" : "wait");
    el.textContent = label;
  }

  function poll() {
    fetch("/api/state" + query, { cache: "no-store" })
      .then((r) => r.json()).then((s) => { setConn(true, "live (polling)"); render(s); })
      .catch(() => setConn(false, "reconnecting…"))
      .finally(() => setTimeout(poll, 1000));
  }

  function connect() {
    if (!window.EventSource) return poll();
    const es = new EventSource("/api/events" + query);
    es.addEventListener("state", (e) => render(JSON.parse(e.data)));
    es.onopen = () => setConn(true, "live");
    es.onerror = () => setConn(false, "reconnecting…");
  }

  connect();
})();
