"""The action server: rasa_sdk's own app, answering only Rasa, and saying nothing of a conversation when it fails.

    ACTION_SERVER_TOKEN=... python -m actions.server [--port N]    (port: --port, else ACTION_PORT, else 5056)

Rasa reaches it through the action gateway on 5055 (gateway/actions.py).

Why not `rasa run actions`: that server answers anyone who can reach it, and when an
action fails its error handler sends back the whole request (the tracker: everything the
person said) with the exception's text, and logs both. Here the SDK builds the same app
(rasa_sdk.endpoint.create_app, with its arguments and logging options), and this module
adds three things:

- every request but GET /health must carry `Authorization: Bearer $ACTION_SERVER_TOKEN`
  (endpoints.yml sends it), or gets 401; the server does not start without a token of at
  least 32 characters;
- an error answers with a generic JSON body, and is logged as the exception's type and
  the action's name only;
- it listens on 127.0.0.1 unless ACTION_HOST says otherwise.
"""
from __future__ import annotations

import hmac
import json
import logging
import os
import sys
import zlib
from collections.abc import Mapping
from http import HTTPStatus

from rasa_sdk import utils
from rasa_sdk.constants import APPLICATION_ROOT_LOGGER_NAME
from rasa_sdk.endpoint import create_app, create_argument_parser, create_ssl_context
from rasa_sdk.plugin import plugin_manager
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.domain import local_domain
from tools.privacy_logging import install as install_log_redaction

TOKEN_VARIABLE = "ACTION_SERVER_TOKEN"
DEFAULT_PORT = 5056  # the SDK's 5055 is the gateway's, which endpoints.yml names
MIN_TOKEN_LENGTH = 32
OPEN_PATHS = frozenset({"/health"})  # what a load balancer or a test may ask without the token

logger = logging.getLogger("actions.server")  # also when run as __main__


def read_token(environ: Mapping[str, str]) -> str:
    """The shared secret, or SystemExit: without one, anyone on the machine could run the actions."""
    token = environ.get(TOKEN_VARIABLE, "")
    if len(token) < MIN_TOKEN_LENGTH:
        raise SystemExit(
            f"The action server needs {TOKEN_VARIABLE}: a secret of at least {MIN_TOKEN_LENGTH} characters, "
            f"given to the Rasa server too (scripts/run.sh makes one with "
            f"`python3 -c 'import secrets; print(secrets.token_hex(32))'`)."
        )
    return token


def action_name(request: Request) -> str:
    """The action a call named, for the log: a name or 'unknown', never any other text of the body."""
    try:
        body = request.body
        if request.headers.get("Content-Encoding") == "deflate":
            body = zlib.decompress(body)
        name = json.loads(body).get("next_action")
    except (ValueError, AttributeError, zlib.error):
        return "unknown"
    return name if isinstance(name, str) and name.isidentifier() else "unknown"


def secure(app: Sanic, token: str) -> Sanic:
    """Adds the token check and the silent error handler to an app made by rasa_sdk's create_app."""
    expected = f"Bearer {token}".encode()

    @app.on_request
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        given = request.headers.get("Authorization", "").encode()
        if hmac.compare_digest(given, expected):
            return None
        return response.json({"error": "unauthorized"}, status=401, headers={"WWW-Authenticate": "Bearer"})

    # Registered after the SDK's handler for the same exception, so it replaces it.
    @app.exception(Exception)
    async def generic_error(request: Request, exception: Exception) -> HTTPResponse:
        status = exception.status_code if isinstance(exception, SanicException) else 500
        if status >= 500:
            logger.error("Action %s failed: %s", action_name(request), type(exception).__name__)
        return response.json({"error": HTTPStatus(status).phrase.lower()}, status=status)

    return app


def main(argv: list[str] | None = None) -> None:
    """Starts the server as rasa_sdk's `run` would, with this module's additions and host."""
    parser = create_argument_parser()
    parser.set_defaults(actions="actions", port=int(os.environ.get("ACTION_PORT", DEFAULT_PORT)))
    args = parser.parse_args(argv)
    install_log_redaction()  # no message text in any log line (tools/privacy_logging.py)
    token = read_token(os.environ)
    local_domain()  # read now: a missing domain.yml stops the start, not a person's first checklist

    utils.configure_colored_logging(args.loglevel)
    utils.configure_file_logging(logging.getLogger(APPLICATION_ROOT_LOGGER_NAME), args.log_file, args.loglevel,
                                 args.logging_config_file)
    utils.update_sanic_log_level()

    app = secure(create_app(args.actions, cors_origins=args.cors, auto_reload=args.auto_reload), token)
    plugin_manager().hook.attach_sanic_app_extensions(app=app)
    ssl_context = create_ssl_context(args.ssl_certificate, args.ssl_keyfile, args.ssl_password)
    host = os.environ.get("ACTION_HOST", "127.0.0.1")
    logger.info("Action server on %s://%s:%s", "https" if ssl_context else "http", host, args.port)
    app.run(host, args.port, ssl=ssl_context, workers=utils.number_of_sanic_workers())


if __name__ == "__main__":
    main(sys.argv[1:])
