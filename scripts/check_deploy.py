"""Check the deployment files without a cluster or a Docker engine.

- ``helm lint --strict`` of the chart with its test, production and emulator values (warnings fail);
- ``helm template`` of those, and ``kubectl kustomize`` of both overlays, every document validated
  strictly against the Kubernetes JSON schemas (kubernetes-validate) for the oldest and newest
  Kubernetes versions the chart supports; CRD kinds (the optional ServiceMonitor) are checked for
  pointing at a real Service port instead;
- the rules every workload must follow: non-root, read-only root filesystem, no privilege escalation,
  all capabilities dropped, resources set, probes on every served port, selectors that select
  something, references to ConfigMaps that exist;
- payments and secrets: the chart refuses to render without a gateway unless the emulator is asked
  for; every backend container runs in production, states whether the emulator is on, and without it
  has a gateway address and its credentials; no file carries a development key; the Secret's keys are
  documented;
- docker-compose.yml: every service, health check and ``depends_on`` condition, every variable it
  interpolates documented in .env.example, and with .env.example as shipped: production, no emulator,
  no service overriding the mode (the demo ``seed`` included).

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
# Supplies what the chart requires beyond its defaults (the payment gateway and its credentials).
TEST_VALUES = CHART / "ci" / "test-values.yaml"
EMULATOR = ("--set", "config.freedompay.emulator=true")
CONFIG_PY = ROOT / "backend" / "src" / "tessera" / "config.py"
SECRET_EXAMPLE = ROOT / "k8s" / "base" / "secret.example.yaml"
# Keys of the Secret every backend pod needs in production.
REQUIRED_SECRET_KEYS = (
    "TESSERA_DATABASE_URL",
    "TESSERA_REDIS_URL",
    "TESSERA_SECRET_KEY",
    "TESSERA_TICKET_KEYS",
    "TESSERA_PII_KEYS",
    "TESSERA_PII_FINGERPRINT_KEY",
    "TESSERA_FREEDOMPAY_MERCHANT_ID",
    "TESSERA_FREEDOMPAY_SECRET_KEY",
)
GATEWAY_CREDENTIALS = ("TESSERA_FREEDOMPAY_MERCHANT_ID", "TESSERA_FREEDOMPAY_SECRET_KEY")
# Compose services running the backend image, and the secrets `docker compose up` must refuse to start without.
COMPOSE_BACKEND = {"migrate", "api", "worker", "scheduler", "seed"}
COMPOSE_REQUIRED = (
    "TESSERA_SECRET_KEY",
    "TESSERA_TICKET_KEYS",
    "TESSERA_PII_KEYS",
    "TESSERA_PII_FINGERPRINT_KEY",
    "TESSERA_FREEDOMPAY_SECRET_KEY",
    "TESSERA_DATABASE_URL",
)
# Settings that come from .env alone: a service overriding them could run production in development mode.
COMPOSE_FROM_ENV_FILE = ("TESSERA_ENV", "TESSERA_FREEDOMPAY_EMULATOR")
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


def run_failing(where: str, command: list[str], mentions: list[str]) -> None:
    """The command must fail, and its error must name each of ``mentions``."""
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    if result.returncode == 0:
        fail(where, "rendered although it must fail")
    for word in mentions:
        if word not in output:
            fail(where, f"failed without naming {word}:\n{output.strip()}")


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


def development_keys() -> dict[str, str]:
    """The backend's public development keys: no deployment file may carry one."""
    found = dict(re.findall(r'^(DEVELOPMENT_\w*KEYS?\w*) = "([^"]+)"', CONFIG_PY.read_text(), re.MULTILINE))
    if not found:
        fail(str(CONFIG_PY.relative_to(ROOT)), "defines no DEVELOPMENT_*KEY constants to look for")
    return found


def check_no_development_keys(where: str, text: str, keys: dict[str, str]) -> None:
    for name, value in keys.items():
        if value in text:
            fail(where, f"contains the backend's public {name}")


def env_sources(
    container: dict[str, Any], config_maps: dict[str, dict[str, str]]
) -> tuple[dict[str, str], set[str], bool]:
    """A container's literal settings, the keys it reads from Secrets, and whether it loads a whole Secret."""
    settings: dict[str, str] = {}
    secret_keys: set[str] = set()
    whole_secret = False
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            settings.update(config_maps.get(source["configMapRef"]["name"], {}))
        if "secretRef" in source:
            whole_secret = True
    for variable in container.get("env", []):
        name, ref = variable["name"], variable.get("valueFrom", {})
        if "value" in variable:
            settings[name] = str(variable["value"])
        elif "secretKeyRef" in ref:
            settings.pop(name, None)
            secret_keys.add(name)
        elif "configMapKeyRef" in ref:
            key = ref["configMapKeyRef"]
            settings[name] = config_maps.get(key["name"], {}).get(key["key"], "")
    return settings, secret_keys, whole_secret


def check_settings(name: str, docs: list[dict[str, Any]], emulator: bool, named_credentials: bool) -> None:
    """Every backend container: production mode, the emulator stated, and without it a gateway and credentials
    (with ``named_credentials``, each credential read by name from a Secret, as the chart does)."""
    config_maps = {d["metadata"]["name"]: d.get("data", {}) for d in docs if d["kind"] == "ConfigMap"}
    for data in config_maps.values():
        if data.get("TESSERA_ENV", "production") != "production":
            fail(name, f"a ConfigMap sets TESSERA_ENV={data['TESSERA_ENV']}")
    backend = web = 0
    for doc in docs:
        if doc["kind"] not in WORKLOAD_KINDS:
            continue
        for container in containers(pod_spec(doc)):
            where = f"{name} {doc['kind']}/{doc['metadata']['name']} container {container['name']}"
            settings, secret_keys, whole_secret = env_sources(container, config_maps)
            if "tessera-web" in container["image"]:
                web += 1
                if "TESSERA_WEB_TRUSTED_PROXIES" not in settings:
                    fail(where, "does not set TESSERA_WEB_TRUSTED_PROXIES")
                continue
            backend += 1
            if settings.get("TESSERA_ENV") != "production":
                fail(where, f"TESSERA_ENV is {settings.get('TESSERA_ENV')!r}, not production")
            state = settings.get("TESSERA_FREEDOMPAY_EMULATOR")
            if state != ("true" if emulator else "false"):
                fail(where, f"TESSERA_FREEDOMPAY_EMULATOR is {state!r}, expected {str(emulator).lower()!r}")
            base_url = settings.get("TESSERA_FREEDOMPAY_BASE_URL", "")
            if emulator and base_url:
                fail(where, "sets TESSERA_FREEDOMPAY_BASE_URL, which turns the emulator off")
            if not emulator:
                if not base_url.startswith("https://"):
                    fail(where, f"TESSERA_FREEDOMPAY_BASE_URL is {base_url!r}, not the gateway's https address")
                for key in GATEWAY_CREDENTIALS:
                    if key in settings:
                        fail(where, f"{key} is a literal value, not read from a Secret")
                    elif key not in secret_keys and (named_credentials or not whole_secret):
                        fail(where, f"does not read {key} by name from a Secret")
    if not backend or not web:
        fail(name, f"found {backend} backend and {web} web containers")


def check_chart_requires_gateway(helm: str) -> None:
    """The chart's defaults alone (no gateway, no credentials) must not render: the emulator is opt-in."""
    template = [helm, "template", "tessera", str(CHART), "--namespace", "tessera"]
    # The schema's if/then names the values; the template's own guard covers --skip-schema-validation.
    run_failing(
        "helm template (default values)",
        template,
        ["/config/freedompay/baseUrl", "/config/freedompay/credentialsSecret"],
    )
    run_failing(
        "helm template (default values, no schema)",
        [*template, "--skip-schema-validation"],
        ["baseUrl", "credentialsSecret", "emulator"],
    )
    run_failing(
        "helm template (baseUrl without credentialsSecret)",
        [*template, "--set", "config.freedompay.baseUrl=https://api.freedompay.kz"],
        ["/config/freedompay/credentialsSecret"],
    )
    run_failing(
        "helm template (emulator with a baseUrl)",
        [*template, *EMULATOR, "--set", "config.freedompay.baseUrl=https://api.freedompay.kz"],
        ["/config/freedompay/baseUrl"],
    )


def check_secret_documented() -> None:
    """Every key the pods need is in the kustomize Secret template, the chart's values and notes, and the guide."""
    example = yaml.safe_load(SECRET_EXAMPLE.read_text())
    places = {
        str(SECRET_EXAMPLE.relative_to(ROOT)): " ".join(example.get("stringData", {})),
        "helm/tessera/values.yaml": (CHART / "values.yaml").read_text(),
        "helm/tessera/templates/NOTES.txt": (CHART / "templates" / "NOTES.txt").read_text(),
        "k8s/README.md": (ROOT / "k8s" / "README.md").read_text(),
        "docs/deploy.md": (ROOT / "docs" / "deploy.md").read_text(),
    }
    for where, text in places.items():
        for key in REQUIRED_SECRET_KEYS:
            if key not in text:
                fail(where, f"does not list the Secret key {key}")


def interpolate(text: str, variables: dict[str, str], where: str) -> str:
    """Compose's interpolation: $VAR, ${VAR}, the default (:- -), required (:? ?) and alternative (:+ +) forms,
    nested, and $$ for a literal dollar. A missing required variable raises ValueError with its message."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text.startswith("$$", i):
            out.append("$")
            i += 2
        elif text.startswith("${", i):
            depth, j = 1, i + 2
            while depth:
                if j >= len(text):
                    raise SystemExit(f"{where}: unterminated ${{ in {text!r}")
                if text.startswith("${", j):
                    depth, j = depth + 1, j + 2
                    continue
                if text[j] == "}":
                    depth -= 1
                j += 1
            body = text[i + 2 : j - 1]
            match = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])(.*))?", body, re.DOTALL)
            if not match:
                raise SystemExit(f"{where}: cannot read ${{{body}}}")
            name, op, arg = match.group(1), match.group(2) or "", match.group(3) or ""
            value = variables.get(name)
            present = value is not None and (value != "" or not op.startswith(":"))
            if op in ("", ":-", "-"):
                out.append((value or "") if present or not op else interpolate(arg, variables, where))
            elif op in (":?", "?"):
                if not present:
                    raise ValueError(f"{name}: {interpolate(arg, variables, where)}")
                out.append(value or "")
            else:
                out.append(interpolate(arg, variables, where) if present else "")
            i = j
        else:
            match = re.match(r"\$([A-Za-z_][A-Za-z0-9_]*)", text[i:])
            if match:
                out.append(variables.get(match.group(1), ""))
                i += match.end()
            else:
                out.append(text[i])
                i += 1
    return "".join(out)


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=value lines as Compose reads .env: comments skipped, quotes removed, ${...} filled from earlier lines."""
    variables: dict[str, str] = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", line.strip())
        if not match:
            continue
        value = match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        variables[match.group(1)] = interpolate(value, variables, path.name)
    return variables


def compose_environment(services: dict[str, Any], variables: dict[str, str], where: str) -> dict[str, dict[str, str]]:
    """Each backend service's environment as its container sees it: image defaults, then .env, then environment."""
    result = {}
    for name in sorted(COMPOSE_BACKEND & services.keys()):
        environment = {"TESSERA_ENV": "production"} | variables  # the image sets TESSERA_ENV=production
        for key, value in (services[name].get("environment") or {}).items():
            try:
                environment[key] = interpolate("" if value is None else str(value), variables, where)
            except ValueError as exc:
                fail(f"{where} service {name}", f"does not start: {exc}")
        result[name] = environment
    return result


def check_compose_settings(compose: dict[str, Any], keys: dict[str, str]) -> None:
    services: dict[str, Any] = compose["services"]
    shared = compose.get("x-backend", {}).get("environment", {})
    for name, service in services.items():
        for key in COMPOSE_FROM_ENV_FILE:
            value = (service.get("environment") or {}).get(key)
            # Passing .env's value on (the web service, which runs no backend code) is not an override.
            if value is not None and not str(value).startswith(f"${{{key}"):
                fail(f"docker-compose.yml service {name}", f"overrides {key}, which only .env may set")
        for key, value in (service.get("environment") or {}).items():
            if "sandbox" in str(value):
                fail(f"docker-compose.yml service {name}", f"{key} points at the payment emulator: {value}")
    if "seed" in services and services["seed"].get("environment") != shared:
        fail("docker-compose.yml service seed", "overrides the environment every backend service shares")
    for key in COMPOSE_REQUIRED:
        if not re.fullmatch(rf"\$\{{{key}:\?.+\}}", str(shared.get(key, ""))):
            fail("docker-compose.yml x-backend", f"does not stop `docker compose up` without {key}")
    if "TESSERA_WEB_TRUSTED_PROXIES" not in (services.get("web", {}).get("environment") or {}):
        fail("docker-compose.yml service web", "does not set TESSERA_WEB_TRUSTED_PROXIES")

    # .env.example as shipped, with its empty secrets filled in: production, no emulator, one gateway.
    shipped = read_env_file(ROOT / ".env.example")
    check_no_development_keys(".env.example", (ROOT / ".env.example").read_text(), keys)
    filled = {
        k: v or ("x" * 64 if k in COMPOSE_REQUIRED or k == "POSTGRES_PASSWORD" else v) for k, v in shipped.items()
    }
    if shipped.get("TESSERA_ENV") != "production":
        fail(".env.example", "must set TESSERA_ENV=production (a local trial changes it on purpose)")
    environments = compose_environment(services, filled, "docker-compose.yml with .env.example")
    for name, environment in environments.items():
        where = f"docker-compose.yml service {name} with .env.example"
        if environment.get("TESSERA_ENV") != "production":
            fail(where, f"runs with TESSERA_ENV={environment.get('TESSERA_ENV')}")
        if environment.get("TESSERA_FREEDOMPAY_EMULATOR", "false").lower() in ("1", "true", "yes", "on"):
            fail(where, "turns the payment emulator on")
    if len({e.get("TESSERA_FREEDOMPAY_BASE_URL", "") for e in environments.values()}) > 1:
        fail("docker-compose.yml with .env.example", "backend services disagree on TESSERA_FREEDOMPAY_BASE_URL")

    # The local trial .env.example describes: the worker and scheduler reach the API's emulator, the API serves it.
    trial = filled | {
        "TESSERA_ENV": "development",
        "TESSERA_FREEDOMPAY_MERCHANT_ID": "552210",
        "WORKER_FREEDOMPAY_BASE_URL": "http://api:8000/sandbox/freedompay",
    }
    environments = compose_environment(services, trial, "docker-compose.yml as a local trial")
    for name, environment in environments.items():
        expected = trial["WORKER_FREEDOMPAY_BASE_URL"] if name in ("worker", "scheduler") else ""
        if environment.get("TESSERA_FREEDOMPAY_BASE_URL", "") != expected:
            fail(
                f"docker-compose.yml service {name} as a local trial",
                f"TESSERA_FREEDOMPAY_BASE_URL is not {expected!r}",
            )


def check_compose(keys: dict[str, str]) -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services: dict[str, Any] = compose["services"]
    check_no_development_keys("docker-compose.yml", (ROOT / "docker-compose.yml").read_text(), keys)
    check_compose_settings(compose, keys)
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
    chart_values = {
        "helm (ci/test-values.yaml)": ["-f", str(TEST_VALUES)],
        "helm (values-prod.yaml)": ["-f", str(CHART / "values-prod.yaml")],
        "helm (emulator on)": list(EMULATOR),
    }
    for name, values in chart_values.items():
        output = run(helm, "lint", "--strict", str(CHART), *values)
        if "[WARNING]" in output or "[ERROR]" in output:
            fail(f"helm lint {name}", output.strip())
    check_chart_requires_gateway(helm)
    renders = {
        name: run(helm, "template", "tessera", str(CHART), "--namespace", "tessera", *values)
        for name, values in chart_values.items()
    }
    renders["kustomize dev"] = run(kubectl, "kustomize", str(ROOT / "k8s" / "overlays" / "dev"))
    renders["kustomize prod"] = run(kubectl, "kustomize", str(ROOT / "k8s" / "overlays" / "prod"))
    keys = development_keys()
    for name, text in renders.items():
        docs = documents(text)
        check_render(name, docs)
        emulator = name == "helm (emulator on)"
        check_settings(name, docs, emulator, named_credentials=name.startswith("helm") and not emulator)
        check_no_development_keys(name, text, keys)
    for path in sorted([*CHART.rglob("*.yaml"), *(ROOT / "k8s").rglob("*.yaml")]):
        check_no_development_keys(str(path.relative_to(ROOT)), path.read_text(), keys)
    check_secret_documented()
    check_compose(keys)
    if problems:
        print(f"\n{len(problems)} problem(s):", *problems, sep="\n- ", file=sys.stderr)
        return 1
    print(f"deployment files are valid for Kubernetes {' and '.join(KUBERNETES_VERSIONS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
