"""describe of Service, Endpoints, Namespace, ResourceQuota, LimitRange, ServiceAccount, ConfigMap
and Node.

Layouts follow describe.go (v0.34.0); these goldens were reviewed line by line against that
source.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from minikube_lite.clock import parse_time
from minikube_lite.printers.describe.describe import describe
from minikube_lite.printers.describe.writer import DescribeContext


@pytest.fixture(autouse=True)
def seoul(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Seoul")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


NOW = parse_time("2025-08-06T02:00:00Z") or 0.0
svc = {
    "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
    "spec": {
        "type": "NodePort",
        "selector": {"app": "web"},
        "clusterIP": "10.101.7.23",
        "clusterIPs": ["10.101.7.23"],
        "ipFamilies": ["IPv4"],
        "ipFamilyPolicy": "SingleStack",
        "sessionAffinity": "None",
        "externalTrafficPolicy": "Cluster",
        "internalTrafficPolicy": "Cluster",
        "ports": [{"port": 80, "targetPort": 8080, "nodePort": 31234, "protocol": "TCP"}],
    },
}
ep = {
    "metadata": {"name": "web", "namespace": "default"},
    "subsets": [
        {
            "addresses": [{"ip": "10.244.0.7"}, {"ip": "10.244.0.8"}],
            "notReadyAddresses": [{"ip": "10.244.0.9"}],
            "ports": [{"port": 8080, "protocol": "TCP"}],
        }
    ],
}
ns = {
    "metadata": {"name": "dev", "labels": {"kubernetes.io/metadata.name": "dev"}},
    "status": {"phase": "Active"},
}
q = {
    "metadata": {"name": "compute-quota", "namespace": "dev"},
    "spec": {"hard": {"pods": "4", "requests.cpu": "2"}},
    "status": {
        "hard": {"pods": "4", "requests.cpu": "2", "requests.memory": "1Gi"},
        "used": {"pods": "3", "requests.cpu": "1500m"},
    },
}
lr = {
    "metadata": {"name": "limits", "namespace": "dev"},
    "spec": {
        "limits": [
            {
                "type": "Container",
                "max": {"cpu": "1"},
                "min": {"cpu": "100m"},
                "default": {"cpu": "500m", "memory": "256Mi"},
                "defaultRequest": {"cpu": "200m"},
            }
        ]
    },
}
sa = {
    "metadata": {"name": "default", "namespace": "dev", "uid": "u"},
    "secrets": [{"name": "gone"}],
}
cm = {
    "metadata": {"name": "app-config", "namespace": "dev"},
    "data": {"DB_HOST": "db", "cfg.yaml": "a: 1\nb: 2\n"},
    "binaryData": {"bin": "AAEC"},
}
node = {
    "metadata": {
        "name": "minikube",
        "creationTimestamp": "2025-08-06T00:00:00Z",
        "labels": {
            "kubernetes.io/hostname": "minikube",
            "node-role.kubernetes.io/control-plane": "",
        },
        "annotations": {"node.alpha.kubernetes.io/ttl": "0"},
    },
    "spec": {"podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24"]},
    "status": {
        "conditions": [
            {
                "type": "Ready",
                "status": "True",
                "lastHeartbeatTime": "2025-08-06T01:59:00Z",
                "lastTransitionTime": "2025-08-06T00:00:10Z",
                "reason": "KubeletReady",
                "message": "kubelet is posting ready status",
            }
        ],
        "addresses": [
            {"type": "InternalIP", "address": "192.168.49.2"},
            {"type": "Hostname", "address": "minikube"},
        ],
        "capacity": {
            "cpu": "4",
            "memory": "8025424Ki",
            "pods": "110",
            "ephemeral-storage": "61202244Ki",
            "hugepages-2Mi": "0",
        },
        "allocatable": {
            "cpu": "4",
            "memory": "8025424Ki",
            "pods": "110",
            "ephemeral-storage": "61202244Ki",
            "hugepages-2Mi": "0",
        },
        "nodeInfo": {
            "kubeletVersion": "v1.34.0",
            "osImage": "Ubuntu 22.04.5 LTS",
            "kernelVersion": "6.8.0",
            "containerRuntimeVersion": "docker://28.4.0",
            "operatingSystem": "linux",
            "architecture": "amd64",
            "machineID": "m",
            "systemUUID": "s",
            "bootID": "b",
            "kubeProxyVersion": "",
        },
    },
}
pods = [
    {
        "metadata": {
            "name": "web-1",
            "namespace": "default",
            "creationTimestamp": "2025-08-06T01:50:00Z",
        },
        "spec": {
            "nodeName": "minikube",
            "containers": [
                {
                    "name": "c",
                    "resources": {
                        "requests": {"cpu": "250m", "memory": "64Mi"},
                        "limits": {"cpu": "500m", "memory": "128Mi"},
                    },
                }
            ],
        },
        "status": {"phase": "Running"},
    },
    {
        "metadata": {
            "name": "coredns",
            "namespace": "kube-system",
            "creationTimestamp": "2025-08-06T00:00:00Z",
        },
        "spec": {
            "nodeName": "minikube",
            "containers": [
                {
                    "name": "c",
                    "resources": {
                        "requests": {"cpu": "100m", "memory": "70Mi"},
                        "limits": {"memory": "170Mi"},
                    },
                }
            ],
        },
        "status": {"phase": "Running"},
    },
]
lease = {
    "spec": {
        "holderIdentity": "minikube",
        "acquireTime": "2025-08-06T00:00:05.000000Z",
        "renewTime": "2025-08-06T01:59:58.000000Z",
    }
}


def test_service() -> None:
    assert describe("Service", svc, DescribeContext(endpoints=ep), NOW) == (
        "Name:                     web\n"
        "Namespace:                default\n"
        "Labels:                   app=web\n"
        "Annotations:              <none>\n"
        "Selector:                 app=web\n"
        "Type:                     NodePort\n"
        "IP Family Policy:         SingleStack\n"
        "IP Families:              IPv4\n"
        "IP:                       10.101.7.23\n"
        "IPs:                      10.101.7.23\n"
        "Port:                     <unset>  80/TCP\n"
        "TargetPort:               8080/TCP\n"
        "NodePort:                 <unset>  31234/TCP\n"
        "Endpoints:                10.244.0.7:8080,10.244.0.8:8080\n"
        "Session Affinity:         None\n"
        "External Traffic Policy:  Cluster\n"
        "Internal Traffic Policy:  Cluster\n"
        "Events:                   <none>\n"
    )


def test_endpoints() -> None:
    assert describe("Endpoints", ep, DescribeContext(), NOW) == (
        "Name:         web\n"
        "Namespace:    default\n"
        "Labels:       <none>\n"
        "Annotations:  <none>\n"
        "Subsets:\n"
        "  Addresses:          10.244.0.7,10.244.0.8\n"
        "  NotReadyAddresses:  10.244.0.9\n"
        "  Ports:\n"
        "    Name     Port  Protocol\n"
        "    ----     ----  --------\n"
        "    <unset>  8080  TCP\n"
        "\n"
        "Events:  <none>\n"
    )


def test_namespace_empty() -> None:
    assert describe("Namespace", ns, DescribeContext(quotas=[], limitranges=[]), NOW) == (
        "Name:         dev\n"
        "Labels:       kubernetes.io/metadata.name=dev\n"
        "Annotations:  <none>\n"
        "Status:       Active\n"
        "\n"
        "No resource quota.\n"
        "\n"
        "No LimitRange resource.\n"
    )


def test_namespace_quota_limits() -> None:
    assert describe("Namespace", ns, DescribeContext(quotas=[q], limitranges=[lr]), NOW) == (
        "Name:         dev\n"
        "Labels:       kubernetes.io/metadata.name=dev\n"
        "Annotations:  <none>\n"
        "Status:       Active\n"
        "\n"
        "Resource Quotas\n"
        "  Name:            compute-quota\n"
        "  Resource         Used   Hard\n"
        "  --------         ---    ---\n"
        "  pods             3      4\n"
        "  requests.cpu     1500m  2\n"
        "  requests.memory  0      1Gi\n"
        "\n"
        "Resource Limits\n"
        " Type       Resource  Min   Max  Default Request  Default Limit  Max Limit/Request Ratio\n"
        " ----       --------  ---   ---  ---------------  -------------  -----------------------\n"
        " Container  cpu       100m  1    200m             500m           -\n"
        " Container  memory    -     -    -                256Mi          -\n"
    )


def test_quota() -> None:
    assert describe("ResourceQuota", q, DescribeContext(), NOW) == (
        "Name:            compute-quota\n"
        "Namespace:       dev\n"
        "Resource         Used   Hard\n"
        "--------         ----   ----\n"
        "pods             3      4\n"
        "requests.cpu     1500m  2\n"
        "requests.memory  0      1Gi\n"
    )


def test_limitrange() -> None:
    assert describe("LimitRange", lr, DescribeContext(), NOW) == (
        "Name:       limits\n"
        "Namespace:  dev\n"
        "Type        Resource  Min   Max  Default Request  Default Limit  Max Limit/Request Ratio\n"
        "----        --------  ---   ---  ---------------  -------------  -----------------------\n"
        "Container   cpu       100m  1    200m             500m           -\n"
        "Container   memory    -     -    -                256Mi          -\n"
    )


def test_serviceaccount() -> None:
    assert describe("ServiceAccount", sa, DescribeContext(secrets=[]), NOW) == (
        "Name:                default\n"
        "Namespace:           dev\n"
        "Labels:              <none>\n"
        "Annotations:         <none>\n"
        "Image pull secrets:  <none>\n"
        "Mountable secrets:   gone (not found)\n"
        "Tokens:              <none>\n"
        "Events:              <none>\n"
    )


def test_configmap() -> None:
    assert describe("ConfigMap", cm, DescribeContext(), NOW) == (
        "Name:         app-config\n"
        "Namespace:    dev\n"
        "Labels:       <none>\n"
        "Annotations:  <none>\n"
        "\n"
        "Data\n"
        "====\n"
        "DB_HOST:\n"
        "----\n"
        "db\n"
        "\n"
        "cfg.yaml:\n"
        "----\n"
        "a: 1\n"
        "b: 2\n"
        "\n"
        "\n"
        "\n"
        "BinaryData\n"
        "====\n"
        "bin: 3 bytes\n"
        "\n"
        "Events:  <none>\n"
    )


def test_node() -> None:
    assert describe("Node", node, DescribeContext(pods=pods, lease=lease), NOW) == (
        "Name:               minikube\n"
        "Roles:              control-plane\n"
        "Labels:             kubernetes.io/hostname=minikube\n"
        "                    node-role.kubernetes.io/control-plane=\n"
        "Annotations:        node.alpha.kubernetes.io/ttl: 0\n"
        "CreationTimestamp:  Wed, 06 Aug 2025 09:00:00 +0900\n"
        "Taints:             <none>\n"
        "Unschedulable:      false\n"
        "Lease:\n"
        "  HolderIdentity:  minikube\n"
        "  AcquireTime:     Wed, 06 Aug 2025 09:00:05 +0900\n"
        "  RenewTime:       Wed, 06 Aug 2025 10:59:58 +0900\n"
        "Conditions:\n"
        "  Type    Status  LastHeartbeatTime                 "
        "LastTransitionTime                Reason         Message\n"
        "  ----    ------  -----------------                 "
        "------------------                ------         -------\n"
        "  Ready   True    Wed, 06 Aug 2025 10:59:00 +0900   Wed, 06 Aug 2025 09:00:10 "
        "+0900   KubeletReady   kubelet is posting ready status\n"
        "Addresses:\n"
        "  InternalIP:  192.168.49.2\n"
        "  Hostname:    minikube\n"
        "Capacity:\n"
        "  cpu:                4\n"
        "  ephemeral-storage:  61202244Ki\n"
        "  hugepages-2Mi:      0\n"
        "  memory:             8025424Ki\n"
        "  pods:               110\n"
        "Allocatable:\n"
        "  cpu:                4\n"
        "  ephemeral-storage:  61202244Ki\n"
        "  hugepages-2Mi:      0\n"
        "  memory:             8025424Ki\n"
        "  pods:               110\n"
        "System Info:\n"
        "  Machine ID:                 m\n"
        "  System UUID:                s\n"
        "  Boot ID:                    b\n"
        "  Kernel Version:             6.8.0\n"
        "  OS Image:                   Ubuntu 22.04.5 LTS\n"
        "  Operating System:           linux\n"
        "  Architecture:               amd64\n"
        "  Container Runtime Version:  docker://28.4.0\n"
        "  Kubelet Version:            v1.34.0\n"
        "  Kube-Proxy Version:         \n"
        "PodCIDR:                      10.244.0.0/24\n"
        "PodCIDRs:                     10.244.0.0/24\n"
        "Non-terminated Pods:          (2 in total)\n"
        "  Namespace                   Name       CPU Requests  CPU Limits  Memory "
        "Requests  Memory Limits  Age\n"
        "  ---------                   ----       ------------  ----------  "
        "---------------  -------------  ---\n"
        "  default                     web-1      250m (6%)     500m (12%)  64Mi "
        "(0%)        128Mi (1%)     10m\n"
        "  kube-system                 coredns    100m (2%)     0 (0%)      70Mi "
        "(0%)        170Mi (2%)     120m\n"
        "Allocated resources:\n"
        "  (Total limits may be over 100 percent, i.e., overcommitted.)\n"
        "  Resource           Requests    Limits\n"
        "  --------           --------    ------\n"
        "  cpu                350m (8%)   500m (12%)\n"
        "  memory             134Mi (1%)  298Mi (3%)\n"
        "  ephemeral-storage  0 (0%)      0 (0%)\n"
        "  hugepages-2Mi      0 (0%)      0 (0%)\n"
        "Events:              <none>\n"
    )
