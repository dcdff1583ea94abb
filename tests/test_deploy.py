"""The deployment files keep the safe defaults docs/deploy.md promises (they cannot be run here: no Docker daemon)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
KUBERNETES = list(yaml.safe_load_all((ROOT / "deploy" / "kubernetes" / "assistant.yaml").read_text()))
SECRET_NAME = re.compile(r"TOKEN|KEY|PASSWORD")


def kinds(kind: str) -> list[dict[str, Any]]:
    return [doc for doc in KUBERNETES if doc["kind"] == kind]


def containers() -> list[dict[str, Any]]:
    return [c for d in kinds("Deployment") for c in d["spec"]["template"]["spec"]["containers"]]


def test_compose_runs_two_rasa_instances_and_two_action_servers_on_shared_stores() -> None:
    services = COMPOSE["services"]
    assert {"rasa-1", "rasa-2", "actions-1", "actions-2", "postgres", "redis", "nginx"} <= set(services)
    for n in ("1", "2"):  # each instance with its own gateway, which takes both action servers in turn
        env = services[f"rasa-{n}"]["environment"]
        assert env["TRACKER_DB_HOST"] == "postgres" and env["REDIS_HOST"] == "redis"
        assert env["ACTION_SERVER_URL"] == f"http://gateway-{n}:5055/webhook"
        assert services[f"gateway-{n}"]["environment"]["ACTION_UPSTREAM_URLS"].count("/webhook") == 2


def test_compose_has_no_default_secrets_and_publishes_only_nginx_on_loopback() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    for variable in ("ACTION_SERVER_TOKEN", "SENDER_ID_KEY", "POSTGRES_PASSWORD", "REDIS_PASSWORD"):
        uses = re.findall(r"\$\{" + variable + r"([^}]*)\}", text)
        assert uses and all(use.startswith(":?") for use in uses), variable
    published = {name: s["ports"] for name, s in COMPOSE["services"].items() if "ports" in s}
    assert list(published) == ["nginx"] and all(p.startswith("127.0.0.1:") for p in published["nginx"])


def test_the_images_carry_no_conversations_keys_or_virtual_environment() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {"var/", ".venv/", "build/", "deploy/docker/.env"} <= set(ignored)


def test_the_images_keep_the_http_api_off_and_run_as_a_user() -> None:
    for name in ("rasa", "actions"):
        dockerfile = (ROOT / "deploy" / "docker" / f"{name}.Dockerfile").read_text()
        assert "--enable-api" not in dockerfile and "USER 1001" in dockerfile
        assert re.search(r"^FROM rasa/rasa(-sdk)?:3\.6\.\d+$", dockerfile, re.M)
    assert "enable-api" not in (ROOT / "docker-compose.yml").read_text()


def test_kubernetes_secrets_come_from_the_cluster_and_every_container_is_limited_and_probed() -> None:
    for container in containers():
        assert container["resources"]["limits"]["memory"] and container["resources"]["limits"]["cpu"]
        assert "readinessProbe" in container, container["name"]
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        for variable in container.get("env", []):
            if SECRET_NAME.search(variable["name"]):
                assert "secretKeyRef" in variable.get("valueFrom", {}), variable["name"]
    for deployment in kinds("Deployment"):
        assert deployment["spec"]["template"]["spec"]["securityContext"]["runAsNonRoot"] is True


def test_kubernetes_scales_on_cpu_with_tls_at_the_ingress_and_cors_limited() -> None:
    scaled = {hpa["spec"]["scaleTargetRef"]["name"] for hpa in kinds("HorizontalPodAutoscaler")}
    assert scaled == {d["metadata"]["name"] for d in kinds("Deployment")}
    assert all(hpa["spec"]["minReplicas"] >= 2 for hpa in kinds("HorizontalPodAutoscaler"))
    (ingress,) = kinds("Ingress")
    assert ingress["spec"]["tls"]
    cors = [v["value"] for c in containers() for v in c.get("env", []) if v["name"] == "RASA_CORS"]
    assert cors and all(value.startswith("https://") and "*" not in value for value in cors)


def test_shared_stores_come_with_the_atomic_lock_store() -> None:
    endpoints = yaml.safe_load((ROOT / "endpoints.postgres.yml").read_text())
    assert endpoints["lock_store"]["type"] == "stores.redis_lock.AtomicRedisLockStore"
    assert endpoints["action_endpoint"]["enable_selective_domain"] is True
