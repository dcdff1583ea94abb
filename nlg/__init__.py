"""How the Rasa server turns a response name into the message a person reads."""
