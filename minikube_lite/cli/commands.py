"""Every command: words, flags, help and examples.  Handlers are imported only when run."""

from __future__ import annotations

from minikube_lite.cli.spec import (
    Command,
    Flag,
    LazyChildren,
    bool_flag,
    int_flag,
    list_flag,
    slice_flag,
    str_flag,
)

GLOBAL_FLAGS: tuple[Flag, ...] = (
    str_flag(
        "namespace", "n", "If present, the namespace scope for this CLI request", metavar="NS"
    ),
    str_flag(
        "profile",
        "",
        "The minikube-lite profile (cluster) to use; default $MKL_PROFILE or 'minikube'",
    ),
    str_flag("as", "", "Username to impersonate for the operation"),
    list_flag("as-group", "", "Group to impersonate for the operation, this flag can be repeated"),
    bool_flag("help", "h", "help for this command"),
)

FILENAME = slice_flag(
    "filename", "f", "Filename, directory, or '-' (stdin) of the manifests to use"
)
RECORD = bool_flag(
    "record", "", "Record current kubectl command in the resource annotation (deprecated)"
)
OUTPUT = str_flag(
    "output",
    "o",
    "Output format: json|yaml|name|wide|jsonpath=...|custom-columns=...|go-template=...",
)
SELECTOR = str_flag(
    "selector", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'"
)
DRY_RUN = Flag("dry-run", "", "str", "none", 'Must be "none", "server", or "client"', "unchanged")
SHOW_MANAGED = bool_flag(
    "show-managed-fields",
    "",
    "If true, keep the managedFields when printing objects in JSON or YAML format.",
)


def field_manager_flag(default: str) -> Flag:
    """kubectl's AddFieldManagerFlagVar: the manager the verb's writes record."""
    return str_flag(
        "field-manager", "", "Name of the manager used to track field ownership.", default
    )


ALL_NS = bool_flag("all-namespaces", "A", "List the requested object(s) across all namespaces")
FIELD_SELECTOR = str_flag(
    "field-selector",
    "",
    "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector "
    "key1=value1,key2=value2). The server only supports a limited number of field queries per "
    "type.",
)
IGNORE_NOT_FOUND = bool_flag(
    "ignore-not-found",
    "",
    "If set to true, suppresses NotFound error for specific objects that do not exist.",
)

# kubectl's AddApplyAnnotationFlags, AddValidateFlags, AddFieldManagerFlagVar: every generator
GENERATOR_FLAGS = (
    bool_flag(
        "save-config",
        "",
        "If true, the configuration of the current object will be saved in its annotation.",
    ),
    Flag(
        "validate",
        "",
        "str",
        "strict",
        "Field validation: strict|warn|ignore (a generator's object has no unknown fields)",
        "strict",
    ),
    str_flag(
        "field-manager", "", "Name of the manager used to track field ownership.", "kubectl-create"
    ),
)
GENERATED = (OUTPUT, SHOW_MANAGED, DRY_RUN, *GENERATOR_FLAGS)  # the flags of every create generator


def _more_create() -> dict[str, Command]:
    """The generators beyond namespace|deployment|service (cli/commands_gen.py and
    commands_unsimulated.py), built only when a command line reaches ``create``."""
    from minikube_lite.cli import commands_gen, commands_unsimulated

    return {
        **commands_gen.create_children(GENERATED),
        **commands_gen.rbac_children(GENERATED),
        **commands_unsimulated.unsimulated_children(GENERATED),
        **commands_unsimulated.more_unsimulated(GENERATED, OUTPUT),
    }


def _more_service() -> dict[str, Command]:
    from minikube_lite.cli import commands_gen

    return commands_gen.service_children(GENERATED)


def _more_set() -> dict[str, Command]:
    from minikube_lite.cli import commands_gen

    return commands_gen.set_children((FILENAME, RECORD, OUTPUT, SHOW_MANAGED, DRY_RUN))


def _lazy_rows(root: Command) -> None:
    """create, create service and set get their other rows on first use (LazyChildren)."""
    create = root.children["create"]
    service = create.children["service"]
    service.children = LazyChildren(service.children, _more_service)
    create.children = LazyChildren(create.children, _more_create)
    set_ = root.children["set"]
    set_.children = LazyChildren(set_.children, _more_set)


def _cluster_info() -> Command:
    """``cluster-info`` (issue 14)."""
    return Command(
        name="cluster-info",
        short="Display cluster information",
        handler="cmd_clusterinfo:cluster_info",
        usage="[flags]",
        flags=(),
        examples="  # Print the address of the control plane and cluster services\n  mkl "
        "cluster-info",
        long="Display addresses of the control plane and services with label "
        "kubernetes.io/cluster-service=true.\nTo further debug and diagnose cluster problems, "
        "use 'kubectl cluster-info dump'.",
        group="Cluster Management Commands",
        children=LazyChildren({}, lambda: {"dump": _cluster_info_dump()}),
    )


def _cluster_info_dump() -> Command:
    """``cluster-info dump`` (kubectl's flags, -o json|yaml only)."""
    return Command(
        name="dump",
        short="Dump relevant information for debugging and diagnosis",
        handler="cmd_clusterinfo:dump",
        usage="[flags]",
        flags=(
            bool_flag(
                "all-namespaces",
                "A",
                "If true, dump all namespaces.  If true, --namespaces is ignored.",
            ),
            slice_flag("namespaces", "", "A comma separated list of namespaces to dump."),
            str_flag("output", "o", "Output format. One of: (json, yaml).", "json"),
            str_flag(
                "output-directory",
                "",
                "Where to output the files.  If empty or '-' uses stdout, otherwise creates a "
                "directory hierarchy in that directory",
            ),
            str_flag(
                "pod-running-timeout",
                "",
                "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at "
                "least one pod is running",
                "20s",
            ),
            SHOW_MANAGED,
        ),
        examples="  # Dump current cluster state to stdout\n  mkl cluster-info dump\n\n"
        "  # Dump current cluster state to /path/to/cluster-state\n"
        "  mkl cluster-info dump --output-directory=/path/to/cluster-state\n\n"
        "  # Dump all namespaces to stdout\n  mkl cluster-info dump --all-namespaces\n\n"
        "  # Dump a set of namespaces to /path/to/cluster-state\n"
        "  mkl cluster-info dump --namespaces default,kube-system "
        "--output-directory=/path/to/cluster-state",
        long="Dump cluster information out suitable for debugging and diagnosing cluster "
        "problems.  By default, dumps everything to stdout. You can optionally specify a "
        "directory with --output-directory.  If you specify a directory, a set of files is "
        "built in that directory.  By default, only dumps things in the current namespace and "
        "'kube-system' namespace, but you can switch to a different namespace with the "
        "--namespaces flag, or specify --all-namespaces to dump all namespaces.\n\nThe command "
        "also dumps the logs of all of the pods in the cluster; these logs are dumped into "
        "different directories based on namespace and pod name.",
    )


def _node_commands() -> tuple[Command, ...]:
    """``cordon``, ``uncordon``, ``drain``, ``taint`` (kubectl's drain and taint flags)."""
    node_sel = str_flag("selector", "l", "Selector (label query) to filter on")
    cordons = tuple(
        Command(
            name=verb,
            short=f"Mark node as {what}",
            handler=f"cmd_node:{verb}",
            usage="NODE",
            flags=(node_sel, DRY_RUN),
            examples=f'  # Mark node "foo" as {what}\n  mkl {verb} foo',
            long=f"Mark node as {what}.",
            group="Cluster Management Commands",
        )
        for verb, what in (("cordon", "unschedulable"), ("uncordon", "schedulable"))
    )
    emptydir = (
        "Continue even if there are pods using emptyDir (local data that will be deleted when "
        "the node is drained)."
    )
    drain = Command(
        name="drain",
        short="Drain node in preparation for maintenance",
        handler="cmd_node:drain",
        usage="NODE",
        flags=(
            bool_flag(
                "force",
                "",
                "Continue even if there are pods not managed by a ReplicationController, "
                "ReplicaSet, Job, DaemonSet or StatefulSet.",
            ),
            bool_flag("ignore-daemonsets", "", "Ignore DaemonSet-managed pods."),
            Flag("delete-local-data", "", "bool", False, emptydir, "true", hidden=True),
            bool_flag("delete-emptydir-data", "", emptydir),
            int_flag(
                "grace-period",
                "",
                "Period of time in seconds given to each pod to terminate gracefully. If "
                "negative, the default value specified in the pod will be used.",
                -1,
            ),
            str_flag(
                "timeout",
                "",
                "The length of time to wait before giving up, zero means infinite",
                "0s",
            ),
            node_sel,
            str_flag("pod-selector", "", "Label selector to filter pods on the node"),
            bool_flag(
                "disable-eviction",
                "",
                "Force drain to use delete, even if eviction is supported. This will bypass "
                "checking PodDisruptionBudgets, use with caution.",
            ),
            int_flag(
                "skip-wait-for-delete-timeout",
                "",
                "If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  "
                "Seconds must be greater than 0 to skip.",
                0,
            ),
            int_flag(
                "chunk-size",
                "",
                "Return large lists in chunks rather than all at once (no effect in mkl).",
                500,
            ),
            DRY_RUN,
        ),
        examples='  # Drain node "foo", even if there are pods not managed by a replication '
        "controller, replica set, job, daemon set, or stateful set on it\n"
        "  mkl drain foo --force\n\n"
        "  # As above, but abort if there are pods not managed by a replication controller, "
        "replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes\n"
        "  mkl drain foo --grace-period=900",
        long="Drain node in preparation for maintenance.\n\n"
        "The given node will be marked unschedulable to prevent new pods from arriving. "
        "'drain' evicts the pods (a graceful delete; no PodDisruptionBudgets are simulated). "
        "Pods that are not managed by a controller need --force, pods with emptyDir volumes "
        "--delete-emptydir-data. 'drain' waits for graceful termination (a manual clock is "
        "moved on). On the one-node cluster, ReplicaSet pods come back Pending until "
        "'uncordon'.",
        group="Cluster Management Commands",
    )
    taint = Command(
        name="taint",
        short="Update the taints on one or more nodes",
        handler="cmd_node:taint",
        usage="NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N",
        flags=(
            OUTPUT,
            *TEMPLATE,
            DRY_RUN,
            GENERATOR_FLAGS[1],
            str_flag(
                "selector",
                "l",
                "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l "
                "key1=value1,key2=value2)",
            ),
            bool_flag(
                "overwrite",
                "",
                "If true, allow taints to be overwritten, otherwise reject taint updates that "
                "overwrite existing taints.",
            ),
            bool_flag("all", "", "Select all nodes in the cluster"),
            str_flag(
                "field-manager",
                "",
                "Name of the manager used to track field ownership.",
                "kubectl-taint",
            ),
        ),
        examples="  # Update node 'foo' with a taint with key 'dedicated' and value "
        "'special-user' and effect 'NoSchedule'\n"
        "  # If a taint with that key and effect already exists, its value is replaced as "
        "specified\n  mkl taint nodes foo dedicated=special-user:NoSchedule\n\n"
        "  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if "
        "one exists\n  mkl taint nodes foo dedicated:NoSchedule-\n\n"
        "  # Remove from node 'foo' all the taints with key 'dedicated'\n"
        "  mkl taint nodes foo dedicated-\n\n"
        "  # Add to node 'foo' a taint with key 'bar' and no value\n"
        "  mkl taint nodes foo bar:NoSchedule",
        long="Update the taints on one or more nodes.\n\n"
        "  *  A taint consists of a key, value, and effect. As an argument here, it is expressed "
        "as key=value:effect.\n"
        "  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.\n"
        "  *  Currently taint can only apply to node.\n\n"
        "The scheduler honours NoSchedule and NoExecute against the pods' tolerations; a "
        "NoExecute taint also evicts the running pods that do not tolerate it (after their "
        "tolerationSeconds).",
        group="Cluster Management Commands",
    )
    return (*cordons, drain, taint)


def _top() -> Command:
    """``top pod|node``: the simulated cluster has no metrics-server (issue 14)."""
    sort_by = str_flag(
        "sort-by",
        "",
        "If non-empty, sort the list using specified field. The field can be either 'cpu' or "
        "'memory'.",
    )
    no_headers = bool_flag("no-headers", "", "If present, print output without headers.")
    protobuf = bool_flag(
        "use-protocol-buffers", "", "Enables using protocol-buffers to access Metrics API.", True
    )
    return Command(
        name="top",
        bare_help="err",
        short="Display resource (CPU/memory) usage",
        handler="",
        usage="",
        flags=(),
        long="Display resource (CPU/memory) usage.\n\nThe top command needs the Metrics API "
        "(metrics-server); the simulated cluster\nruns none, so it answers as such a cluster "
        "does: error: Metrics API not available.",
        group="Cluster Management Commands",
        children={
            "pod": Command(
                name="pod",
                short="Display resource (CPU/memory) usage of pods",
                handler="cmd_clusterinfo:top_pod",
                usage="[NAME | -l label]",
                aliases=("pods", "po"),
                flags=(
                    ALL_NS,
                    SELECTOR,
                    str_flag("field-selector", "", "Selector (field query) to filter on."),
                    bool_flag(
                        "containers", "", "If present, print usage of containers within a pod."
                    ),
                    no_headers,
                    sort_by,
                    bool_flag("sum", "", "Print the sum of the resource usage"),
                    protobuf,
                ),
                examples="  # Show metrics for all pods in the default namespace\n  mkl top pod",
            ),
            "node": Command(
                name="node",
                short="Display resource (CPU/memory) usage of nodes",
                handler="cmd_clusterinfo:top_node",
                usage="[NAME | -l label]",
                aliases=("nodes", "no"),
                flags=(
                    SELECTOR,
                    no_headers,
                    sort_by,
                    bool_flag(
                        "show-capacity",
                        "",
                        "Print node resources based on Capacity instead of Allocatable(default) "
                        "of the nodes.",
                    ),
                    protobuf,
                ),
                examples="  # Show metrics for all nodes\n  mkl top node",
            ),
        },
    )


def _lesson() -> Command:
    """``lesson``: guided exercises checked against what the cluster recorded (issue 17)."""
    lang = str_flag(
        "lang", "", "Language of the texts: ko or en (default: the lesson's, else the locale)"
    )
    return Command(
        name="lesson",
        short="Guided lessons whose steps are checked (minikube-lite only)",
        handler="",
        usage="",
        flags=(),
        group="Simulator Commands",
        children={
            "list": Command(
                name="list",
                short="List the built-in lessons",
                handler="cmd_lesson:list_",
                usage="",
                flags=(lang,),
                examples="  mkl lesson list",
            ),
            "start": Command(
                name="start",
                short="Start a lesson on this profile",
                handler="cmd_lesson:start",
                usage="(NAME | -f exercise.yaml) [--lang ko|en]",
                flags=(str_flag("filename", "f", "A teacher's exercise file (YAML)"), lang),
                examples="  # The built-in lesson, in Korean\n  mkl lesson start rolling-update "
                "--lang ko\n\n  # A teacher's own exercise\n  mkl lesson start -f exercise.yaml",
            ),
            "status": Command(
                name="status",
                short="Show the steps done and what to do next",
                handler="cmd_lesson:status",
                usage="[--lang ko|en]",
                flags=(lang,),
                examples="  mkl lesson status",
            ),
            "hint": Command(
                name="hint",
                short="Show the hint of the current step",
                handler="cmd_lesson:hint",
                usage="[--lang ko|en]",
                flags=(lang,),
                examples="  mkl lesson hint",
            ),
            "check": Command(
                name="check",
                short="Check every step against what happened (exit 0 only when all pass)",
                handler="cmd_lesson:check",
                usage="[NAME | -f exercise.yaml] [--json] [--lang ko|en]",
                flags=(
                    bool_flag("json", "", "Print the result as JSON (for grading scripts)"),
                    str_flag("filename", "f", "Check this exercise file instead of the active one"),
                    lang,
                ),
                examples="  mkl lesson check\n\n  # Grade an imported snapshot\n"
                "  mkl lesson check rolling-update --json --profile student-1",
            ),
            "reset": Command(
                name="reset",
                short="Start the active lesson over on a fresh cluster",
                handler="cmd_lesson:reset",
                usage="[--lang ko|en]",
                flags=(lang,),
                examples="  mkl lesson reset",
            ),
        },
    )


def _rollout() -> Command:
    res = "(TYPE NAME | TYPE/NAME) [flags]"
    return Command(
        name="rollout",
        bare_help="out",
        short="Manage the rollout of a resource",
        long="Manage the rollout of one or many resources: deployments.",
        group="Deploy Commands",
        children={
            "history": Command(
                name="history",
                short="View rollout history",
                handler="cmd_rollout:history",
                usage=res,
                flags=(
                    int_flag(
                        "revision",
                        "",
                        "See the details, including podTemplate of the revision specified",
                        0,
                    ),
                    OUTPUT,
                    FILENAME,
                    SELECTOR,
                ),
                examples="  # View the rollout history of a deployment\n  mkl rollout history "
                "deployment/abc\n\n"
                "  # View the details of deployment revision 3\n  mkl rollout history "
                "deployment/abc --revision=3",
            ),
            "undo": Command(
                name="undo",
                short="Undo a previous rollout",
                handler="cmd_rollout:undo",
                usage=res,
                flags=(
                    int_flag(
                        "to-revision",
                        "",
                        "The revision to rollback to. Default to 0 (last revision).",
                        0,
                    ),
                    DRY_RUN,
                    OUTPUT,
                    FILENAME,
                    SELECTOR,
                ),
                examples="  # Roll back to the previous deployment\n  mkl rollout undo "
                "deployment/abc\n\n"
                "  # Roll back to deployment revision 3\n  mkl rollout undo deployment/abc "
                "--to-revision=3",
            ),
            "pause": Command(
                name="pause",
                short="Mark the provided resource as paused",
                handler="cmd_rollout:pause",
                usage=res,
                flags=(
                    FILENAME,
                    SELECTOR,
                    OUTPUT,
                    SHOW_MANAGED,
                    field_manager_flag("kubectl-rollout"),
                ),
                examples="  # Mark the nginx deployment as paused\n  mkl rollout pause "
                "deployment/nginx",
            ),
            "resume": Command(
                name="resume",
                short="Resume a paused resource",
                handler="cmd_rollout:resume",
                usage=res,
                flags=(
                    FILENAME,
                    SELECTOR,
                    OUTPUT,
                    SHOW_MANAGED,
                    field_manager_flag("kubectl-rollout"),
                ),
                examples="  # Resume an already paused deployment\n  mkl rollout resume "
                "deployment/nginx",
            ),
            "status": Command(
                name="status",
                short="Show the status of the rollout",
                handler="cmd_rollout:status",
                usage=res,
                flags=(
                    Flag(
                        "watch",
                        "w",
                        "bool",
                        True,
                        "Watch the status of the rollout until it's done.",
                        "true",
                    ),
                    str_flag(
                        "timeout",
                        "",
                        "The length of time to wait before ending watch, zero means never (wall "
                        "time on a real clock, simulated time on a manual one).",
                        "0s",
                    ),
                    int_flag(
                        "revision", "", "Pin to a specific revision for showing its status.", 0
                    ),
                    bool_flag("plain", "", "Print kubectl's lines only, even on a terminal"),
                    FILENAME,
                    SELECTOR,
                ),
                examples="  # Watch the rollout status of a deployment\n  mkl rollout status "
                "deployment/nginx\n\n"
                "  # Only kubectl's lines, even on a terminal\n  mkl rollout status "
                "deployment/nginx --plain",
                long="Show the status of the rollout.\n\n"
                "On a terminal (and without NO_COLOR or --plain) a live view follows the "
                "rollout: the strategy\n"
                "with its resolved numbers, revisions -> ReplicaSets -> pods, bars for updated "
                "and available\n"
                "pods, what holds the rollout back, and kubectl's line underneath. With a manual "
                "clock each\n"
                "simulated instant stays on screen for MKL_LIVE_PACE wall seconds (default 0.3). "
                "Piped, the\n"
                "output is exactly kubectl's lines.",
            ),
            "restart": Command(
                name="restart",
                short="Restart a resource",
                handler="cmd_rollout:restart",
                usage=res,
                flags=(
                    FILENAME,
                    SELECTOR,
                    OUTPUT,
                    SHOW_MANAGED,
                    field_manager_flag("kubectl-rollout"),
                ),
                examples="  # Restart a deployment\n  mkl rollout restart deployment/nginx",
            ),
            "timeline": Command(
                name="timeline",
                short="Draw the recorded rollout timeline (minikube-lite only)",
                handler="cmd_rollout_see:timeline",
                usage=res,
                flags=(
                    str_flag(
                        "svg",
                        "",
                        "Write the timeline as a standalone SVG file ('-' for stdout) instead of "
                        "drawing it",
                        metavar="FILE",
                    ),
                    FILENAME,
                    SELECTOR,
                ),
                examples="  # Draw how the replica counts moved during the last rollouts\n  mkl "
                "rollout timeline deployment/http-go\n\n"
                "  # Save it as an SVG that opens in any browser\n  mkl rollout timeline "
                "deployment/http-go --svg rollout.svg",
                long="Draw the time series the simulator records for a Deployment: replicas of "
                "the old and new\n"
                "ReplicaSets, available pods, and the band between desired - maxUnavailable and\n"
                "desired + maxSurge, with marks for set image, scale, pause, resume and undo.",
            ),
            "explain": Command(
                name="explain",
                short="Explain where a rollout stands and what holds it back (minikube-lite only)",
                handler="cmd_rollout_see:explain",
                usage=res,
                flags=(str_flag("output", "o", "Output format: json"), FILENAME, SELECTOR),
                examples="  # Which rule holds the rollout back right now\n  mkl rollout explain "
                "deployment/http-go\n\n"
                "  # The same findings as JSON\n  mkl rollout explain deployment/http-go -o json",
                long="Say in plain words where the rollout stands and which rule holds it back "
                "now (maxSurge,\n"
                "maxUnavailable, minReadySeconds, readiness, pause, Recreate, quota, image "
                "pulls, the progress\n"
                "deadline), computed with the deployment controller's own arithmetic.",
            ),
        },
    )


def _traffic() -> tuple[Command, ...]:
    """exec, logs, port-forward, expose and minikube's ``service`` (issue 5: traffic)."""
    container = str_flag(
        "container",
        "c",
        "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation "
        "or the first container",
    )
    running = str_flag(
        "pod-running-timeout",
        "",
        "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one "
        "pod is running",
        "1m0s",
    )
    return (
        Command(
            name="exec",
            short="Execute a command in a container",
            handler="cmd_exec:exec_",
            usage="(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]",
            flags=(
                container,
                bool_flag("stdin", "i", "Pass stdin to the container"),
                bool_flag("tty", "t", "Stdin is a TTY"),
                bool_flag("quiet", "q", "Only print output from the remote session"),
                running,
            ),
            examples="  # Ask a pod for its page through its own loopback\n  mkl exec "
            "http-go-7dbcf5877-d6n6p -- curl -s 127.0.0.1:8080\n\n"
            "  # Call a Service by name from inside the cluster\n  mkl exec deploy/http-go -- "
            "curl -s http-go\n\n"
            "  # A small simulated shell (curl, wget, env, cat, ls, echo, ...)\n  mkl exec -it "
            "deploy/http-go -- sh",
            long="Execute a command in a container.\n\nThe container runs a small simulated "
            "shell with built-in curl, wget, env, cat, ls,\n"
            "hostname, echo, sleep, grep and friends; nothing runs on your machine.",
            group="Troubleshooting and Debugging Commands",
        ),
        Command(
            name="logs",
            short="Print the logs for a container in a pod",
            handler="cmd_logs:logs",
            usage="[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]",
            flags=(
                bool_flag("follow", "f", "Specify if the logs should be streamed."),
                bool_flag(
                    "previous",
                    "p",
                    "If true, print the logs for the previous instance of the container in a pod "
                    "if it exists.",
                ),
                container,
                Flag(
                    "tail",
                    "",
                    "int",
                    -1,
                    "Lines of recent log file to display. Defaults to -1 with no selector, "
                    "showing all log lines otherwise 10, if a selector is provided.",
                ),
                bool_flag("timestamps", "", "Include timestamps on each line in the log output"),
                str_flag(
                    "since",
                    "",
                    "Only return logs newer than a relative duration like 5s, 2m, or 3h.",
                ),
                str_flag("since-time", "", "Only return logs after a specific date (RFC3339)."),
                Flag(
                    "limit-bytes",
                    "",
                    "int",
                    0,
                    "Maximum bytes of logs to return. Defaults to no limit.",
                ),
                SELECTOR,
                bool_flag("all-containers", "", "Get all containers' logs in the pod(s)."),
                bool_flag("all-pods", "", "Get logs from all pod(s). Sets prefix to true."),
                bool_flag(
                    "prefix",
                    "",
                    "Prefix each log line with the log source (pod name and container name)",
                ),
                bool_flag(
                    "ignore-errors",
                    "",
                    "If watching / following pod logs, allow for any errors that occur to be "
                    "non-fatal",
                ),
                Flag(
                    "max-log-requests",
                    "",
                    "int",
                    5,
                    "Specify maximum number of concurrent logs to follow when using by a "
                    "selector. Defaults to 5.",
                ),
                running,
            ),
            examples="  # Return snapshot logs from pod nginx with only one container\n  mkl "
            "logs nginx\n\n"
            "  # Begin streaming the logs of the first pod of deployment web\n  mkl logs -f "
            "deploy/web\n\n"
            "  # Display only the most recent 20 lines of output in pod nginx\n  mkl logs "
            "--tail=20 nginx",
            group="Troubleshooting and Debugging Commands",
        ),
        Command(
            name="port-forward",
            short="Forward one or more local ports to a pod",
            handler="cmd_portforward:port_forward",
            usage="TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
            flags=(
                list_flag(
                    "address",
                    "",
                    "Addresses to listen on (comma separated). Only accepts IP addresses or "
                    "localhost as a value.",
                ),
                running,
            ),
            examples="  # Listen on port 8080 locally, forwarding to the targetPort of Service "
            "port 80 in a pod selected by the service\n  mkl port-forward svc/http-go "
            "8080:80\n\n"
            "  # Listen on port 8443 locally, forwarding to the targetPort of the service's "
            'port named "https" in a pod selected by the service\n'
            "  mkl port-forward service/myservice 8443:https\n\n"
            "  # Listen on a random port locally, forwarding to 8080 in the pod\n  mkl "
            "port-forward pod/mypod :8080",
            long="Forward one or more local ports to a pod.\n\nUse resource type/name such as "
            "deployment/mydeployment to select a pod. Resource type defaults to 'pod' if "
            "omitted.\n\n"
            "If there are multiple pods matching the criteria, a pod will be selected "
            "automatically. The\n"
            "forwarding session ends when the selected pod terminates, and a rerun of the "
            "command is needed\n"
            "to resume forwarding.\n\n"
            "A real HTTP listener on 127.0.0.1 (and ::1) answers from the simulated pod. To "
            "watch a rolling\n"
            "update from outside, use 'mkl service NAME --url', which goes through the Service.",
            group="Troubleshooting and Debugging Commands",
        ),
        Command(
            name="proxy",
            short="Run a proxy to the Kubernetes API server",
            handler="cmd_proxy:proxy",
            usage="[--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix]",
            flags=(
                int_flag(
                    "port",
                    "p",
                    "The port on which to run the proxy. Set to 0 to pick a random port.",
                    8001,
                ),
                str_flag("address", "", "The IP address on which to serve on.", "127.0.0.1"),
                str_flag("api-prefix", "", "Prefix to serve the proxied API under.", "/"),
                str_flag(
                    "accept-hosts",
                    "",
                    "Regular expression for hosts that the proxy should accept.",
                    r"^localhost$,^127\.0\.0\.1$,^\[::1\]$",
                ),
                str_flag(
                    "accept-paths",
                    "",
                    "Regular expression for paths that the proxy should accept.",
                    "^.*",
                ),
                str_flag(
                    "reject-paths",
                    "",
                    "Regular expression for paths that the proxy should reject. Paths specified "
                    "here will be rejected even accepted by --accept-paths.",
                    "^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach",
                ),
                str_flag(
                    "reject-methods",
                    "",
                    "Regular expression for HTTP methods that the proxy should reject (example "
                    "--reject-methods='POST,PUT,PATCH'). ",
                    "^$",
                ),
                bool_flag(
                    "disable-filter",
                    "",
                    "If true, disable request filtering in the proxy. This is dangerous, and can "
                    "leave you vulnerable to XSRF attacks, when used with an accessible port.",
                ),
            ),
            examples="  # Serve the cluster's API on localhost:8001, then curl it\n"
            "  mkl proxy &\n  curl localhost:8001/api/v1/namespaces/default/pods\n\n"
            "  # Pick a free port, and serve the API under /k8s-api/\n"
            "  mkl proxy --port=0 --api-prefix=/k8s-api",
            group="Troubleshooting and Debugging Commands",
        ),
        Command(
            name="expose",
            short="Take a replication controller, service, deployment or pod and expose it as a "
            "new Kubernetes service",
            handler="cmd_expose:expose",
            usage="(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] "
            "[--target-port=number-or-name] [--name=name] "
            "[--external-ip=external-ip-of-service] [--type=type]",
            flags=(
                SHOW_MANAGED,
                field_manager_flag("kubectl-expose"),
                str_flag(
                    "port",
                    "",
                    "The port that the service should serve on. Copied from the resource being "
                    "exposed, if unspecified",
                ),
                str_flag(
                    "target-port",
                    "",
                    "Name or number for the port on the container that the service should direct "
                    "traffic to. Optional.",
                ),
                str_flag(
                    "type",
                    "",
                    "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. "
                    "Default is 'ClusterIP'.",
                ),
                str_flag("name", "", "The name for the newly created object."),
                str_flag(
                    "protocol",
                    "",
                    "The network protocol for the service to be created. Default is 'TCP'.",
                ),
                str_flag(
                    "selector",
                    "",
                    "A label selector to use for this service. Only equality-based selector "
                    "requirements are supported.",
                ),
                str_flag("labels", "l", "Labels to apply to the service created by this call."),
                str_flag(
                    "cluster-ip",
                    "",
                    "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or "
                    "set to 'None' to create a headless service.",
                ),
                str_flag(
                    "external-ip",
                    "",
                    "Additional external IP address (not managed by Kubernetes) to accept for "
                    "the service.",
                ),
                str_flag(
                    "session-affinity",
                    "",
                    "If non-empty, set the session affinity for the service to this; legal "
                    "values: 'None', 'ClientIP'",
                ),
                FILENAME,
                RECORD,
                OUTPUT,
                DRY_RUN,
            ),
            examples="  # Create a service for deployment http-go, which serves on port 80 and "
            "connects to the containers on port 8080\n"
            "  mkl expose deployment http-go --port=80 --target-port=8080\n\n"
            "  # The same as a NodePort service\n  mkl expose deploy http-go --port=80 "
            "--target-port=8080 --type=NodePort",
            group="Basic Commands (Beginner)",
            record=True,
        ),
        Command(
            name="service",
            short="Returns a URL to connect to a service (minikube)",
            handler="cmd_service:service",
            usage="[flags] SERVICE",
            flags=(
                bool_flag(
                    "url",
                    "",
                    "Display the Kubernetes service URL in the CLI instead of opening it in the "
                    "default browser",
                ),
            ),
            examples="  # Print a URL that reaches service http-go from this machine (starts a "
            "tunnel if none runs)\n  mkl service http-go --url\n\n"
            "  # Watch a rolling update from outside: each request may reach another ready pod\n"
            "  mkl service http-go --url &      # prints http://127.0.0.1:PORT\n"
            "  while true; do curl -s http://127.0.0.1:PORT; sleep 1; done",
            long="Returns the Kubernetes URL(s) for service(s) in your local cluster, the way "
            "minikube does with\n"
            "the Docker driver: this command starts a tunnel on 127.0.0.1, prints the URL and "
            "keeps serving\n"
            "until Ctrl-C; if another 'mkl service' already tunnels to the Service, its URL is "
            "printed at once.\n\n"
            "The tunnel goes through the Service, like kube-proxy: every new connection goes to "
            "one of the\n"
            "Service's ready endpoints at that moment, picked at random (reproducible with the "
            "cluster's\n"
            "--seed), so during a rollout the answers turn from the old version to the new one.",
            group="Simulator Commands",
        ),
        _dashboard(),
    )


def _dashboard() -> Command:
    """minikube's ``dashboard`` (issue 17): the cluster as a local web page."""
    return Command(
        name="dashboard",
        short="Access the cluster in a web page on this machine (minikube)",
        handler="cmd_dashboard:dashboard",
        usage="[flags]",
        flags=(
            int_flag(
                "port",
                "",
                "Exposed port of the dashboard. Set to 0 to pick a random port.",
                0,
            ),
            str_flag("address", "", "The IP address to serve the dashboard on", "127.0.0.1"),
            bool_flag("no-open", "", "Print the URL instead of opening it in a browser"),
            bool_flag(
                "url", "", "Display dashboard URL instead of opening a browser (the URL only)"
            ),
        ),
        examples="  # Show the cluster on the projector: opens the default browser\n"
        "  mkl dashboard\n\n"
        "  # Print the URL (with its token) and serve on a fixed port\n"
        "  mkl dashboard --port 8080 --url",
        long="Serves a web page on 127.0.0.1 that shows the namespaces, the Deployments with "
        "their ReplicaSets\n"
        "and pods (status colours, revisions, the maxSurge/maxUnavailable band during a "
        "rollout), the\n"
        "rollout timeline, recent events and the active lesson. It follows every change, "
        "whichever\n"
        "terminal made it, until Ctrl-C. The URL carries a random token: a request without it "
        "is refused.",
        group="Simulator Commands",
    )


def _run() -> Command:
    """``run``: a pod from an image (issue 14), attached with ``-i``/``-t``."""
    return Command(
        name="run",
        short="Run a particular image on the cluster",
        handler="cmd_run:run",
        usage='NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] '
        "[--command] -- [COMMAND] [args...]",
        flags=(
            SHOW_MANAGED,
            field_manager_flag("kubectl-run"),
            str_flag("image", "", "The image for the container to run."),
            list_flag("env", "", "Environment variables to set in the container."),
            str_flag("port", "", "The port that this container exposes."),
            bool_flag(
                "expose",
                "",
                "If true, create a ClusterIP service associated with the pod.  Requires `--port`.",
            ),
            str_flag(
                "labels",
                "l",
                "Comma separated labels to apply to the pod. Will override previous values.",
            ),
            list_flag("annotations", "", "Annotations to apply to the pod."),
            str_flag(
                "restart",
                "",
                "The restart policy for this Pod.  Legal values [Always, OnFailure, Never].",
            ),
            str_flag(
                "image-pull-policy",
                "",
                "The image pull policy for the container.  If left empty, this value will not be "
                "specified by the client and defaulted by the server.",
            ),
            bool_flag(
                "command",
                "",
                "If true and extra arguments are present, use them as the 'command' field in the "
                "container, rather than the 'args' field which is the default.",
            ),
            bool_flag("privileged", "", "If true, run the container in privileged mode."),
            bool_flag(
                "stdin",
                "i",
                "Keep stdin open on the container in the pod, even if nothing is attached.",
            ),
            bool_flag("tty", "t", "Allocate a TTY for the container in the pod."),
            bool_flag(
                "attach",
                "",
                "If true, wait for the Pod to start running, and then attach to the Pod as if "
                "'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in "
                "which case the default is true. With '--restart=Never' the exit code of the "
                "container process is returned.",
            ),
            bool_flag(
                "rm",
                "",
                "If true, delete the pod after it exits.  Only valid when attaching to the "
                "container, e.g. with '--attach' or with '-i/--stdin'.",
            ),
            bool_flag(
                "leave-stdin-open",
                "",
                "If the pod is started in interactive mode or with stdin, leave stdin open after "
                "the first attach completes. By default, stdin will be closed after the first "
                "attach completes.",
            ),
            bool_flag("quiet", "q", "If true, suppress prompt messages."),
            str_flag(
                "pod-running-timeout",
                "",
                "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least "
                "one pod is running",
                "1m0s",
            ),
            RECORD,
            OUTPUT,
            DRY_RUN,
        ),
        examples="  # Start a nginx pod\n  mkl run nginx --image=nginx\n\n"
        "  # Start a pod and a ClusterIP service in front of it\n"
        "  mkl run web --image=gasbugs/http-go:v1 --port=8080 --expose\n\n"
        "  # Print the pod kubectl would create, without creating it\n"
        "  mkl run nginx --image=nginx --dry-run=client -o yaml\n\n"
        "  # A throw-away shell inside the cluster, deleted when you exit it\n"
        "  mkl run -it --rm tmp --image=busybox -- sh\n\n"
        "  # Run one command and return its exit code\n"
        "  mkl run -i --rm --restart=Never probe --image=busybox -- wget -qO- http-go",
        long="Create and run a particular image in a pod.",
        group="Basic Commands (Beginner)",
        record=True,
    )


def _auth() -> Command:
    """``auth can-i`` (failures work, issue 6: insufficient permissions)."""
    return Command(
        name="auth",
        bare_help="err",
        short="Inspect authorization",
        handler="",
        usage="",
        flags=(),
        group="Troubleshooting and Debugging Commands",
        children={
            "can-i": Command(
                name="can-i",
                short="Check whether an action is allowed",
                handler="cmd_auth:can_i",
                usage="VERB [TYPE | TYPE/NAME | NONRESOURCEURL]",
                flags=(
                    bool_flag(
                        "all-namespaces",
                        "A",
                        "If true, check the specified action in all namespaces.",
                    ),
                    bool_flag(
                        "quiet", "q", "If true, suppress output and just return the exit code."
                    ),
                    str_flag("subresource", "", "SubResource such as pod/log or deployment/scale"),
                    bool_flag("list", "", "If true, prints all allowed actions."),
                    bool_flag("no-headers", "", "If true, prints allowed actions without headers"),
                ),
                examples="  # Check to see if I can create pods in any namespace\n  mkl auth "
                "can-i create pods --all-namespaces\n\n"
                "  # Check to see if user jane can patch the deployment web\n  mkl auth can-i "
                "patch deployments.apps/web --as jane\n\n"
                '  # List all allowed actions in namespace "foo"\n  mkl auth can-i --list '
                "--namespace=foo",
                long="Check whether an action is allowed.\n\n VERB is a logical Kubernetes API "
                "verb like 'get', 'list', 'watch', 'delete', etc.\n"
                " TYPE is a Kubernetes resource. Shortcuts and groups will be resolved.\n "
                'NONRESOURCEURL is a partial URL that starts with "/".\n'
                " NAME is the name of a particular Kubernetes resource.\n This command pairs "
                "nicely with impersonation. See --as global flag.",
            ),
            "whoami": Command(
                name="whoami",
                short="Experimental: Check self subject attributes",
                handler="cmd_auth:whoami",
                usage="[flags]",
                flags=(OUTPUT, *TEMPLATE),
                examples="  # Get your subject attributes\n  mkl auth whoami\n\n"
                "  # Get your subject attributes in JSON format\n  mkl auth whoami -o json",
                long="Experimental: Check who you are and your attributes (groups, extra).\n\n"
                "This command is helpful to get yourself aware of the current user attributes "
                '(mkl\'s admin "minikube", or the user and groups of --as and --as-group).',
            ),
        },
    )


WINDOWS_LINE_ENDINGS = bool_flag(
    "windows-line-endings",
    "",
    "Only relevant if --edit=true. Defaults to the line ending native to your platform.",
)


def _edit() -> Command:
    return Command(
        name="edit",
        short="Edit a resource on the server",
        handler="cmd_edit:edit",
        usage="(RESOURCE/NAME | -f FILENAME) [flags]",
        flags=(
            field_manager_flag("kubectl-edit"),
            FILENAME,
            str_flag(
                "output", "o", "Output format: yaml (default) or json, in the editor and after"
            ),
            bool_flag("output-patch", "", "Output the patch if the resource is edited."),
            RECORD,
            bool_flag(
                "save-config",
                "",
                "If true, the configuration of current object will be saved in its annotation.",
            ),
            Flag("validate", "", "str", "strict", "Field validation: strict|warn|ignore", "strict"),
            bool_flag(
                "windows-line-endings", "", "Defaults to the line ending native to your platform."
            ),
        ),
        examples="  # Edit the deployment http-go (KUBE_EDITOR, then EDITOR, then vi)\n"
        "  mkl edit deploy/http-go\n\n"
        "  # Use an alternative editor, and record the command in the rollout history\n"
        '  KUBE_EDITOR="nano" mkl edit deployment http-go --record\n\n'
        "  # Edit in JSON, and print the patch that was sent\n"
        "  mkl edit svc/http-go -o json --output-patch",
        long="Edit a resource from the default editor.\n\n"
        "The editor is KUBE_EDITOR, or EDITOR, or 'vi'. An invalid result reopens the file with "
        "the errors\nat the top; if saving fails, the file is kept and its path printed. "
        "Several objects are\nedited together as a List. The cluster is not locked while the "
        "editor is open: the edit is\napplied as a patch on the object as it is then.",
        group="Basic Commands (Intermediate)",
        record=True,
    )


def _replace() -> Command:
    return Command(
        name="replace",
        short="Replace a resource by file name or stdin",
        handler="cmd_replace:replace",
        usage="-f FILENAME",
        flags=(
            SHOW_MANAGED,
            field_manager_flag("kubectl-replace"),
            FILENAME,
            OUTPUT,
            DRY_RUN,
            RECORD,
            bool_flag("force", "", "Delete and re-create the resources (immediately)"),
            int_flag(
                "grace-period",
                "",
                "Only with --force: seconds given to the resources to terminate (ignored: "
                "they go at once)",
                -1,
            ),
            bool_flag("save-config", "", "Store the configuration in the last-applied annotation"),
        ),
        examples="  # Replace a deployment with the (complete) object in the file\n"
        "  mkl get deploy http-go -o yaml > d.yaml; mkl replace -f d.yaml\n\n"
        "  # Delete and re-create it\n  mkl replace --force -f d.yaml",
        group="Advanced Commands",
        record=True,
    )


def _diff() -> Command:
    return Command(
        name="diff",
        short="Diff the live version against a would-be applied version",
        handler="cmd_diff:diff_",
        usage="-f FILENAME",
        flags=(FILENAME,),
        examples="  # What would apply change? (exit 1 when something would)\n"
        "  mkl diff -f http-go.yaml\n\n"
        "  # With another diff program\n"
        "  KUBECTL_EXTERNAL_DIFF='diff -u --color' mkl diff -f d.yaml",
        group="Advanced Commands",
    )


def _wait() -> Command:
    return Command(
        name="wait",
        short="Wait for a specific condition on one or many resources",
        handler="cmd_wait:wait",
        usage="([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | "
        "--all)]) [--for=create|--for=delete|--for condition=available|"
        "--for=jsonpath='{}'[=value]] [flags]",
        flags=(
            list_flag(
                "for",
                "",
                "The condition to wait on: [create|delete|condition=condition-name[=condition-"
                "value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default "
                "condition-value is true. Several are AND'ed in order; create is waited first.",
            ),
            str_flag(
                "timeout",
                "",
                "The length of time to wait before giving up. Zero means check once and don't "
                "wait, negative means wait for a week (wall time on a real clock, simulated "
                "time on a manual one).",
                "30s",
            ),
            SELECTOR,
            bool_flag("all", "", "Select all resources in the namespace of the specified types"),
            ALL_NS,
            FILENAME,
            OUTPUT,
        ),
        examples="  # Wait for the deployment http-go to be available\n"
        "  mkl wait --for=condition=Available deployment/http-go\n\n"
        "  # Wait for every pod of the app to be ready, for at most 60s\n"
        "  mkl wait --for=condition=Ready pod -l app=http-go --timeout=60s\n\n"
        "  # Wait for a field to have a value\n"
        "  mkl wait --for=jsonpath='{.status.readyReplicas}'=3 deploy/http-go\n\n"
        "  # Wait for a pod to be gone after deleting it\n"
        "  mkl wait --for=delete pod/busybox1 --timeout=60s",
        long="Wait for a specific condition on one or many resources.\n\n"
        "A manual clock is fast-forwarded until the condition holds or the timeout's simulated "
        "time has passed;\na real clock is waited on (the state is locked only for each look).",
        group="Advanced Commands",
    )


# kubectl's AddTemplateFlags (printers for -o go-template, on get)
TEMPLATE = (
    str_flag(
        "template",
        "",
        "Template string or path to template file to use when -o=go-template, "
        "-o=go-template-file. The template format is golang templates "
        "[http://golang.org/pkg/text/template/#pkg-overview].",
    ),
    bool_flag(
        "allow-missing-template-keys",
        "",
        "If true, ignore any errors in templates when a field or map key is missing in the "
        "template. Only applies to golang and jsonpath output formats.",
        default=True,
    ),
)


def build() -> Command:
    """The command tree (built once per process, cheaply)."""
    get = Command(
        name="get",
        short="Display one or many resources",
        handler="cmd_get:get",
        usage="[(-o|--output=)json|yaml|name|wide|custom-columns=...|jsonpath=...|"
        "go-template=...] "
        "(TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) "
        "[flags]",
        flags=(
            OUTPUT,
            *TEMPLATE,
            SHOW_MANAGED,
            SELECTOR,
            ALL_NS,
            bool_flag(
                "watch", "w", "After listing/getting the requested object, watch for changes."
            ),
            bool_flag(
                "watch-only",
                "",
                "Watch for changes to the requested object(s), without listing/getting first.",
            ),
            bool_flag(
                "output-watch-events",
                "",
                "Output watch event objects when --watch or --watch-only is used. Existing "
                "objects are output as initial ADDED events.",
            ),
            bool_flag("show-labels", "", "When printing, show all labels as the last column"),
            bool_flag(
                "no-headers",
                "",
                "When using the default or custom-column output format, don't print headers",
            ),
            FILENAME,
            str_flag(
                "timeout",
                "",
                "With -w: stop watching after this much wall-clock time (0 or unset: until Ctrl-C)",
            ),
            str_flag(
                "sort-by",
                "",
                "Sort list types using this field specification (a JSONPath expression)",
            ),
            FIELD_SELECTOR,
            list_flag(
                "label-columns",
                "L",
                "Accepts a comma separated list of labels that are going to be presented as "
                "columns. Names are case-sensitive. You can also use multiple flag options like "
                "-L label1 -L label2...",
            ),
            IGNORE_NOT_FOUND,
            bool_flag(
                "show-kind", "", "If present, list the resource type for the requested object(s)."
            ),
            int_flag(
                "chunk-size",
                "",
                "Return large lists in chunks rather than all at once. Pass 0 to disable "
                "(accepted; lists are never chunked).",
                500,
            ),
        ),
        examples="  # List all pods in ps output format\n  mkl get pods\n\n"
        "  # List deployments with more information\n  mkl get deploy -o wide\n\n"
        "  # List a single deployment in JSON\n  mkl get deployment http-go -o json\n\n"
        "  # List pods, services and deployments together\n  mkl get all\n\n"
        "  # Print the image of a deployment\n  mkl get deploy http-go -o "
        "jsonpath='{.spec.template.spec.containers[0].image}'",
        group="Basic Commands (Beginner)",
    )
    create = Command(
        name="create",
        short="Create a resource from a file or from stdin",
        handler="cmd_create:create",
        usage="-f FILENAME [flags]",
        flags=(
            SHOW_MANAGED,
            field_manager_flag("kubectl-create"),
            FILENAME,
            RECORD,
            OUTPUT,
            DRY_RUN,
            bool_flag("save-config", "", "Store the configuration in the last-applied annotation"),
            Flag("validate", "", "str", "strict", "Field validation: strict|warn|ignore", "strict"),
            bool_flag("edit", "", "Edit the API resource before creating"),
            WINDOWS_LINE_ENDINGS,
        ),
        examples="  # Create a deployment using the data in http-go.yaml\n  mkl create -f "
        "http-go.yaml --record\n\n"
        "  # Create from stdin\n  cat pod.json | mkl create -f -",
        group="Basic Commands (Beginner)",
        record=True,
        children={
            "namespace": Command(
                name="namespace",
                short="Create a namespace with the specified name",
                handler="cmd_create:namespace",
                usage="NAME [--dry-run=server|client|none] [flags]",
                flags=(OUTPUT, DRY_RUN, *GENERATOR_FLAGS),
                examples="  # Create a new namespace named my-namespace\n  mkl create namespace "
                "my-namespace",
                aliases=("ns",),
            ),
            "deployment": Command(
                name="deployment",
                short="Create a deployment with the specified name",
                handler="cmd_create:deployment",
                usage="NAME --image=image -- [COMMAND] [args...] [flags]",
                flags=(
                    slice_flag("image", "", "Image names to run"),
                    int_flag("replicas", "r", "Number of replicas to create", 1),
                    int_flag("port", "", "The containerPort that this deployment exposes", -1),
                    OUTPUT,
                    DRY_RUN,
                    *GENERATOR_FLAGS,
                ),
                examples="  # Create a deployment named http-go that runs gasbugs/http-go:v1 "
                "with 3 replicas\n"
                "  mkl create deployment http-go --image=gasbugs/http-go:v1 --replicas=3",
                aliases=("deploy",),
            ),
            "service": Command(
                name="service",
                short="Create a service using a specified subcommand",
                handler="",
                usage="",
                flags=(),
                children={
                    "clusterip": Command(
                        name="clusterip",
                        short="Create a ClusterIP service",
                        handler="cmd_create:service_clusterip",
                        usage="NAME [--tcp=<port>:<targetPort>] [flags]",
                        flags=(
                            slice_flag(
                                "tcp", "", "Port pairs can be specified as '<port>:<targetPort>'"
                            ),
                            str_flag("clusterip", "", "Assign your own ClusterIP or set to 'None'"),
                            OUTPUT,
                            DRY_RUN,
                            *GENERATOR_FLAGS,
                        ),
                        examples="  # Create a new ClusterIP service named my-cs\n  mkl create "
                        "service clusterip my-cs --tcp=5678:8080",
                    ),
                    "nodeport": Command(
                        name="nodeport",
                        short="Create a NodePort service",
                        handler="cmd_create:service_nodeport",
                        usage="NAME [--tcp=port:targetPort] [flags]",
                        flags=(
                            slice_flag(
                                "tcp", "", "Port pairs can be specified as '<port>:<targetPort>'"
                            ),
                            int_flag(
                                "node-port",
                                "",
                                "Port used to expose the service on each node in a cluster",
                                0,
                            ),
                            OUTPUT,
                            DRY_RUN,
                            *GENERATOR_FLAGS,
                        ),
                        examples="  # Create a new NodePort service named my-ns\n  mkl create "
                        "service nodeport my-ns --tcp=5678:8080",
                    ),
                },
                aliases=("svc",),
            ),
        },
    )
    root = Command(name="mkl", short="minikube-lite: kubectl over a simulated cluster", children={})
    for c in (
        create,
        Command(
            name="apply",
            short="Apply a configuration to a resource by file name or stdin",
            handler="cmd_create:apply",
            usage="(-f FILENAME) [flags]",
            flags=(
                FILENAME,
                RECORD,
                OUTPUT,
                DRY_RUN,
                SHOW_MANAGED,
                field_manager_flag("kubectl-client-side-apply"),
            ),
            examples="  # Apply the configuration in http-go.yaml\n  mkl apply -f http-go.yaml",
            group="Advanced Commands",
            record=True,
            children={
                "view-last-applied": Command(
                    name="view-last-applied",
                    short="View the latest last-applied-configuration annotations of a "
                    "resource/object",
                    handler="cmd_view_last_applied:view_last_applied",
                    usage="(TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)",
                    flags=(
                        str_flag("output", "o", "Output format. Must be one of (yaml, json)"),
                        bool_flag(
                            "all", "", "Select all resources in the namespace of the given types"
                        ),
                        FILENAME,
                        SELECTOR,
                    ),
                    examples="  # What the last apply of deploy/http-go sent, as YAML\n"
                    "  mkl apply view-last-applied deploy/http-go\n\n"
                    "  # As JSON\n  mkl apply view-last-applied -f http-go.yaml -o json",
                ),
                "edit-last-applied": Command(
                    name="edit-last-applied",
                    short="Edit latest last-applied-configuration annotations of a resource/object",
                    handler="cmd_edit:edit_last_applied",
                    usage="(RESOURCE/NAME | -f FILENAME)",
                    flags=(
                        FILENAME,
                        SELECTOR,
                        str_flag("output", "o", "Output format: yaml (default) or json"),
                        SHOW_MANAGED,
                        field_manager_flag("kubectl-client-side-apply"),
                        Flag(
                            "validate",
                            "",
                            "str",
                            "strict",
                            "Must be one of: strict (or true), warn, ignore (or false).",
                            "strict",
                        ),
                        bool_flag(
                            "windows-line-endings",
                            "",
                            "Defaults to the line ending native to your platform.",
                        ),
                    ),
                    examples="  # Edit the last-applied-configuration annotations by type/name "
                    "in YAML\n  mkl apply edit-last-applied deployment/nginx\n\n"
                    "  # Edit the last-applied-configuration annotations by file in JSON\n"
                    "  mkl apply edit-last-applied -f deploy.yaml -o json",
                ),
            },
        ),
        get,
        _edit(),
        _wait(),
        _replace(),
        _diff(),
        Command(
            name="describe",
            short="Show details of a specific resource or group of resources",
            handler="cmd_describe:describe",
            usage="(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [flags]",
            flags=(
                FILENAME,
                SELECTOR,
                ALL_NS,
                Flag(
                    "show-events",
                    "",
                    "bool",
                    True,
                    "If true, display events related to the described object.",
                    "true",
                ),
            ),
            examples="  # Describe a deployment\n  mkl describe deployment http-go\n\n  # "
            "Describe all pods of a deployment (name prefix)\n  mkl describe pods "
            "http-go",
            group="Troubleshooting and Debugging Commands",
        ),
        Command(
            name="delete",
            short="Delete resources by file names, stdin, resources and names, or by resources "
            "and label selector",
            handler="cmd_delete:delete",
            usage="([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [flags]",
            flags=(
                FILENAME,
                SELECTOR,
                bool_flag(
                    "all",
                    "",
                    "Delete all resources, in the namespace of the specified resource types.",
                ),
                ALL_NS,
                int_flag(
                    "grace-period",
                    "",
                    "Period of time in seconds given to the resource to terminate gracefully.",
                    -1,
                ),
                bool_flag("force", "", "Immediately remove resources from API"),
                bool_flag("now", "", "Signal resources for immediate shutdown (grace period 1)"),
                bool_flag(
                    "ignore-not-found",
                    "",
                    'Treat "resource not found" as a successful delete. Defaults to "true" when '
                    "--all is specified.",
                ),
                DRY_RUN,
                str_flag(
                    "output", "o", 'Output mode. Use "-o name" for shorter output (resource/name).'
                ),
                Flag(
                    "wait",
                    "",
                    "bool",
                    True,
                    "If true, wait for resources to be gone before returning. This waits for "
                    "finalizers (a manual clock is fast-forwarded).",
                    "true",
                ),
                Flag(
                    "cascade",
                    "",
                    "str",
                    "background",
                    'Must be "background", "orphan", or "foreground". Selects the deletion '
                    "cascading strategy for the dependents (e.g. Pods created by a "
                    "ReplicationController). Defaults to background.",
                    "background",
                ),
                FIELD_SELECTOR,
                str_flag(
                    "timeout",
                    "",
                    "The length of time to wait before giving up on a delete, zero means wait "
                    "a week (simulated time on a manual clock)",
                ),
            ),
            examples="  # Delete a deployment\n  mkl delete deployment http-go\n\n  # Delete "
            "pods with label app=http-go\n  mkl delete pods -l app=http-go",
            group="Basic Commands (Intermediate)",
        ),
        Command(
            name="set",
            bare_help="err",
            short="Set specific features on objects",
            handler="",
            usage="",
            flags=(),
            group="Basic Commands (Intermediate)",
            children={
                "image": Command(
                    name="image",
                    short="Update the image of a pod template",
                    handler="cmd_set:image",
                    usage="(-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... "
                    "CONTAINER_NAME_N=CONTAINER_IMAGE_N [flags]",
                    flags=(
                        SHOW_MANAGED,
                        field_manager_flag("kubectl-set"),
                        FILENAME,
                        RECORD,
                        SELECTOR,
                        bool_flag("all", "", "Select all resources in the namespace"),
                        bool_flag(
                            "local", "", "Set image will NOT contact api-server but run locally."
                        ),
                        OUTPUT,
                        DRY_RUN,
                    ),
                    examples="  # Set the http-go container image of deployment http-go to v2\n  "
                    "mkl set image deployment http-go http-go=gasbugs/http-go:v2\n\n"
                    "  # Update all containers' images\n  mkl set image deployment/http-go "
                    "*=gasbugs/http-go:v3",
                    record=True,
                ),
                "env": Command(
                    name="env",
                    short="Update environment variables on a pod template",
                    handler="cmd_set:env",
                    usage="RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [flags]",
                    flags=(
                        SHOW_MANAGED,
                        field_manager_flag("kubectl-set"),
                        FILENAME,
                        str_flag(
                            "containers",
                            "c",
                            "The names of containers in the selected pod templates to change - "
                            "may use wildcards",
                            "*",
                        ),
                        list_flag(
                            "env",
                            "e",
                            "Specify a key-value pair for an environment variable to set into "
                            "each container.",
                        ),
                        bool_flag(
                            "overwrite",
                            "",
                            "If true, allow environment to be overwritten, otherwise reject "
                            "updates that overwrite existing environment.",
                            True,
                        ),
                        bool_flag(
                            "all",
                            "",
                            "If true, select all resources in the namespace of the specified "
                            "resource types",
                        ),
                        SELECTOR,
                        bool_flag(
                            "local",
                            "",
                            "If true, set env will NOT contact api-server but run locally.",
                        ),
                        OUTPUT,
                        DRY_RUN,
                    ),
                    examples="  # Update deployment 'registry' with a new environment variable\n "
                    " mkl set env deployment/registry STORAGE_DIR=/local\n\n"
                    "  # Remove the environment variable ENV from container 'c1' in all "
                    'deployments\n  mkl set env deployments --all --containers="c1" ENV-',
                ),
                "selector": Command(
                    name="selector",
                    short="Set the selector on a resource",
                    handler="cmd_set:selector",
                    usage="(-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version]",
                    flags=(
                        SHOW_MANAGED,
                        field_manager_flag("kubectl-set"),
                        FILENAME,
                        bool_flag(
                            "all",
                            "",
                            "Select all resources in the namespace of the specified resource types",
                        ),
                        bool_flag(
                            "local",
                            "",
                            "If true, annotation will NOT contact api-server but run locally.",
                        ),
                        str_flag(
                            "resource-version",
                            "",
                            "If non-empty, the selectors update will only succeed if this is the "
                            "current resource-version for the object. Only valid when specifying "
                            "a single resource.",
                        ),
                        RECORD,
                        OUTPUT,
                        DRY_RUN,
                    ),
                    examples="  # Send the Service's traffic to the green pods\n  mkl set selector "
                    "service http-go 'app=http-go,version=green'\n\n"
                    "  # Set the selector before creating a service\n  mkl create service "
                    "clusterip my-svc --tcp=80 -o yaml --dry-run=client | mkl set selector "
                    "--local -f - 'environment=qa' -o yaml | mkl create -f -",
                    long="Set the selector on a resource. Note that the new selector will "
                    "overwrite the old selector if the resource had one prior to the "
                    "invocation of 'set selector'.\n\n"
                    "A selector must begin with a letter or number, and may contain letters, "
                    "numbers, hyphens, dots, and underscores, up to 63 characters. If "
                    "--resource-version is specified, then updates will use this resource "
                    "version, otherwise the existing resource-version will be used. Note: "
                    "currently selectors can only be set on Service objects.",
                    record=True,
                ),
            },
        ),
        Command(
            name="patch",
            short="Update fields of a resource",
            handler="cmd_patch:patch",
            usage="(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [flags]",
            flags=(
                SHOW_MANAGED,
                field_manager_flag("kubectl-patch"),
                FILENAME,
                str_flag("patch", "p", "The patch to be applied to the resource JSON file."),
                str_flag(
                    "patch-file", "", "A file containing a patch to be applied to the resource."
                ),
                str_flag(
                    "type",
                    "",
                    "The type of patch being provided; one of [json merge strategic]",
                    "strategic",
                ),
                RECORD,
                bool_flag(
                    "local",
                    "",
                    "If true, patch will operate on the content of the file, not the server-side "
                    "resource.",
                ),
                OUTPUT,
                DRY_RUN,
            ),
            examples="  # Slow the rollout down so it can be watched\n  mkl patch deployment "
            'http-go -p \'{"spec": {"minReadySeconds": 10}}\'\n\n'
            '  # JSON patch\n  mkl patch deploy http-go --type=json -p=\'[{"op": "replace", '
            '"path": "/spec/replicas", "value": 4}]\'',
            group="Advanced Commands",
            record=True,
        ),
        Command(
            name="annotate",
            short="Update the annotations on a resource",
            handler="cmd_meta:annotate",
            usage="[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [flags]",
            flags=(
                SHOW_MANAGED,
                field_manager_flag("kubectl-annotate"),
                FILENAME,
                bool_flag(
                    "overwrite",
                    "",
                    "If true, allow annotations to be overwritten, otherwise reject annotation "
                    "updates that overwrite existing annotations.",
                ),
                bool_flag(
                    "all",
                    "",
                    "Select all resources, in the namespace of the specified resource types.",
                ),
                SELECTOR,
                bool_flag(
                    "local", "", "If true, annotation will NOT contact api-server but run locally."
                ),
                RECORD,
                OUTPUT,
                DRY_RUN,
            ),
            examples="  # Record why a rollout happened (the modern --record)\n  mkl annotate "
            'deployment/http-go kubernetes.io/change-cause="image updated to v2"',
            group="Settings Commands",
            record=True,
        ),
        Command(
            name="label",
            short="Update the labels on a resource",
            handler="cmd_meta:label",
            usage="[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [flags]",
            flags=(
                SHOW_MANAGED,
                field_manager_flag("kubectl-label"),
                FILENAME,
                bool_flag(
                    "overwrite",
                    "",
                    "If true, allow labels to be overwritten, otherwise reject label updates "
                    "that overwrite existing labels.",
                ),
                bool_flag(
                    "all",
                    "",
                    "Select all resources, in the namespace of the specified resource types",
                ),
                SELECTOR,
                bool_flag(
                    "local", "", "If true, label will NOT contact api-server but run locally."
                ),
                RECORD,
                OUTPUT,
                DRY_RUN,
            ),
            examples="  # Label a deployment\n  mkl label deployment http-go tier=web",
            group="Settings Commands",
            record=True,
        ),
        Command(
            name="scale",
            short="Set a new size for a deployment, replica set, or replication controller",
            handler="cmd_scale:scale",
            usage="[--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)",
            flags=(
                FILENAME,
                int_flag("replicas", "", "The new desired number of replicas. Required.", -1),
                int_flag("current-replicas", "", "Precondition for current size.", -1),
                SELECTOR,
                bool_flag("all", "", "Select all resources in the namespace"),
                RECORD,
                OUTPUT,
                DRY_RUN,
            ),
            examples="  # Scale deployment http-go to 5 replicas\n  mkl scale --replicas=5 "
            "deployment/http-go",
            group="Deploy Commands",
            record=True,
        ),
        Command(
            name="autoscale",
            short="Auto-scale a deployment, replica set, stateful set, or replication controller",
            handler="cmd_autoscale:autoscale",
            usage="(-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS "
            "[--cpu=CPU] [--memory=MEMORY]",
            flags=(
                FILENAME,
                int_flag(
                    "min",
                    "",
                    "The lower limit for the number of pods that can be set by the autoscaler. "
                    "If it's not specified or negative, the server will apply a default value.",
                    -1,
                ),
                int_flag(
                    "max",
                    "",
                    "The upper limit for the number of pods that can be set by the autoscaler. "
                    "Required.",
                    -1,
                ),
                int_flag(
                    "cpu-percent",
                    "",
                    "The target average CPU utilization (deprecated: use --cpu)",
                    -1,
                ),
                str_flag(
                    "cpu",
                    "",
                    "Target CPU utilization over all the pods: a percentage (70%) targets average "
                    "utilization, a quantity (500m) average value; a bare number is milliCPU.",
                ),
                str_flag(
                    "memory",
                    "",
                    "Target memory utilization over all the pods: a percentage (60%) or a "
                    "quantity (200Mi); a bare number is mebibytes.",
                ),
                str_flag(
                    "name",
                    "",
                    "The name for the newly created object. If not specified, the name of the "
                    "input resource will be used.",
                ),
                bool_flag(
                    "save-config",
                    "",
                    "If true, the configuration of current object will be saved in its annotation.",
                ),
                field_manager_flag("kubectl-autoscale"),
                SHOW_MANAGED,
                RECORD,
                OUTPUT,
                DRY_RUN,
            ),
            examples="  # Keep deployment http-go between 2 and 10 pods, targeting 80% CPU\n"
            "  mkl autoscale deployment http-go --min=2 --max=10 --cpu=80%\n\n"
            "  # Auto scale a replication controller, at most 5 pods\n"
            "  mkl autoscale rc http-go-v1 --max=5",
            group="Deploy Commands",
            record=True,
        ),
        _rollout(),
        *_traffic(),
        _run(),
        _auth(),
        _lesson(),
        Command(
            name="cluster",
            short="Manage the simulated cluster (minikube-lite only)",
            handler="",
            usage="",
            flags=(),
            group="Simulator Commands",
            children={
                "start": Command(
                    name="start",
                    short="Create the cluster (idempotent)",
                    handler="cmd_cluster:start",
                    usage="[--clock real|manual] [--speed X] [--seed N]",
                    flags=(
                        str_flag(
                            "clock",
                            "",
                            "Clock mode: real (follows wall time x speed) or manual (moves only "
                            "with 'mkl clock advance')",
                            "real",
                        ),
                        str_flag(
                            "speed", "", "Simulated seconds per wall second (real clock)", "1"
                        ),
                        int_flag("seed", "", "Seed for every generated value", None),
                    ),
                    examples="  # A deterministic cluster for a lesson or a test\n  mkl cluster "
                    "start --clock manual --seed 7",
                ),
                "status": Command(
                    name="status",
                    short="Show the cluster's status",
                    handler="cmd_cluster:status",
                    usage="",
                    flags=(),
                    examples="  mkl cluster status",
                ),
                "delete": Command(
                    name="delete",
                    short="Delete the cluster and its state file",
                    handler="cmd_cluster:delete_",
                    usage="",
                    flags=(),
                    examples="  mkl cluster delete",
                ),
                "reset": Command(
                    name="reset",
                    short="Delete and start again with the same settings",
                    handler="cmd_cluster:reset",
                    usage="",
                    flags=(),
                    examples="  mkl cluster reset",
                ),
                "export": Command(
                    name="export",
                    short="Write the whole cluster as one JSON or YAML document",
                    handler="cmd_cluster:export",
                    usage="",
                    flags=(
                        str_flag("output", "o", "The file to write (default: standard output)"),
                        str_flag("format", "", "json or yaml (default: by the file's extension)"),
                    ),
                    examples="  # Hand out a cluster: every object, the clock, what is due next\n"
                    "  mkl cluster export -o rollout-stuck.json\n\n"
                    "  # Read it\n  mkl cluster export --format yaml | less",
                ),
                "import": Command(
                    name="import",
                    short="Restore a cluster written by 'cluster export'",
                    handler="cmd_cluster:import_",
                    usage="FILE",
                    flags=(bool_flag("force", "", "Replace the profile if it exists"),),
                    examples="  # Each student gets the teacher's cluster as their own profile\n"
                    "  mkl cluster import rollout-stuck.json --profile exercise-1",
                ),
            },
        ),
        Command(
            name="clock",
            short="Show simulated time (minikube-lite only)",
            handler="cmd_clock:show",
            usage="",
            flags=(),
            examples="  # Show simulated now\n  mkl clock\n\n  # Jump ahead ten minutes, running "
            "everything due on the way\n  mkl clock advance 10m",
            group="Simulator Commands",
            children={
                "advance": Command(
                    name="advance",
                    short="Move simulated time forward",
                    handler="cmd_clock:advance",
                    usage="DURATION",
                    flags=(),
                    examples="  mkl clock advance 30s\n  mkl clock advance 1h30m",
                ),
            },
        ),
        Command(
            name="serve",
            short="Serve the cluster's Kubernetes API for the real kubectl (minikube-lite only)",
            handler="cmd_serve:serve",
            usage="[--port N] [--address 127.0.0.1] [--merge-kubeconfig]",
            flags=(
                int_flag("port", "", "Port to listen on (0: a free port)", 8443),
                str_flag("address", "", "Address to listen on", "127.0.0.1"),
                bool_flag(
                    "merge-kubeconfig",
                    "",
                    "Also merge the context into $KUBECONFIG or ~/.kube/config and make it current",
                ),
                bool_flag("verbose", "v", "Log every request on standard error"),
            ),
            examples="  # Serve on a free port, then use the real kubectl\n"
            "  mkl serve --port 0 &\n  export KUBECONFIG=$MKL_HOME/kubeconfig\n"
            "  kubectl get pods\n\n"
            "  # As minikube does: make it the current context of ~/.kube/config\n"
            "  mkl serve --merge-kubeconfig",
            group="Simulator Commands",
        ),
        Command(
            name="image",
            short="Manage the simulated registry's images (minikube-lite only)",
            handler="",
            usage="",
            flags=(),
            group="Simulator Commands",
            children={
                "ls": Command(
                    name="ls",
                    short="List the images the simulated registry serves",
                    handler="cmd_image:ls",
                    usage="[REPOSITORY|IMAGE|PATTERN...] [-o name|json]",
                    flags=(OUTPUT,),
                    examples="  # Which images can pods pull, and which are cached on the "
                    "node?\n  mkl image ls\n\n"
                    "  # Every tag of one repository, or the tags a pattern matches\n"
                    "  mkl image ls nginx\n  mkl image ls 'nginx:1.27*'",
                    aliases=("list",),
                ),
                "add": Command(
                    name="add",
                    short="Add your own image with a behaviour profile",
                    handler="cmd_image:add",
                    usage="IMAGE [--http-port N --body TEXT --path /] [--startup-seconds S] "
                    "[--exit-after S --exit-code N] [--require-env VAR] [--from-file "
                    "PROFILE]",
                    flags=(
                        int_flag("http-port", "", "Port the image serves HTTP on"),
                        str_flag(
                            "body", "", "Body answered on --path (may use {tag}, {hostname}, {now})"
                        ),
                        str_flag("path", "", "Path the body is served on", "/"),
                        str_flag("startup-seconds", "", "Seconds before the ports answer"),
                        str_flag(
                            "exit-after", "", "The process exits by itself after this many seconds"
                        ),
                        str_flag("exit-code", "", "Exit code when it does", None),
                        list_flag(
                            "require-env",
                            "",
                            "An environment variable the image needs (else it exits 1)",
                        ),
                        bool_flag("shell", "", "The image has /bin/sh"),
                        str_flag("size", "", "Image size in bytes (the Pulled event)"),
                        str_flag(
                            "from-file",
                            "",
                            "A JSON/YAML profile (fields as in minikube_lite/data/images.json)",
                        ),
                    ),
                    examples="  # An app that says hello on 8080\n  mkl image add "
                    "myorg/hello:1.0 --http-port 8080 --body 'hello v1'\n\n"
                    "  # A broken build that crashes after 5 s\n  mkl image add myorg/hello:1.1 "
                    "--exit-after 5 --exit-code 2",
                ),
                "rm": Command(
                    name="rm",
                    short="Remove an image you added",
                    handler="cmd_image:rm",
                    usage="IMAGE",
                    flags=(),
                    examples="  mkl image rm myorg/hello:1.0",
                ),
            },
        ),
        Command(
            name="config",
            bare_help="err",
            short="Modify kubeconfig files",
            handler="",
            usage="",
            flags=(),
            group="Settings Commands",
            children={
                "view": Command(
                    name="view",
                    short="Display merged kubeconfig settings",
                    handler="cmd_config:view",
                    usage="",
                    flags=(
                        OUTPUT,
                        bool_flag(
                            "minify",
                            "",
                            "Remove all information not used by current-context from the output "
                            "(the only context mkl has)",
                        ),
                        bool_flag("flatten", "", "Flatten the resulting kubeconfig file"),
                        bool_flag("raw", "", "Display raw byte data and sensitive data"),
                    ),
                    examples="  mkl config view\n\n  # The current context's namespace\n  mkl "
                    "config view --minify -o jsonpath='{..namespace}'",
                ),
                "get-contexts": Command(
                    name="get-contexts",
                    short="Describe one or many contexts",
                    handler="cmd_config:get_contexts",
                    usage="[(-o|--output=)name)]",
                    flags=(OUTPUT, bool_flag("no-headers", "", "don't print headers")),
                    examples="  mkl config get-contexts",
                ),
                "current-context": Command(
                    name="current-context",
                    short="Display the current-context",
                    handler="cmd_config:current_context",
                    usage="",
                    flags=(),
                    examples="  mkl config current-context",
                ),
                "use-context": Command(
                    name="use-context",
                    short="Set the current-context in a kubeconfig file",
                    handler="cmd_config:use_context",
                    usage="CONTEXT_NAME",
                    flags=(),
                    aliases=("use",),
                    examples="  # Use the context of this profile\n  mkl config use-context "
                    "minikube",
                    long="Set the current-context in a kubeconfig file.\n\nminikube-lite has "
                    "one context per profile, named after it; another profile's context\nis "
                    "chosen with --profile NAME or MKL_PROFILE=NAME.",
                ),
                "set-context": Command(
                    name="set-context",
                    short="Set a context entry in kubeconfig",
                    handler="cmd_config:set_context",
                    usage="[NAME | --current] [--namespace=namespace]",
                    flags=(bool_flag("current", "", "Modify the current context"),),
                    examples="  # Work in namespace dev from now on\n  mkl config set-context "
                    "--current --namespace=dev",
                ),
            },
        ),
        Command(
            name="explain",
            short="Get documentation for a resource",
            handler="cmd_explain:explain",
            usage="TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] "
            "[-o|--output=plaintext|plaintext-openapiv2]",
            flags=(
                bool_flag(
                    "recursive", "R", "Print the fields of fields (nested fields, indented)."
                ),
                str_flag(
                    "api-version",
                    "",
                    "Use given api-version (group/version) of the resource; mkl serves one per "
                    "kind.",
                ),
                str_flag(
                    "output",
                    "o",
                    "Format in which to render the schema (plaintext, plaintext-openapiv2).",
                    "plaintext",
                ),
            ),
            examples="  # Get the documentation of the resource and its fields\n  mkl explain "
            "pods\n\n"
            "  # Get the documentation of a specific field of a resource\n  mkl explain "
            "pods.spec.containers\n\n"
            "  # All the fields of a rollout strategy, nested\n  mkl explain "
            "deployment.spec.strategy --recursive",
            long="Describe fields and structure of the kinds mkl serves.\n\nFields are "
            "identified via a simple JSONPath identifier: <type>.<fieldName>[.<fieldName>].\n"
            "The descriptions are minikube-lite's own short ones, written for learners.",
            group="Basic Commands (Intermediate)",
        ),
        Command(
            name="events",
            short="List events",
            handler="cmd_events:events_",
            usage="[(-o|--output=)json|yaml|kyaml|name|go-template|go-template-file|template|"
            "templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] "
            "[--types=Normal,Warning]",
            flags=(
                OUTPUT,
                SHOW_MANAGED,
                *TEMPLATE,
                bool_flag(
                    "all-namespaces",
                    "A",
                    "If present, list the requested object(s) across all namespaces. Namespace "
                    "in current context is ignored even if specified with --namespace.",
                ),
                str_flag(
                    "for", "", "Filter events to only those pertaining to the specified resource."
                ),
                list_flag("types", "", "Output only events of given types."),
                bool_flag(
                    "watch", "w", "After listing the requested events, watch for more events."
                ),
                bool_flag(
                    "no-headers", "", "When using the default output format, don't print headers."
                ),
                int_flag(
                    "chunk-size",
                    "",
                    "Return large lists in chunks rather than all at once (no effect in mkl).",
                    500,
                ),
            ),
            examples="  # List recent events in the default namespace\n  mkl events\n\n"
            "  # List recent events in all namespaces\n  mkl events --all-namespaces\n\n"
            "  # List recent events for the specified pod\n  mkl events --for pod/web-pod-13je7\n\n"
            "  # List only warnings\n  mkl events --types=Warning\n\n"
            "  # List recent events in YAML format\n  mkl events -oyaml",
            long="Display events.\n\nPrints a table of the most important information about "
            "events, oldest first. You can request events for a namespace, for all namespaces, "
            "or filtered to only those pertaining to a specified resource.",
            group="Troubleshooting and Debugging Commands",
        ),
        _cluster_info(),
        _top(),
        *_node_commands(),
        Command(
            name="api-resources",
            short="Print the supported API resources on the server",
            handler="cmd_info:api_resources",
            usage="[flags]",
            flags=(
                OUTPUT,
                bool_flag(
                    "namespaced", "", "If false, non-namespaced resources will be returned", True
                ),
                bool_flag("no-headers", "", "don't print headers"),
            ),
            examples="  mkl api-resources",
            group="Other Commands",
        ),
        Command(
            name="api-versions",
            short='Print the supported API versions on the server, in the form of "group/version"',
            handler="cmd_info:api_versions",
            usage="[flags]",
            flags=(),
            examples="  # Print the supported API versions\n  mkl api-versions",
            group="Other Commands",
        ),
        Command(
            name="version",
            short="Print the client and server version information",
            handler="cmd_info:version",
            usage="[flags]",
            flags=(bool_flag("client", "", "If true, shows client version only"), OUTPUT),
            examples="  mkl version",
            group="Other Commands",
        ),
        Command(
            name="alias",
            short="Output a shell function that runs minikube-lite under another name, with "
            "completion",
            handler="cmd_info:alias",
            usage="NAME [--shell bash|zsh] [flags]",
            flags=(
                str_flag("shell", "", "bash or zsh (default: the basename of $SHELL, else bash)"),
            ),
            examples="  # Type kubectl in this shell and get mkl, with TAB completion of names\n"
            '  eval "$(mkl alias kubectl)"\n\n'
            "  # ... in every new shell\n"
            "  echo 'eval \"$(mkl alias kubectl)\"' >> ~/.bashrc",
            long="Output a shell function NAME that runs mkl with MKL_PROG=NAME, so messages and\n"
            "--record change-causes say the name you typed, and the completion for it (bash,\n"
            "zsh, after compinit): commands, flags, resource types, object names and namespaces.",
            group="Settings Commands",
        ),
        Command(
            name="completion",
            short="Output shell completion code for the specified shell (bash, zsh, fish)",
            handler="cmd_info:completion",
            usage="SHELL",
            flags=(),
            examples="  # Load completion into the current bash shell\n  source <(mkl completion "
            "bash)",
            group="Settings Commands",
        ),
    ):
        root.children[c.name] = c
    _lazy_rows(root)
    return root
