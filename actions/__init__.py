"""Custom actions: thin rasa_sdk classes over the plain logic in knowledge/."""
