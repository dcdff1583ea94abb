"""What the assistant knows and decides, as plain Python over the content files.

Nothing here imports Rasa, so the same logic serves the action server, the NLU
components and the tests.
"""
