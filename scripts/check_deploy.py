"""Check the deployment files without a cluster or a Docker engine.

- ``helm lint --strict`` of the chart with its default and production values (warnings fail);
- ``helm template`` of both, and ``kubectl kustomize`` of both overlays, every document validated
  strictly against the Kubernetes JSON schemas (kubernetes-validate) for the oldest and newest
  Kubernetes versions the chart supports; CRD kinds (the optional ServiceMonitor) are checked for
  pointing at a real Service port instead;
- the rules every workload must follow: non-root, read-only root filesystem, no privilege escalation,
  all capabilities dropped, resources set, probes on every served port, selectors that select
  something, references to ConfigMaps that exist;
- docker-compose.yml: every service, health check and ``depends_on`` condition, and every variable
  it interpolates documented in .env.example.

Run through ``make check-deploy`` (which installs the tools into .tools/).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".tools" / "bin"
CHART = ROOT / "helm" / "tessera"
KUBERNETES_VERSIONS = ("1.27.0", kubernetes_validate.latest_version())  # Chart.yaml kubeVersion: >=1.27
CRD_GROUPS = ("monitoring.coreos.com/",)
WORKLOAD_KINDS = {"Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"}
COMPOSE_SERVICES = {"postgres", "redis", "mailpit", "migrate", "api", "worker", "scheduler", "web"}
# Long-running services answer a health check; one-shot jobs (migrate, seed) do not need one.
COMPOSE_HEALTHCHECKED = {"postgres", "redis", "mailpit", "api", "web"}

problems: list[str] = []


def fail(where: str, message: str) -> None:
    problems.append(f"{where}: {message}")


def run(*command: str) -> str:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    if result.stderr.strip():
        fail(" ".join(command[:3]), f"printed warnings:\n{result.stderr.strip()}")
    return result.stdout


def documents(text: str) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(text) if doc]


def pod_spec(doc: dict[str, Any]) -> dict[str, Any]:
    spec = doc["spec"]
    if doc["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return dict(spec["template"]["spec"])


def pod_labels(doc: dict[str, Any]) -> dict[str, str]:
    spec = doc["spec"]
    if doc["kind"] == "CronJob":
        spec = spec["jobTemplate"]["spec"]
    return dict(spec["template"]["metadata"].get("labels", {}))


def selects(selector: dict[str, str], labels: dict[str, str]) -> bool:
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def containers(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from spec.get("initContainers", [])
    yield from spec["containers"]


def check_workload(where: str, doc: dict[str, Any]) -> None:
    spec = pod_spec(doc)
    pod_security = spec.get("securityContext", {})
    if pod_security.get("runAsNonRoot") is not True:
        fail(where, "pod securityContext.runAsNonRoot is not true")
    if pod_security.get("seccompProfile", {}).get("type") != "RuntimeDefault":
        fail(where, "pod seccompProfile is not RuntimeDefault")
    for container in containers(spec):
        name = f"{where} container {container['name']}"
        security = container.get("securityContext", {})
        if security.get("readOnlyRootFilesystem") is not True:
            fail(name, "root filesystem is writable")
        if security.get("allowPrivilegeEscalation") is not False:
            fail(name, "allowPrivilegeEscalation is not false")
        if "ALL" not in security.get("capabilities", {}).get("drop", []):
            fail(name, "capabilities are not all dropped")
        resources = container.get("resources", {})
        if not resources.get("requests") or not resources.get("limits", {}).get("memory"):
            fail(name, "resources.requests and a memory limit are required")
        if container.get("ports") and doc["kind"] == "Deployment":
            for probe in ("livenessProbe", "readinessProbe"):
                if probe not in container:
                    fail(name, f"serves a port but has no {probe}")


def check_render(name: str, docs: list[dict[str, Any]]) -> None:
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        by_kind.setdefault(doc["kind"], []).append(doc)
        where = f"{name} {doc['kind']}/{doc['metadata']['name']}"
        if doc["apiVersion"].startswith(CRD_GROUPS):
            continue
        for version in KUBERNETES_VERSIONS:
            try:
                kubernetes_validate.validate(doc, version, strict=True)
            except kubernetes_validate.ValidationError as exc:
                path = "/".join(str(p) for p in exc.path)
                fail(where, f"invalid for Kubernetes {version} at {path or '(root)'}: {exc.message}")
            except kubernetes_validate.SchemaNotFoundError:
                fail(where, f"{doc['apiVersion']} {doc['kind']} does not exist in Kubernetes {version}")
        if doc["kind"] in WORKLOAD_KINDS:
            check_workload(where, doc)

    workloads = [d for d in docs if d["kind"] in WORKLOAD_KINDS]
    deployments = {d["metadata"]["name"]: d for d in by_kind.get("Deployment", [])}
    config_maps = {d["metadata"]["name"] for d in by_kind.get("ConfigMap", [])}
    for service in by_kind.get("Service", []):
        selector = service["spec"].get("selector", {})
        if not any(selects(selector, pod_labels(d)) for d in deployments.values()):
            fail(f"{name} Service/{service['metadata']['name']}", "selects no Deployment's pods")
    for pdb in by_kind.get("PodDisruptionBudget", []):
        selector = pdb["spec"]["selector"].get("matchLabels", {})
        if not any(selects(selector, pod_labels(d)) for d in deployments.values()):
            fail(f"{name} PodDisruptionBudget/{pdb['metadata']['name']}", "selects no Deployment's pods")
    for hpa in by_kind.get("HorizontalPodAutoscaler", []):
        target = hpa["spec"]["scaleTargetRef"]["name"]
        if target not in deployments:
            fail(f"{name} HorizontalPodAutoscaler/{hpa['metadata']['name']}", f"scales missing Deployment {target}")
        elif "replicas" in deployments[target]["spec"]:
            fail(f"{name} Deployment/{target}", "sets replicas although an autoscaler owns them")
    for workload in workloads:
        for container in containers(pod_spec(workload)):
            for source in container.get("envFrom", []):
                ref = source.get("configMapRef", {}).get("name")
                if ref and ref not in config_maps:
                    fail(f"{name} {workload['kind']}/{workload['metadata']['name']}", f"needs missing ConfigMap {ref}")
    services = by_kind.get("Service", [])
    for monitor in by_kind.get("ServiceMonitor", []):
        selector = monitor["spec"]["selector"].get("matchLabels", {})
        ports = {e["port"] for e in monitor["spec"]["endpoints"] if "port" in e}
        matched = [s for s in services if selects(selector, s["metadata"].get("labels", {}))]
        if not matched or not ports <= {p.get("name") for s in matched for p in s["spec"]["ports"]}:
            fail(f"{name} ServiceMonitor/{monitor['metadata']['name']}", "does not point at a named Service port")
    kinds = ", ".join(f"{kind} x{len(items)}" for kind, items in sorted(by_kind.items()))
    print(f"{name}: {len(docs)} documents ({kinds})")


def check_compose() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services: dict[str, Any] = compose["services"]
    for missing in sorted(COMPOSE_SERVICES - services.keys()):
        fail("docker-compose.yml", f"service {missing} is missing")
    for name, service in services.items():
        where = f"docker-compose.yml service {name}"
        if name in COMPOSE_HEALTHCHECKED and not service.get("healthcheck", {}).get("test"):
            fail(where, "has no healthcheck")
        depends = service.get("depends_on", {})
        if isinstance(depends, list):
            fail(where, "depends_on must state a condition for each service")
            continue
        for other, rule in depends.items():
            condition = rule.get("condition")
            if other not in services:
                fail(where, f"depends on unknown service {other}")
            elif condition == "service_healthy" and not services[other].get("healthcheck"):
                fail(where, f"waits for {other} to be healthy but it has no healthcheck")
            elif condition not in ("service_healthy", "service_completed_successfully", "service_started"):
                fail(where, f"unknown depends_on condition {condition!r}")
    if services.get("api", {}).get("depends_on", {}).get("migrate", {}).get("condition") != (
        "service_completed_successfully"
    ):
        fail("docker-compose.yml service api", "must start only after the migrations completed")
    text = (ROOT / "docker-compose.yml").read_text()
    used = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", text))
    documented = set(re.findall(r"^#?\s*([A-Z_][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    for variable in sorted(used - documented):
        fail("docker-compose.yml", f"uses ${{{variable}}} which .env.example does not document")
    print(f"docker-compose.yml: {len(services)} services, {len(used)} variables documented in .env.example")


def main() -> int:
    helm, kubectl = str(BIN / "helm"), str(BIN / "kubectl")
    prod_values = str(CHART / "values-prod.yaml")
    for values in ([], ["-f", prod_values]):
        output = run(helm, "lint", "--strict", str(CHART), *values)
        if "[WARNING]" in output or "[ERROR]" in output:
            fail(f"helm lint {' '.join(values) or '(default values)'}", output.strip())
    renders = {
        "helm (default values)": run(helm, "template", "tessera", str(CHART), "--namespace", "tessera"),
        "helm (values-prod.yaml)": run(
            helm, "template", "tessera", str(CHART), "--namespace", "tessera", "-f", prod_values
        ),
        "kustomize dev": run(kubectl, "kustomize", str(ROOT / "k8s" / "overlays" / "dev")),
        "kustomize prod": run(kubectl, "kustomize", str(ROOT / "k8s" / "overlays" / "prod")),
    }
    for name, text in renders.items():
        check_render(name, documents(text))
    check_compose()
    if problems:
        print(f"\n{len(problems)} problem(s):", *problems, sep="\n- ", file=sys.stderr)
        return 1
    print(f"deployment files are valid for Kubernetes {' and '.join(KUBERNETES_VERSIONS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
