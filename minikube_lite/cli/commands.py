"""Every command: words, flags, help and examples.  Handlers are imported only when run."""

from __future__ import annotations

from minikube_lite.cli.spec import Command, Flag, b, i, lst, s

GLOBAL_FLAGS: tuple[Flag, ...] = (
    s("namespace", "n", "If present, the namespace scope for this CLI request", metavar="NS"),
    s(
        "profile",
        "",
        "The minikube-lite profile (cluster) to use; default $MKL_PROFILE or 'minikube'",
    ),
    s("as", "", "Username to impersonate for the operation"),
    lst("as-group", "", "Group to impersonate for the operation, this flag can be repeated"),
    b("help", "h", "help for this command"),
)

FILENAME = lst("filename", "f", "Filename, directory, or '-' (stdin) of the manifests to use")
RECORD = b("record", "", "Record current kubectl command in the resource annotation (deprecated)")
OUTPUT = s("output", "o", "Output format: json|yaml|name|wide|jsonpath=...|custom-columns=...")
SELECTOR = s(
    "selector", "l", "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'"
)
DRY_RUN = Flag("dry-run", "", "str", "none", 'Must be "none", "server", or "client"', "unchanged")
ALL_NS = b("all-namespaces", "A", "List the requested object(s) across all namespaces")


def _rollout() -> Command:
    res = "(TYPE NAME | TYPE/NAME) [flags]"
    return Command(
        "rollout",
        "Manage the rollout of a resource",
        long="Manage the rollout of one or many resources: deployments.",
        group="Deploy Commands",
        children={
            "history": Command(
                "history",
                "View rollout history",
                "cmd_rollout:history",
                res,
                (
                    i(
                        "revision",
                        "",
                        "See the details, including podTemplate of the revision specified",
                        0,
                    ),
                    OUTPUT,
                    FILENAME,
                    SELECTOR,
                ),
                "  # View the rollout history of a deployment\n  mkl rollout history deployment/abc\n\n"
                "  # View the details of deployment revision 3\n  mkl rollout history deployment/abc --revision=3",
            ),
            "undo": Command(
                "undo",
                "Undo a previous rollout",
                "cmd_rollout:undo",
                res,
                (
                    i(
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
                "  # Roll back to the previous deployment\n  mkl rollout undo deployment/abc\n\n"
                "  # Roll back to deployment revision 3\n  mkl rollout undo deployment/abc --to-revision=3",
            ),
            "pause": Command(
                "pause",
                "Mark the provided resource as paused",
                "cmd_rollout:pause",
                res,
                (FILENAME, SELECTOR, OUTPUT),
                "  # Mark the nginx deployment as paused\n  mkl rollout pause deployment/nginx",
            ),
            "resume": Command(
                "resume",
                "Resume a paused resource",
                "cmd_rollout:resume",
                res,
                (FILENAME, SELECTOR, OUTPUT),
                "  # Resume an already paused deployment\n  mkl rollout resume deployment/nginx",
            ),
            "status": Command(
                "status",
                "Show the status of the rollout",
                "cmd_rollout:status",
                res,
                (
                    Flag(
                        "watch",
                        "w",
                        "bool",
                        True,
                        "Watch the status of the rollout until it's done.",
                        "true",
                    ),
                    s(
                        "timeout",
                        "",
                        "The length of time to wait before ending watch, zero means never (wall time on a real clock, simulated time on a manual one).",
                        "0s",
                    ),
                    i("revision", "", "Pin to a specific revision for showing its status.", 0),
                    b("plain", "", "Print kubectl's lines only, even on a terminal"),
                    FILENAME,
                    SELECTOR,
                ),
                "  # Watch the rollout status of a deployment\n  mkl rollout status deployment/nginx\n\n"
                "  # Only kubectl's lines, even on a terminal\n  mkl rollout status deployment/nginx --plain",
                long="Show the status of the rollout.\n\n"
                "On a terminal (and without NO_COLOR or --plain) a live view follows the rollout: the strategy\n"
                "with its resolved numbers, revisions -> ReplicaSets -> pods, bars for updated and available\n"
                "pods, what holds the rollout back, and kubectl's line underneath. With a manual clock each\n"
                "simulated instant stays on screen for MKL_LIVE_PACE wall seconds (default 0.3). Piped, the\n"
                "output is exactly kubectl's lines.",
            ),
            "restart": Command(
                "restart",
                "Restart a resource",
                "cmd_rollout:restart",
                res,
                (FILENAME, SELECTOR, OUTPUT),
                "  # Restart a deployment\n  mkl rollout restart deployment/nginx",
            ),
            "timeline": Command(
                "timeline",
                "Draw the recorded rollout timeline (minikube-lite only)",
                "cmd_rollout_see:timeline",
                res,
                (
                    s(
                        "svg",
                        "",
                        "Write the timeline as a standalone SVG file ('-' for stdout) instead of drawing it",
                        metavar="FILE",
                    ),
                    FILENAME,
                    SELECTOR,
                ),
                "  # Draw how the replica counts moved during the last rollouts\n  mkl rollout timeline deployment/http-go\n\n"
                "  # Save it as an SVG that opens in any browser\n  mkl rollout timeline deployment/http-go --svg rollout.svg",
                long="Draw the time series the simulator records for a Deployment: replicas of the old and new\n"
                "ReplicaSets, available pods, and the band between desired - maxUnavailable and\n"
                "desired + maxSurge, with marks for set image, scale, pause, resume and undo.",
            ),
            "explain": Command(
                "explain",
                "Explain where a rollout stands and what holds it back (minikube-lite only)",
                "cmd_rollout_see:explain",
                res,
                (s("output", "o", "Output format: json"), FILENAME, SELECTOR),
                "  # Which rule holds the rollout back right now\n  mkl rollout explain deployment/http-go\n\n"
                "  # The same findings as JSON\n  mkl rollout explain deployment/http-go -o json",
                long="Say in plain words where the rollout stands and which rule holds it back now (maxSurge,\n"
                "maxUnavailable, minReadySeconds, readiness, pause, Recreate, quota, image pulls, the progress\n"
                "deadline), computed with the deployment controller's own arithmetic.",
            ),
        },
    )


def _traffic() -> tuple[Command, ...]:
    """exec, logs, port-forward, expose and minikube's ``service`` (issue 5: traffic)."""
    container = s(
        "container",
        "c",
        "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation or the first container",
    )
    running = s(
        "pod-running-timeout",
        "",
        "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running",
        "1m0s",
    )
    return (
        Command(
            "exec",
            "Execute a command in a container",
            "cmd_exec:exec_",
            "(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]",
            (
                container,
                b("stdin", "i", "Pass stdin to the container"),
                b("tty", "t", "Stdin is a TTY"),
                b("quiet", "q", "Only print output from the remote session"),
                running,
            ),
            "  # Ask a pod for its page through its own loopback\n  mkl exec http-go-7dbcf5877-d6n6p -- curl -s 127.0.0.1:8080\n\n"
            "  # Call a Service by name from inside the cluster\n  mkl exec deploy/http-go -- curl -s http-go\n\n"
            "  # A small simulated shell (curl, wget, env, cat, ls, echo, ...)\n  mkl exec -it deploy/http-go -- sh",
            long="Execute a command in a container.\n\nThe container runs a small simulated shell with built-in curl, wget, env, cat, ls,\n"
            "hostname, echo, sleep, grep and friends; nothing runs on your machine.",
            group="Troubleshooting and Debugging Commands",
        ),
        Command(
            "logs",
            "Print the logs for a container in a pod",
            "cmd_logs:logs",
            "[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]",
            (
                b("follow", "f", "Specify if the logs should be streamed."),
                b(
                    "previous",
                    "p",
                    "If true, print the logs for the previous instance of the container in a pod if it exists.",
                ),
                container,
                Flag(
                    "tail",
                    "",
                    "int",
                    -1,
                    "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.",
                ),
                b("timestamps", "", "Include timestamps on each line in the log output"),
                s(
                    "since",
                    "",
                    "Only return logs newer than a relative duration like 5s, 2m, or 3h.",
                ),
                s("since-time", "", "Only return logs after a specific date (RFC3339)."),
                Flag(
                    "limit-bytes",
                    "",
                    "int",
                    0,
                    "Maximum bytes of logs to return. Defaults to no limit.",
                ),
                SELECTOR,
                b("all-containers", "", "Get all containers' logs in the pod(s)."),
                b("all-pods", "", "Get logs from all pod(s). Sets prefix to true."),
                b(
                    "prefix",
                    "",
                    "Prefix each log line with the log source (pod name and container name)",
                ),
                b(
                    "ignore-errors",
                    "",
                    "If watching / following pod logs, allow for any errors that occur to be non-fatal",
                ),
                Flag(
                    "max-log-requests",
                    "",
                    "int",
                    5,
                    "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.",
                ),
                running,
            ),
            "  # Return snapshot logs from pod nginx with only one container\n  mkl logs nginx\n\n"
            "  # Begin streaming the logs of the first pod of deployment web\n  mkl logs -f deploy/web\n\n"
            "  # Display only the most recent 20 lines of output in pod nginx\n  mkl logs --tail=20 nginx",
            group="Troubleshooting and Debugging Commands",
        ),
        Command(
            "port-forward",
            "Forward one or more local ports to a pod",
            "cmd_portforward:port_forward",
            "TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]",
            (
                lst(
                    "address",
                    "",
                    "Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value.",
                ),
                running,
            ),
            "  # Listen on port 8080 locally, forwarding to the targetPort of Service port 80 in a pod selected by the service\n  mkl port-forward svc/http-go 8080:80\n\n"
            '  # Listen on port 8443 locally, forwarding to the targetPort of the service\'s port named "https" in a pod selected by the service\n'
            "  mkl port-forward service/myservice 8443:https\n\n"
            "  # Listen on a random port locally, forwarding to 8080 in the pod\n  mkl port-forward pod/mypod :8080",
            long="Forward one or more local ports to a pod.\n\nUse resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.\n\n"
            "If there are multiple pods matching the criteria, a pod will be selected automatically. The\n"
            "forwarding session ends when the selected pod terminates, and a rerun of the command is needed\n"
            "to resume forwarding.\n\n"
            "A real HTTP listener on 127.0.0.1 (and ::1) answers from the simulated pod. To watch a rolling\n"
            "update from outside, use 'mkl service NAME --url', which goes through the Service.",
            group="Troubleshooting and Debugging Commands",
        ),
        Command(
            "expose",
            "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service",
            "cmd_expose:expose",
            "(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]",
            (
                s(
                    "port",
                    "",
                    "The port that the service should serve on. Copied from the resource being exposed, if unspecified",
                ),
                s(
                    "target-port",
                    "",
                    "Name or number for the port on the container that the service should direct traffic to. Optional.",
                ),
                s(
                    "type",
                    "",
                    "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
                ),
                s("name", "", "The name for the newly created object."),
                s(
                    "protocol",
                    "",
                    "The network protocol for the service to be created. Default is 'TCP'.",
                ),
                s(
                    "selector",
                    "",
                    "A label selector to use for this service. Only equality-based selector requirements are supported.",
                ),
                s("labels", "l", "Labels to apply to the service created by this call."),
                s(
                    "cluster-ip",
                    "",
                    "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.",
                ),
                s(
                    "external-ip",
                    "",
                    "Additional external IP address (not managed by Kubernetes) to accept for the service.",
                ),
                s(
                    "session-affinity",
                    "",
                    "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'",
                ),
                FILENAME,
                RECORD,
                OUTPUT,
                DRY_RUN,
            ),
            "  # Create a service for deployment http-go, which serves on port 80 and connects to the containers on port 8080\n"
            "  mkl expose deployment http-go --port=80 --target-port=8080\n\n"
            "  # The same as a NodePort service\n  mkl expose deploy http-go --port=80 --target-port=8080 --type=NodePort",
            group="Basic Commands (Beginner)",
            record=True,
        ),
        Command(
            "service",
            "Returns a URL to connect to a service (minikube)",
            "cmd_service:service",
            "[flags] SERVICE",
            (
                b(
                    "url",
                    "",
                    "Display the Kubernetes service URL in the CLI instead of opening it in the default browser",
                ),
            ),
            "  # Print a URL that reaches service http-go from this machine (starts a tunnel if none runs)\n  mkl service http-go --url\n\n"
            "  # Watch a rolling update from outside: each request may reach another ready pod\n"
            "  mkl service http-go --url &      # prints http://127.0.0.1:PORT\n"
            "  while true; do curl -s http://127.0.0.1:PORT; sleep 1; done",
            long="Returns the Kubernetes URL(s) for service(s) in your local cluster, the way minikube does with\n"
            "the Docker driver: this command starts a tunnel on 127.0.0.1, prints the URL and keeps serving\n"
            "until Ctrl-C; if another 'mkl service' already tunnels to the Service, its URL is printed at once.\n\n"
            "The tunnel goes through the Service, like kube-proxy: every new connection goes to one of the\n"
            "Service's ready endpoints at that moment, picked at random (reproducible with the cluster's\n"
            "--seed), so during a rollout the answers turn from the old version to the new one.",
            group="Simulator Commands",
        ),
    )


def _auth() -> Command:
    """``auth can-i`` (failures work, issue 6: insufficient permissions)."""
    return Command(
        "auth",
        "Inspect authorization",
        "",
        "",
        (),
        group="Troubleshooting and Debugging Commands",
        children={
            "can-i": Command(
                "can-i",
                "Check whether an action is allowed",
                "cmd_auth:can_i",
                "VERB [TYPE | TYPE/NAME | NONRESOURCEURL]",
                (
                    b(
                        "all-namespaces",
                        "A",
                        "If true, check the specified action in all namespaces.",
                    ),
                    b("quiet", "q", "If true, suppress output and just return the exit code."),
                    s("subresource", "", "SubResource such as pod/log or deployment/scale"),
                    b("list", "", "If true, prints all allowed actions."),
                    b("no-headers", "", "If true, prints allowed actions without headers"),
                ),
                "  # Check to see if I can create pods in any namespace\n  mkl auth can-i create pods --all-namespaces\n\n"
                "  # Check to see if user jane can patch the deployment web\n  mkl auth can-i patch deployments.apps/web --as jane\n\n"
                '  # List all allowed actions in namespace "foo"\n  mkl auth can-i --list --namespace=foo',
                long="Check whether an action is allowed.\n\n VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc.\n"
                ' TYPE is a Kubernetes resource. Shortcuts and groups will be resolved.\n NONRESOURCEURL is a partial URL that starts with "/".\n'
                " NAME is the name of a particular Kubernetes resource.\n This command pairs nicely with impersonation. See --as global flag.",
            ),
        },
    )


def build() -> Command:
    """The command tree (built once per process, cheaply)."""
    get = Command(
        "get",
        "Display one or many resources",
        "cmd_get:get",
        "[(-o|--output=)json|yaml|name|wide|custom-columns=...|jsonpath=...] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]",
        (
            OUTPUT,
            SELECTOR,
            ALL_NS,
            b("watch", "w", "After listing/getting the requested object, watch for changes."),
            b(
                "watch-only",
                "",
                "Watch for changes to the requested object(s), without listing/getting first.",
            ),
            b(
                "output-watch-events",
                "",
                "Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.",
            ),
            b("show-labels", "", "When printing, show all labels as the last column"),
            b(
                "no-headers",
                "",
                "When using the default or custom-column output format, don't print headers",
            ),
            FILENAME,
            s(
                "timeout",
                "",
                "With -w: stop watching after this much wall-clock time (0 or unset: until Ctrl-C)",
            ),
            s(
                "sort-by",
                "",
                "Sort list types using this field specification (a JSONPath expression)",
            ),
        ),
        "  # List all pods in ps output format\n  mkl get pods\n\n"
        "  # List deployments with more information\n  mkl get deploy -o wide\n\n"
        "  # List a single deployment in JSON\n  mkl get deployment http-go -o json\n\n"
        "  # List pods, services and deployments together\n  mkl get all\n\n"
        "  # Print the image of a deployment\n  mkl get deploy http-go -o jsonpath='{.spec.template.spec.containers[0].image}'",
        group="Basic Commands (Beginner)",
    )
    create = Command(
        "create",
        "Create a resource from a file or from stdin",
        "cmd_create:create",
        "-f FILENAME [flags]",
        (
            FILENAME,
            RECORD,
            OUTPUT,
            DRY_RUN,
            b("save-config", "", "Store the configuration in the last-applied annotation"),
            Flag("validate", "", "str", "strict", "Field validation: strict|warn|ignore", "strict"),
        ),
        "  # Create a deployment using the data in http-go.yaml\n  mkl create -f http-go.yaml --record\n\n"
        "  # Create from stdin\n  cat pod.json | mkl create -f -",
        group="Basic Commands (Beginner)",
        record=True,
        children={
            "namespace": Command(
                "namespace",
                "Create a namespace with the specified name",
                "cmd_create:namespace",
                "NAME [--dry-run=server|client|none] [flags]",
                (OUTPUT, DRY_RUN),
                "  # Create a new namespace named my-namespace\n  mkl create namespace my-namespace",
                aliases=("ns",),
            ),
            "deployment": Command(
                "deployment",
                "Create a deployment with the specified name",
                "cmd_create:deployment",
                "NAME --image=image -- [COMMAND] [args...] [flags]",
                (
                    lst("image", "", "Image names to run"),
                    i("replicas", "r", "Number of replicas to create", 1),
                    i("port", "", "The containerPort that this deployment exposes", -1),
                    OUTPUT,
                    DRY_RUN,
                ),
                "  # Create a deployment named http-go that runs gasbugs/http-go:v1 with 3 replicas\n"
                "  mkl create deployment http-go --image=gasbugs/http-go:v1 --replicas=3",
                aliases=("deploy",),
            ),
            "service": Command(
                "service",
                "Create a service using a specified subcommand",
                "",
                "",
                (),
                children={
                    "clusterip": Command(
                        "clusterip",
                        "Create a ClusterIP service",
                        "cmd_create:service_clusterip",
                        "NAME [--tcp=<port>:<targetPort>] [flags]",
                        (
                            lst("tcp", "", "Port pairs can be specified as '<port>:<targetPort>'"),
                            s("clusterip", "", "Assign your own ClusterIP or set to 'None'"),
                            OUTPUT,
                            DRY_RUN,
                        ),
                        "  # Create a new ClusterIP service named my-cs\n  mkl create service clusterip my-cs --tcp=5678:8080",
                    ),
                    "nodeport": Command(
                        "nodeport",
                        "Create a NodePort service",
                        "cmd_create:service_nodeport",
                        "NAME [--tcp=port:targetPort] [flags]",
                        (
                            lst("tcp", "", "Port pairs can be specified as '<port>:<targetPort>'"),
                            i(
                                "node-port",
                                "",
                                "Port used to expose the service on each node in a cluster",
                                0,
                            ),
                            OUTPUT,
                            DRY_RUN,
                        ),
                        "  # Create a new NodePort service named my-ns\n  mkl create service nodeport my-ns --tcp=5678:8080",
                    ),
                },
                aliases=("svc",),
            ),
        },
    )
    root = Command("mkl", "minikube-lite: kubectl over a simulated cluster", children={})
    for c in (
        create,
        Command(
            "apply",
            "Apply a configuration to a resource by file name or stdin",
            "cmd_create:apply",
            "(-f FILENAME) [flags]",
            (FILENAME, RECORD, OUTPUT, DRY_RUN),
            "  # Apply the configuration in http-go.yaml\n  mkl apply -f http-go.yaml",
            group="Advanced Commands",
            record=True,
        ),
        get,
        Command(
            "describe",
            "Show details of a specific resource or group of resources",
            "cmd_describe:describe",
            "(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [flags]",
            (FILENAME, SELECTOR, ALL_NS),
            "  # Describe a deployment\n  mkl describe deployment http-go\n\n  # Describe all pods of a deployment (name prefix)\n  mkl describe pods http-go",
            group="Troubleshooting and Debugging Commands",
        ),
        Command(
            "delete",
            "Delete resources by file names, stdin, resources and names, or by resources and label selector",
            "cmd_delete:delete",
            "([-f FILENAME] | TYPE [(NAME | -l label | --all)]) [flags]",
            (
                FILENAME,
                SELECTOR,
                b(
                    "all",
                    "",
                    "Delete all resources, in the namespace of the specified resource types.",
                ),
                ALL_NS,
                i(
                    "grace-period",
                    "",
                    "Period of time in seconds given to the resource to terminate gracefully.",
                    -1,
                ),
                b("force", "", "Immediately remove resources from API"),
                b("now", "", "Signal resources for immediate shutdown (grace period 1)"),
                b("ignore-not-found", "", 'Treat "resource not found" as a successful delete.'),
                DRY_RUN,
                s("output", "o", 'Output mode. Use "-o name" for shorter output (resource/name).'),
                Flag(
                    "wait",
                    "",
                    "bool",
                    True,
                    "Wait for resources to be gone before returning (ignored: deletion is simulated)",
                    "true",
                ),
            ),
            "  # Delete a deployment\n  mkl delete deployment http-go\n\n  # Delete pods with label app=http-go\n  mkl delete pods -l app=http-go",
            group="Basic Commands (Intermediate)",
        ),
        Command(
            "set",
            "Set specific features on objects",
            "",
            "",
            (),
            group="Basic Commands (Intermediate)",
            children={
                "image": Command(
                    "image",
                    "Update the image of a pod template",
                    "cmd_set:image",
                    "(-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [flags]",
                    (
                        FILENAME,
                        RECORD,
                        SELECTOR,
                        b("all", "", "Select all resources in the namespace"),
                        b("local", "", "Set image will NOT contact api-server but run locally."),
                        OUTPUT,
                        DRY_RUN,
                    ),
                    "  # Set the http-go container image of deployment http-go to v2\n  mkl set image deployment http-go http-go=gasbugs/http-go:v2\n\n"
                    "  # Update all containers' images\n  mkl set image deployment/http-go *=gasbugs/http-go:v3",
                    record=True,
                ),
                "env": Command(
                    "env",
                    "Update environment variables on a pod template",
                    "cmd_set:env",
                    "RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [flags]",
                    (
                        FILENAME,
                        s(
                            "containers",
                            "c",
                            "The names of containers in the selected pod templates to change - may use wildcards",
                            "*",
                        ),
                        lst(
                            "env",
                            "e",
                            "Specify a key-value pair for an environment variable to set into each container.",
                        ),
                        b(
                            "overwrite",
                            "",
                            "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.",
                            True,
                        ),
                        b(
                            "all",
                            "",
                            "If true, select all resources in the namespace of the specified resource types",
                        ),
                        SELECTOR,
                        b(
                            "local",
                            "",
                            "If true, set env will NOT contact api-server but run locally.",
                        ),
                        OUTPUT,
                        DRY_RUN,
                    ),
                    "  # Update deployment 'registry' with a new environment variable\n  mkl set env deployment/registry STORAGE_DIR=/local\n\n"
                    "  # Remove the environment variable ENV from container 'c1' in all deployments\n  mkl set env deployments --all --containers=\"c1\" ENV-",
                ),
            },
        ),
        Command(
            "patch",
            "Update fields of a resource",
            "cmd_patch:patch",
            "(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [flags]",
            (
                FILENAME,
                s("patch", "p", "The patch to be applied to the resource JSON file."),
                s("patch-file", "", "A file containing a patch to be applied to the resource."),
                s(
                    "type",
                    "",
                    "The type of patch being provided; one of [json merge strategic]",
                    "strategic",
                ),
                RECORD,
                b(
                    "local",
                    "",
                    "If true, patch will operate on the content of the file, not the server-side resource.",
                ),
                OUTPUT,
                DRY_RUN,
            ),
            '  # Slow the rollout down so it can be watched\n  mkl patch deployment http-go -p \'{"spec": {"minReadySeconds": 10}}\'\n\n'
            '  # JSON patch\n  mkl patch deploy http-go --type=json -p=\'[{"op": "replace", "path": "/spec/replicas", "value": 4}]\'',
            group="Advanced Commands",
            record=True,
        ),
        Command(
            "annotate",
            "Update the annotations on a resource",
            "cmd_meta:annotate",
            "[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [flags]",
            (
                FILENAME,
                b(
                    "overwrite",
                    "",
                    "If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.",
                ),
                b(
                    "all",
                    "",
                    "Select all resources, in the namespace of the specified resource types.",
                ),
                SELECTOR,
                b("local", "", "If true, annotation will NOT contact api-server but run locally."),
                RECORD,
                OUTPUT,
                DRY_RUN,
            ),
            '  # Record why a rollout happened (the modern --record)\n  mkl annotate deployment/http-go kubernetes.io/change-cause="image updated to v2"',
            group="Settings Commands",
            record=True,
        ),
        Command(
            "label",
            "Update the labels on a resource",
            "cmd_meta:label",
            "[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [flags]",
            (
                FILENAME,
                b(
                    "overwrite",
                    "",
                    "If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.",
                ),
                b(
                    "all",
                    "",
                    "Select all resources, in the namespace of the specified resource types",
                ),
                SELECTOR,
                b("local", "", "If true, label will NOT contact api-server but run locally."),
                RECORD,
                OUTPUT,
                DRY_RUN,
            ),
            "  # Label a deployment\n  mkl label deployment http-go tier=web",
            group="Settings Commands",
            record=True,
        ),
        Command(
            "scale",
            "Set a new size for a deployment or replica set",
            "cmd_scale:scale",
            "[--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)",
            (
                FILENAME,
                i("replicas", "", "The new desired number of replicas. Required.", -1),
                i("current-replicas", "", "Precondition for current size.", -1),
                SELECTOR,
                b("all", "", "Select all resources in the namespace"),
                RECORD,
                OUTPUT,
                DRY_RUN,
            ),
            "  # Scale deployment http-go to 5 replicas\n  mkl scale --replicas=5 deployment/http-go",
            group="Deploy Commands",
            record=True,
        ),
        _rollout(),
        *_traffic(),
        _auth(),
        Command(
            "cluster",
            "Manage the simulated cluster (minikube-lite only)",
            "",
            "",
            (),
            group="Simulator Commands",
            children={
                "start": Command(
                    "start",
                    "Create the cluster (idempotent)",
                    "cmd_cluster:start",
                    "[--clock real|manual] [--speed X] [--seed N]",
                    (
                        s(
                            "clock",
                            "",
                            "Clock mode: real (follows wall time x speed) or manual (moves only with 'mkl clock advance')",
                            "real",
                        ),
                        s("speed", "", "Simulated seconds per wall second (real clock)", "1"),
                        i("seed", "", "Seed for every generated value", None),
                    ),
                    "  # A deterministic cluster for a lesson or a test\n  mkl cluster start --clock manual --seed 7",
                ),
                "status": Command(
                    "status",
                    "Show the cluster's status",
                    "cmd_cluster:status",
                    "",
                    (),
                    "  mkl cluster status",
                ),
                "delete": Command(
                    "delete",
                    "Delete the cluster and its state file",
                    "cmd_cluster:delete_",
                    "",
                    (),
                    "  mkl cluster delete",
                ),
                "reset": Command(
                    "reset",
                    "Delete and start again with the same settings",
                    "cmd_cluster:reset",
                    "",
                    (),
                    "  mkl cluster reset",
                ),
            },
        ),
        Command(
            "clock",
            "Show simulated time (minikube-lite only)",
            "cmd_clock:show",
            "",
            (),
            "  # Show simulated now\n  mkl clock\n\n  # Jump ahead ten minutes, running everything due on the way\n  mkl clock advance 10m",
            group="Simulator Commands",
            children={
                "advance": Command(
                    "advance",
                    "Move simulated time forward",
                    "cmd_clock:advance",
                    "DURATION",
                    (),
                    "  mkl clock advance 30s\n  mkl clock advance 1h30m",
                ),
            },
        ),
        Command(
            "image",
            "Manage the simulated registry's images (minikube-lite only)",
            "",
            "",
            (),
            group="Simulator Commands",
            children={
                "ls": Command(
                    "ls",
                    "List the images the simulated registry serves",
                    "cmd_image:ls",
                    "[-o name|json]",
                    (OUTPUT,),
                    "  # Which images can pods pull, and which are cached on the node?\n  mkl image ls",
                    aliases=("list",),
                ),
                "add": Command(
                    "add",
                    "Add your own image with a behaviour profile",
                    "cmd_image:add",
                    "IMAGE [--http-port N --body TEXT --path /] [--startup-seconds S] [--exit-after S --exit-code N] [--require-env VAR] [--from-file PROFILE]",
                    (
                        i("http-port", "", "Port the image serves HTTP on"),
                        s("body", "", "Body answered on --path (may use {tag}, {hostname}, {now})"),
                        s("path", "", "Path the body is served on", "/"),
                        s("startup-seconds", "", "Seconds before the ports answer"),
                        s("exit-after", "", "The process exits by itself after this many seconds"),
                        s("exit-code", "", "Exit code when it does", None),
                        lst(
                            "require-env",
                            "",
                            "An environment variable the image needs (else it exits 1)",
                        ),
                        b("shell", "", "The image has /bin/sh"),
                        s("size", "", "Image size in bytes (the Pulled event)"),
                        s(
                            "from-file",
                            "",
                            "A JSON/YAML profile (fields as in minikube_lite/data/images.json)",
                        ),
                    ),
                    "  # An app that says hello on 8080\n  mkl image add myorg/hello:1.0 --http-port 8080 --body 'hello v1'\n\n"
                    "  # A broken build that crashes after 5 s\n  mkl image add myorg/hello:1.1 --exit-after 5 --exit-code 2",
                ),
                "rm": Command(
                    "rm",
                    "Remove an image you added",
                    "cmd_image:rm",
                    "IMAGE",
                    (),
                    "  mkl image rm myorg/hello:1.0",
                ),
            },
        ),
        Command(
            "config",
            "Modify kubeconfig files",
            "",
            "",
            (),
            group="Settings Commands",
            children={
                "view": Command(
                    "view",
                    "Display merged kubeconfig settings",
                    "cmd_config:view",
                    "",
                    (OUTPUT,),
                    "  mkl config view",
                ),
                "get-contexts": Command(
                    "get-contexts",
                    "Describe one or many contexts",
                    "cmd_config:get_contexts",
                    "[(-o|--output=)name)]",
                    (OUTPUT, b("no-headers", "", "don't print headers")),
                    "  mkl config get-contexts",
                ),
                "current-context": Command(
                    "current-context",
                    "Display the current-context",
                    "cmd_config:current_context",
                    "",
                    (),
                    "  mkl config current-context",
                ),
                "set-context": Command(
                    "set-context",
                    "Set a context entry in kubeconfig",
                    "cmd_config:set_context",
                    "[NAME | --current] [--namespace=namespace]",
                    (b("current", "", "Modify the current context"),),
                    "  # Work in namespace dev from now on\n  mkl config set-context --current --namespace=dev",
                ),
            },
        ),
        Command(
            "api-resources",
            "Print the supported API resources on the server",
            "cmd_info:api_resources",
            "[flags]",
            (
                OUTPUT,
                b("namespaced", "", "If false, non-namespaced resources will be returned", True),
                b("no-headers", "", "don't print headers"),
            ),
            "  mkl api-resources",
            group="Other Commands",
        ),
        Command(
            "version",
            "Print the client and server version information",
            "cmd_info:version",
            "[flags]",
            (b("client", "", "If true, shows client version only"), OUTPUT),
            "  mkl version",
            group="Other Commands",
        ),
        Command(
            "completion",
            "Output shell completion code for the specified shell (bash, zsh, fish)",
            "cmd_info:completion",
            "SHELL",
            (),
            "  # Load completion into the current bash shell\n  source <(mkl completion bash)",
            group="Settings Commands",
        ),
    ):
        root.children[c.name] = c
    return root
