"""A Sanic server with only the guarded REST channel, whose "Rasa" echoes the text it is given.

    python -m tests.rest_echo_server PORT

For tests/test_rest_channel.py: what the channel does at the edge (limits,
status codes, rate) without a model to load.
"""
from __future__ import annotations

import sys

from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from channels.rest import GuardedRestInput


async def echo(message: UserMessage) -> None:
    await message.output_channel.send_response(message.sender_id, {"text": f"echo: {message.text}"})


def main(port: int) -> None:
    app = Sanic("rest_echo")
    app.blueprint(GuardedRestInput.from_credentials(None).blueprint(echo), url_prefix="/webhooks/rest")
    app.run(host="127.0.0.1", port=port, access_log=False)


if __name__ == "__main__":
    main(int(sys.argv[1]))
