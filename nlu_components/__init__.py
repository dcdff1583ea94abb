"""Custom Rasa NLU components: thin graph components over knowledge/.

Rasa imports them before it loads a model's graph, so the two loading fixes below apply to every process that
trains or loads this model (docs/performance.md).
"""

from nlu_components import written_domain, yaml_resolver  # noqa: F401
