"""Messaging-app channels (Telegram, WhatsApp through Twilio, Facebook Messenger).

Each connector subclasses Rasa's stock one to add what it lacks: proof that a
webhook call comes from the platform, a keyed hash in place of the phone number
or account id, rendering for the platform's limits, and a refusal of images and
files. Rasa loads them by class path from build/credentials.yml, which
`python -m channels.credentials` writes from the environment.
"""
