"""Tracker stores: Rasa's own, keeping less about the people who write to the assistant.

This package imports Rasa; knowledge/ stays free of it and holds the rules they apply.
"""
