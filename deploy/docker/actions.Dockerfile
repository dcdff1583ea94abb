# The action server, on the official rasa-sdk image of the release this project pins.
# Build from the project root after `make domain`:
#   docker build -f deploy/docker/actions.Dockerfile -t sextortion-help/actions .
FROM rasa/rasa-sdk:3.6.2

USER root
WORKDIR /app
COPY requirements/actions.txt requirements/actions.txt
RUN pip install --no-cache-dir -r requirements/actions.txt && pip check
# The actions answer from the same rendered domain.yml the model was trained on (actions/domain.py).
COPY pyproject.toml domain.yml ./
COPY actions/ actions/
COPY content/ content/
COPY knowledge/ knowledge/
COPY tools/__init__.py tools/privacy_logging.py tools/
RUN chown -R 1001 /app

USER 1001
EXPOSE 5056
ENV ACTION_HOST=0.0.0.0
ENTRYPOINT []
CMD ["python", "-m", "actions.server", "--port", "5056"]
