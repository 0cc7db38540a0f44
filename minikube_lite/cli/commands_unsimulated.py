"""``create job|cronjob|poddisruptionbudget|priorityclass`` (simulated kinds), and ``create
ingress|token``: kubectl's generators for kinds mkl does not simulate.  Each of those
declares kubectl's flags, so that a learner's command line fails on the missing kind
(cli/cmd_create_gen.py not_simulated), not on an unknown flag.
Part of the command table (cli/commands.py merges these rows in)."""

from __future__ import annotations

from minikube_lite.cli.spec import Command, Flag, bool_flag, int_flag, list_flag, str_flag


def unsimulated_children(common: tuple[Flag, ...]) -> dict[str, Command]:
    """``create job`` and ``create cronjob`` (cli/cmd_create_gen.py job, cronjob)."""
    image = str_flag("image", "", "Image name to run.")
    return {
        "job": Command(
            name="job",
            short="Create a job with the specified name",
            handler="cmd_create_gen:job",
            usage="NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [flags]",
            flags=(
                image,
                str_flag("from", "", "The name of the resource to create a Job from"),
                *common,
            ),
            examples="  # Create a job\n"
            "  mkl create job my-job --image=busybox\n\n"
            "  # Create a job from a cron job named a-cronjob\n"
            "  mkl create job test-job --from=cronjob/a-cronjob\n\n"
            "  # Create a job with a command\n"
            "  mkl create job my-job --image=busybox -- date\n\n"
            "  # A job that prints hi and completes, then its log\n"
            "  mkl create job once --image=busybox -- echo hi\n"
            "  mkl wait --for=condition=complete job/once && mkl logs job/once",
        ),
        "cronjob": Command(
            name="cronjob",
            short="Create a cron job with the specified name",
            handler="cmd_create_gen:cronjob",
            usage="NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags]",
            flags=(
                image,
                str_flag(
                    "schedule", "", "A schedule in the Cron format the job should be run with."
                ),
                str_flag("restart", "", "job's restart policy. supported values: OnFailure, Never"),
                *common,
            ),
            examples="  # Create a cron job\n"
            '  mkl create cronjob my-job --image=busybox --schedule="*/1 * * * *"\n\n'
            "  # Create a cron job with a command\n"
            '  mkl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date\n\n'
            "  # Run one of its Jobs now\n"
            "  mkl create job my-job-now --from=cronjob/my-job",
            aliases=("cj",),
        ),
    }


def more_unsimulated(common: tuple[Flag, ...], output: Flag) -> dict[str, Command]:
    """``create poddisruptionbudget|priorityclass`` (cli/cmd_create_gen.py pdb,
    priorityclass), and ``create ingress|token``: not simulated."""

    def row(name: str, what: str, usage: str, flags: tuple[Flag, ...], *aliases: str) -> Command:
        return Command(
            name=name,
            short=f"Create {what} (not simulated)",
            handler="cmd_create_gen:not_simulated",
            usage=usage,
            flags=(*flags, *common),
            examples=f"  # mkl does not simulate this: it says so and exits 1\n"
            f"  mkl create {name} x",
            aliases=aliases,
        )

    return {
        "ingress": Command(
            name="ingress",
            short="Create an ingress with the specified name",
            handler="cmd_create_gen:ingress",
            usage="NAME --rule=host/path=service:port[,tls[=secret]] [flags]",
            flags=(
                str_flag("class", "", "Ingress Class to be used"),
                list_flag(
                    "rule",
                    "",
                    "Rule in format host/path=service:port[,tls=secretname]. Paths containing "
                    "the leading character '*' are considered pathType=Prefix. tls argument is "
                    "optional.",
                ),
                str_flag(
                    "default-backend",
                    "",
                    "Default service for backend, in format of svcname:port",
                ),
                list_flag(
                    "annotation",
                    "",
                    "Annotation to insert in the ingress object, in the format annotation=value",
                ),
                *common,
            ),
            examples="  # Create a single ingress called 'simple' that directs requests to "
            "foo.com/bar to svc\n"
            '  # svc1:8080 with a TLS secret "my-cert"\n'
            '  mkl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"\n\n'
            "  # Create an ingress with multiple hosts and the pathType as Prefix\n"
            "  mkl create ingress ingress1 --class=default \\\n"
            '    --rule="foo.com/path*=svc:8080" \\\n'
            '    --rule="bar.com/admin*=svc2:http"\n\n'
            "  # Create an ingress with a default backend\n"
            "  mkl create ingress ingdefault --class=default \\\n"
            "    --default-backend=defaultsvc:http \\\n"
            '    --rule="foo.com/*=svc:8080,tls=secret1"',
            aliases=("ing",),
        ),
        "poddisruptionbudget": Command(
            name="poddisruptionbudget",
            short="Create a pod disruption budget with the specified name",
            handler="cmd_create_gen:pdb",
            usage="NAME --selector=SELECTOR --min-available=N [flags]",
            flags=(
                str_flag(
                    "selector",
                    "",
                    "A label selector to use for this budget. Only equality-based selector "
                    "requirements are supported.",
                ),
                str_flag(
                    "min-available",
                    "",
                    "The minimum number or percentage of available pods this budget requires.",
                ),
                str_flag(
                    "max-unavailable",
                    "",
                    "The maximum number or percentage of unavailable pods this budget requires.",
                ),
                *common,
            ),
            examples="  # Create a pod disruption budget named my-pdb that will select all pods "
            "with the app=rails label\n"
            "  # and require at least one of them being available at any point in time\n"
            "  mkl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1\n\n"
            "  # Create a pod disruption budget named my-pdb that will select all pods with the "
            "app=nginx label\n"
            "  # and require at least half of the pods selected to be available at any point in "
            "time\n"
            "  mkl create pdb my-pdb --selector=app=nginx --min-available=50%\n\n"
            "  # Then drain: an eviction the budget forbids is retried every 5s\n"
            "  mkl drain minikube --ignore-daemonsets --timeout=60s",
            aliases=("pdb",),
        ),
        "priorityclass": Command(
            name="priorityclass",
            short="Create a priority class with the specified name",
            handler="cmd_create_gen:priorityclass",
            usage="NAME --value=VALUE --global-default=BOOL [flags]",
            flags=(
                int_flag("value", "", "the value of this priority class.", 0),
                bool_flag(
                    "global-default",
                    "",
                    "global-default specifies whether this PriorityClass should be considered as "
                    "the default priority.",
                ),
                str_flag(
                    "description",
                    "",
                    "description is an arbitrary string that usually provides guidelines on when "
                    "this priority class should be used.",
                ),
                str_flag(
                    "preemption-policy",
                    "",
                    "preemption-policy is the policy for preempting pods with lower priority.",
                    "PreemptLowerPriority",
                ),
                *common,
            ),
            examples="  # Create a priority class named high-priority\n"
            '  mkl create priorityclass high-priority --value=1000 --description="high priority"\n'
            "\n"
            "  # Create a priority class named default-priority that is considered as the global "
            "default priority\n"
            "  mkl create priorityclass default-priority --value=1000 --global-default=true "
            '--description="default priority"\n\n'
            "  # Create a priority class named high-priority that cannot preempt pods with lower "
            "priority\n"
            '  mkl create priorityclass high-priority --value=1000 --description="high priority" '
            '--preemption-policy="Never"',
            aliases=("pc",),
        ),
        "token": Command(
            name="token",
            short="Request a service account token (not simulated)",
            handler="cmd_create_gen:not_simulated",
            usage="SERVICE_ACCOUNT_NAME [flags]",
            flags=(
                list_flag("audience", "", "Audience of the requested token."),
                str_flag("bound-object-kind", "", "Kind of an object to bind the token to."),
                str_flag("bound-object-name", "", "Name of an object to bind the token to."),
                str_flag("bound-object-uid", "", "UID of an object to bind the token to."),
                str_flag("duration", "", "Requested lifetime of the issued token."),
                output,
            ),
            examples="  # mkl issues no tokens: this says so and exits 1\n  mkl create token bot",
        ),
    }
