"""The ``create`` generators' rows beyond namespace/deployment/service clusterip|nodeport, and
``set resources|serviceaccount`` (part of the command table in cli/commands.py, which loads
them when a command line reaches ``create`` or ``set``).  Data only: handlers are
``module:function`` strings, imported when run.  ``common`` is -o, --dry-run and the flags
every kubectl generator has (commands.GENERATOR_FLAGS)."""

from __future__ import annotations

from minikube_lite.cli.spec import Command, Flag, bool_flag, list_flag, slice_flag, str_flag

TCP = slice_flag("tcp", "", "Port pairs can be specified as '<port>:<targetPort>'")
APPEND_HASH = bool_flag("append-hash", "", "Append a hash of the object to its name.")
FROM_LITERAL = list_flag(
    "from-literal", "", "Specify a key and literal value to insert (i.e. mykey=somevalue)"
)
FROM_FILE = slice_flag(
    "from-file",
    "",
    "Key file: a file path (its basename is the key), key=path, or a directory (every regular "
    "file in it whose name is a valid key)",
)
FROM_ENV_FILE = slice_flag(
    "from-env-file", "", "Specify the path to a file to read lines of key=val pairs from."
)

# kubectl's AddFieldManagerFlagVar on the set verbs
_SET_FIELD_MANAGER = str_flag(
    "field-manager", "", "Name of the manager used to track field ownership.", "kubectl-set"
)


def service_children(common: tuple[Flag, ...]) -> dict[str, Command]:
    """``create service loadbalancer|externalname``."""
    return {
        "loadbalancer": Command(
            name="loadbalancer",
            short="Create a LoadBalancer service",
            handler="cmd_create:service_loadbalancer",
            usage="NAME [--tcp=port:targetPort] [flags]",
            flags=(TCP, *common),
            examples="  # Create a new LoadBalancer service named my-lbs\n  mkl create service "
            "loadbalancer my-lbs --tcp=5678:8080",
        ),
        "externalname": Command(
            name="externalname",
            short="Create an ExternalName service",
            handler="cmd_create:service_externalname",
            usage="NAME --external-name external.name [flags]",
            flags=(TCP, str_flag("external-name", "", "External name of service"), *common),
            examples="  # Create a new ExternalName service named my-ns\n  mkl create service "
            "externalname my-ns --external-name bar.com",
        ),
    }


def create_children(common: tuple[Flag, ...]) -> dict[str, Command]:
    """``create configmap|secret|serviceaccount|quota``."""
    return {
        "configmap": Command(
            name="configmap",
            short="Create a config map from a local file, directory or literal value",
            handler="cmd_create_gen:configmap",
            usage="NAME [--from-file=[key=]source] [--from-literal=key1=value1] [flags]",
            flags=(FROM_LITERAL, FROM_FILE, FROM_ENV_FILE, APPEND_HASH, *common),
            examples="  # Create a config map with key1=config1 and key2=config2\n"
            "  mkl create configmap my-config --from-literal=key1=config1 "
            "--from-literal=key2=config2\n\n"
            "  # One key per file of a directory, or a key of your choice for one file\n"
            "  mkl create configmap my-config --from-file=path/to/bar\n"
            "  mkl create configmap my-config --from-file=key1=/path/to/bar/file1.txt\n\n"
            "  # key=value lines of an env file\n"
            "  mkl create configmap my-config --from-env-file=path/to/bar.env",
            aliases=("cm",),
        ),
        "secret": Command(
            name="secret",
            short="Create a secret using a specified subcommand",
            children=_secret_children(common),
        ),
        "serviceaccount": Command(
            name="serviceaccount",
            short="Create a service account with the specified name",
            handler="cmd_create_gen:serviceaccount",
            usage="NAME [flags]",
            flags=common,
            examples="  # Create a new service account named my-service-account\n"
            "  mkl create serviceaccount my-service-account",
            aliases=("sa",),
        ),
        "quota": Command(
            name="quota",
            short="Create a quota with the specified name",
            handler="cmd_create_gen:quota",
            usage="NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [flags]",
            flags=(
                str_flag(
                    "hard",
                    "",
                    "A comma-delimited set of resource=quantity pairs that define a hard limit.",
                ),
                str_flag(
                    "scopes",
                    "",
                    "A comma-delimited set of quota scopes that must all match each object "
                    "tracked by the quota.",
                ),
                *common,
            ),
            examples="  # Create a new resource quota named my-quota\n"
            "  mkl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3\n\n"
            "  # Create a new resource quota named best-effort\n"
            "  mkl create quota best-effort --hard=pods=100 --scopes=BestEffort",
            aliases=("resourcequota",),
        ),
    }


def rbac_children(common: tuple[Flag, ...]) -> dict[str, Command]:
    """``create role|clusterrole|rolebinding|clusterrolebinding``."""
    verb = slice_flag("verb", "", "Verb that applies to the resources contained in the rule")
    resource = slice_flag("resource", "", "Resource that the rule applies to")
    resource_name = list_flag(
        "resource-name",
        "",
        "Resource in the white list that the rule applies to, repeat this flag for multiple items",
    )
    subjects = (
        list_flag("user", "", "Usernames to bind to the role. The flag can be repeated."),
        list_flag("group", "", "Groups to bind to the role. The flag can be repeated."),
        list_flag(
            "serviceaccount",
            "",
            "Service accounts to bind to the role, in the format <namespace>:<name>. The flag "
            "can be repeated.",
        ),
    )
    return {
        "role": Command(
            name="role",
            short="Create a role with single rule",
            handler="cmd_create_gen:role",
            usage="NAME --verb=verb --resource=resource.group/subresource "
            "[--resource-name=resourcename] [flags]",
            flags=(verb, resource, resource_name, *common),
            examples="  # A role that allows get, watch and list on pods\n"
            "  mkl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods\n\n"
            "  # With an API group and a subresource\n"
            "  mkl create role foo --verb=get,list,watch --resource=rs.apps,pods/status",
        ),
        "clusterrole": Command(
            name="clusterrole",
            short="Create a cluster role",
            handler="cmd_create_gen:clusterrole",
            usage="NAME --verb=verb --resource=resource.group [--resource-name=resourcename] "
            "[flags]",
            flags=(
                verb,
                resource,
                resource_name,
                slice_flag(
                    "non-resource-url", "", "A partial url that user should have access to."
                ),
                list_flag(
                    "aggregation-rule",
                    "",
                    "An aggregation label selector for combining ClusterRoles.",
                ),
                *common,
            ),
            examples="  # A cluster role that allows get, watch and list on pods\n"
            "  mkl create clusterrole pod-reader --verb=get,list,watch --resource=pods\n\n"
            "  # Non-resource URLs\n"
            '  mkl create clusterrole foo --verb=get --non-resource-url="/logs/*"',
        ),
        "rolebinding": Command(
            name="rolebinding",
            short="Create a role binding for a particular role or cluster role",
            handler="cmd_create_gen:rolebinding",
            usage="NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] "
            "[--serviceaccount=namespace:serviceaccountname] [flags]",
            flags=(
                str_flag("role", "", "Role this RoleBinding should reference"),
                str_flag("clusterrole", "", "ClusterRole this RoleBinding should reference"),
                *subjects,
                *common,
            ),
            examples="  # Bind the admin cluster role to user1, user2 and group1 in this "
            "namespace\n  mkl create rolebinding admin --clusterrole=admin --user=user1 "
            "--user=user2 --group=group1\n\n"
            "  # Bind the role pod-reader to the service account dev:bot\n"
            "  mkl create rolebinding read-pods --role=pod-reader --serviceaccount=dev:bot",
        ),
        "clusterrolebinding": Command(
            name="clusterrolebinding",
            short="Create a cluster role binding for a particular cluster role",
            handler="cmd_create_gen:clusterrolebinding",
            usage="NAME --clusterrole=NAME [--user=username] [--group=groupname] "
            "[--serviceaccount=namespace:serviceaccountname] [flags]",
            flags=(
                str_flag("clusterrole", "", "ClusterRole this ClusterRoleBinding should reference"),
                *subjects,
                *common,
            ),
            examples="  # Bind the cluster-admin cluster role to user1 and group1\n"
            "  mkl create clusterrolebinding root --clusterrole=cluster-admin --user=user1 "
            "--group=group1",
        ),
    }


def _secret_children(common: tuple[Flag, ...]) -> dict[str, Command]:
    return {
        "generic": Command(
            name="generic",
            short="Create a secret from a local file, directory, or literal value",
            handler="cmd_create_gen:secret_generic",
            usage="NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] "
            "[flags]",
            flags=(
                FROM_LITERAL,
                FROM_FILE,
                FROM_ENV_FILE,
                str_flag("type", "", "The type of secret to create"),
                APPEND_HASH,
                *common,
            ),
            examples="  # Create a secret with key1=supersecret and key2=topsecret\n"
            "  mkl create secret generic my-secret --from-literal=key1=supersecret "
            "--from-literal=key2=topsecret\n\n"
            "  # Keys from files, with a name of your choice\n"
            "  mkl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa",
        ),
        "tls": Command(
            name="tls",
            short="Create a TLS secret",
            handler="cmd_create_gen:secret_tls",
            usage="NAME --cert=path/to/cert/file --key=path/to/key/file [flags]",
            flags=(
                str_flag("cert", "", "Path to PEM encoded public key certificate."),
                str_flag("key", "", "Path to private key associated with given certificate."),
                APPEND_HASH,
                *common,
            ),
            examples="  # Create a new TLS secret named tls-secret with the given key pair\n"
            "  mkl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key",
        ),
        "docker-registry": Command(
            name="docker-registry",
            short="Create a secret for use with a Docker registry",
            handler="cmd_create_gen:secret_docker_registry",
            usage="NAME --docker-username=user --docker-password=password "
            "--docker-email=email [--docker-server=string] [--from-file=[key=]source] [flags]",
            flags=(
                str_flag("docker-username", "", "Username for Docker registry authentication"),
                str_flag("docker-password", "", "Password for Docker registry authentication"),
                str_flag("docker-email", "", "Email for Docker registry"),
                str_flag(
                    "docker-server",
                    "",
                    "Server location for Docker registry",
                    "https://index.docker.io/v1/",
                ),
                FROM_FILE,
                APPEND_HASH,
                *common,
            ),
            examples="  # A secret a pod can pull private images with (imagePullSecrets)\n"
            "  mkl create secret docker-registry my-secret --docker-server=registry.example "
            "--docker-username=jane --docker-password=s3cr3t --docker-email=jane@example.com",
        ),
    }


def set_children(common: tuple[Flag, ...]) -> dict[str, Command]:
    """``set resources|serviceaccount``; ``common`` is -f, --record, -o, --dry-run."""
    local = bool_flag(
        "local", "", "If true, the command will NOT contact api-server but run locally."
    )
    select_all = bool_flag(
        "all", "", "Select all resources, in the namespace of the specified resource types"
    )
    return {
        "resources": Command(
            name="resources",
            short="Update resource requests/limits on objects with pod templates",
            handler="cmd_set:resources",
            usage="(-f FILENAME | TYPE NAME) ([--limits=LIMITS & --requests=REQUESTS] [flags]",
            flags=(
                _SET_FIELD_MANAGER,
                *common,
                select_all,
                str_flag(
                    "selector", "l", "Selector (label query) to filter on, supports '=', '==', '!='"
                ),
                str_flag(
                    "containers",
                    "c",
                    "The names of containers in the selected pod templates to change, all "
                    "containers are selected by default - may use wildcards",
                    "*",
                ),
                local,
                str_flag(
                    "limits", "", "The resource requirement limits, e.g. 'cpu=200m,memory=512Mi'."
                ),
                str_flag(
                    "requests",
                    "",
                    "The resource requirement requests, e.g. 'cpu=100m,memory=256Mi'.",
                ),
            ),
            examples="  # Limit the http-go container of deployment http-go to 200m CPU and 512Mi\n"
            "  mkl set resources deployment http-go -c=http-go --limits=cpu=200m,memory=512Mi\n\n"
            "  # Requests and limits for every container\n"
            "  mkl set resources deployment http-go --limits=cpu=200m,memory=512Mi "
            "--requests=cpu=100m,memory=256Mi\n\n"
            "  # Print the result of a local manifest as YAML, without a cluster\n"
            "  mkl set resources -f path/to/file.yaml --limits=cpu=200m --local -o yaml",
            record=True,
        ),
        "serviceaccount": Command(
            name="serviceaccount",
            short="Update the service account of a resource",
            handler="cmd_set:serviceaccount",
            usage="(-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [flags]",
            flags=(*common, select_all, local, _SET_FIELD_MANAGER),
            examples="  # Set deployment http-go's service account to serviceaccount1\n"
            "  mkl set serviceaccount deployment http-go serviceaccount1\n\n"
            "  # Print the result of a local manifest as YAML, without a cluster\n"
            "  mkl set sa -f http-go-deploy.yaml serviceaccount1 --local --dry-run=client -o yaml",
            aliases=("sa",),
            record=True,
        ),
    }
