"""What stands between Rasa and the action servers (gateway.actions)."""
