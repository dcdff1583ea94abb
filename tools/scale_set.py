"""The scaled-out assistant as local processes: the same set as docker-compose.yml, where Docker is not running.

    .venv/bin/python -m tools.scale_set [--instances 2]     # Ctrl-C stops it all

PostgreSQL holds the conversations and Redis the per-conversation locks, so any
Rasa instance can answer any turn: Rasa's lock store makes the turns of one
conversation wait for each other whichever instance they reach. Each Rasa
instance has its action gateway, which takes the action servers in turn; nginx
spreads the requests over the Rasa instances (round robin: the REST channel and
the messaging webhooks need no sticky sessions). Everything listens on
127.0.0.1 on free ports, with a new password for each server; the data lives in
temporary directories and goes when the set stops. It is tools/local_servers.py's
set, as the tests use it: one secret per run, and no rate limits.

PostgreSQL, Redis and nginx are Debian's packages (`make scale-deps`). PostgreSQL
refuses to run as root, so as root its files belong to, and it runs as, the
`postgres` user the package created.
"""
from __future__ import annotations

import argparse
import glob
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from tools.local_servers import HOST, ActionServer, Process, RasaServer, running

DATABASE = "conversations"
USER = "rasa"


def _postgres_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"), key=lambda p: int(Path(p).parts[4]))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run `make scale-deps`.")
    return Path(found[-1]).parent


def _as_service_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PostgresServer(Process):
    """A new PostgreSQL cluster in a temporary directory, with the conversation database made before Rasa starts."""

    name = "postgres"
    start_timeout = 60.0

    def __init__(self, log_dir: Path) -> None:
        super().__init__(log_dir)
        self.password = secrets.token_hex(16)
        self.home = Path(tempfile.mkdtemp(prefix="assistant-postgres-"))
        self.data = self.home / "data"

    def start(self) -> None:
        bin_dir = _postgres_bin()
        password_file = self.home / "password"
        password_file.write_text(self.password)
        if os.geteuid() == 0:
            shutil.chown(self.home, "postgres", "postgres")
            shutil.chown(password_file, "postgres", "postgres")
        subprocess.run(_as_service_user([str(bin_dir / "initdb"), "-D", str(self.data), "-U", USER,
                                         f"--pwfile={password_file}", "--auth-host=scram-sha-256",
                                         "--auth-local=scram-sha-256", "-E", "UTF8"]),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        password_file.unlink()
        super().start()
        self._create_database()

    def command(self) -> list[str]:
        return _as_service_user([str(_postgres_bin() / "postgres"), "-D", str(self.data), "-p", str(self.port),
                                 "-c", f"listen_addresses={HOST}", "-c", "unix_socket_directories="])

    def connect(self, database: str = "postgres") -> Any:
        import psycopg2

        return psycopg2.connect(host=HOST, port=self.port, user=USER, password=self.password, dbname=database)

    def is_ready(self) -> bool:
        import psycopg2

        try:
            self.connect().close()
        except psycopg2.OperationalError:
            return False
        return True

    def _create_database(self) -> None:
        """Made here, once: two Rasa instances starting together would both try to create it."""
        connection = self.connect()
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {DATABASE}")
        connection.close()

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.home, ignore_errors=True)

    def tracker_store(self) -> dict[str, Any]:
        """The endpoints.yml section every Rasa instance uses (as endpoints.postgres.yml, filled in)."""
        return {"type": "stores.redacting.RedactingSQLTrackerStore", "dialect": "postgresql", "url": HOST,
                "port": self.port, "db": DATABASE, "username": USER, "password": self.password}


class RedisServer(Process):
    """Redis for the lock store (stores/redis_lock.py): memory only, a password, loopback only."""

    name = "redis"

    def __init__(self, log_dir: Path) -> None:
        super().__init__(log_dir)
        self.password = secrets.token_hex(16)

    def command(self) -> list[str]:
        return ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
                "--requirepass", self.password]

    def is_ready(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(host=HOST, port=self.port, password=self.password).ping())
        except redis.ConnectionError:
            return False

    def lock_store(self) -> dict[str, Any]:
        return {"type": "stores.redis_lock.AtomicRedisLockStore", "url": HOST, "port": self.port,
                "password": self.password, "db": 1, "key_prefix": "assistant"}


class Nginx(Process):
    """nginx in front of the Rasa instances: round robin, the REST channel's 256 KB limit, the client's address."""

    name = "nginx"

    def __init__(self, log_dir: Path, upstreams: list[str]) -> None:
        super().__init__(log_dir)
        self.upstreams = upstreams
        # Its own directory, readable by the worker processes (nobody, when started as root).
        self.home = Path(tempfile.mkdtemp(prefix="assistant-nginx-"))
        self.home.chmod(0o755)

    def config(self) -> str:
        servers = "\n".join(f"    server {url.removeprefix('http://')};" for url in self.upstreams)
        temp = "\n".join(f"  {kind}_temp_path {self.home}/{kind};" for kind in
                         ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        return f"""worker_processes 1;
pid {self.home}/nginx.pid;
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  server_tokens off;
{temp}
  upstream rasa {{
{servers}
    keepalive 32;
  }}
  server {{
    listen {HOST}:{self.port};
    client_max_body_size 256k;
    location / {{
      proxy_pass http://rasa;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_read_timeout 60s;
      proxy_next_upstream error timeout;
    }}
  }}
}}
"""

    def start(self) -> None:
        (self.home / "nginx.conf").write_text(self.config())
        super().start()

    def command(self) -> list[str]:
        return ["nginx", "-p", str(self.home), "-c", str(self.home / "nginx.conf"), "-g", "daemon off;"]

    def is_ready(self) -> bool:
        from tools.local_servers import answers_200

        return answers_200(f"{self.url}/")

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.home, ignore_errors=True)


class ScaleSet:
    """PostgreSQL, Redis, `instances` action servers and Rasa instances (each with its gateway), and nginx."""

    def __init__(self, log_dir: Path, instances: int = 2, env: dict[str, str] | None = None) -> None:
        self.postgres, self.redis = PostgresServer(log_dir), RedisServer(log_dir)
        self.actions = [ActionServer(log_dir, name=f"actions-{n}") for n in range(1, instances + 1)]
        stores = {"tracker_store": self.postgres.tracker_store(), "lock_store": self.redis.lock_store()}
        # Behind nginx, the client's address is the first X-Forwarded-For hop (channels/rest.py rate limits).
        rasa_env = {"SANIC_PROXIES_COUNT": "1", **(env or {})}
        self.rasa = [RasaServer(log_dir, [a.url for a in self.actions], stores=stores, env=rasa_env,
                                name=f"rasa-{n}") for n in range(1, instances + 1)]
        self.nginx = Nginx(log_dir, [r.url for r in self.rasa])

    def servers(self) -> list[Any]:
        return [self.postgres, self.redis, *self.actions, *self.rasa, self.nginx]

    @property
    def url(self) -> str:
        return self.nginx.url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--instances", type=int, default=2)
    args = parser.parse_args()
    log_dir = Path(tempfile.mkdtemp(prefix="assistant-scale-logs-"))
    scale = ScaleSet(log_dir, args.instances)
    with running(*scale.servers()):
        print(f"The assistant answers at {scale.url}/webhooks/rest/webhook "
              f"({args.instances} Rasa instances, {args.instances} action servers); logs in {log_dir}. "
              "Ctrl-C stops it.", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
