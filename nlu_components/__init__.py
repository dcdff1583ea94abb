"""Custom Rasa NLU components: thin graph components over knowledge/."""
