"""Custom Rasa NLU components: thin graph components over knowledge/."""

from nlu_components import yaml_resolver  # noqa: F401  (Rasa reads the domain only after importing these)
