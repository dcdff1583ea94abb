"""The pretrained sentence encoder: only the published weights, TensorFlow's vectors, paraphrases together."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu_components.dense_features import SentenceEncoderFeaturizer
from nlu_components.sentence_encoder import (
    DEFAULT_MODEL_DIR,
    WEIGHTS_SHA256,
    EncoderUnavailable,
    SentenceEncoder,
    verify_weights,
)

# Vectors from the TensorFlow encoder (transformers) this NumPy one replaced: tools/encoder_reference.py.
REFERENCE = Path(__file__).parent / "fixtures" / "encoder_reference.json"


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder()


def test_missing_weights_are_refused(tmp_path: Path) -> None:
    with pytest.raises(EncoderUnavailable, match="missing"):
        verify_weights(tmp_path)


def test_weights_that_are_not_the_published_ones_are_refused(tmp_path: Path) -> None:
    for name in ("config.json", "tokenizer.json"):
        shutil.copy(DEFAULT_MODEL_DIR / name, tmp_path / name)
    (tmp_path / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(EncoderUnavailable, match="SHA-256"):
        SentenceEncoder(tmp_path)


def test_the_vectors_are_the_tensorflow_encoders(encoder: SentenceEncoder) -> None:
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    assert reference["weights_sha256"] == WEIGHTS_SHA256
    texts = [sentence["text"] for sentence in reference["sentences"]]
    expected = np.array([sentence["vector"] for sentence in reference["sentences"]], dtype=np.float32)
    alone = np.concatenate([encoder.encode([text]) for text in texts])
    for vectors in (alone, encoder.encode(texts)):
        for text, got, want in zip(texts, vectors, expected, strict=True):
            assert np.abs(got - want).max() < 1e-4, text
            assert got @ want / np.linalg.norm(want) > 0.9999, text


def test_paraphrases_are_closer_than_different_questions(encoder: SentenceEncoder) -> None:
    parents, mum_and_dad, refund = encoder.encode([
        "do I have to tell my parents",
        "should I tell my mum and dad about this",
        "how do I get a refund from my bank",
    ])
    assert parents @ mum_and_dad > 0.6
    assert parents @ refund < 0.2


def test_vectors_are_unit_length_and_do_not_depend_on_the_batch(encoder: SentenceEncoder) -> None:
    alone = encoder.encode(["can I get my money back"])
    batched = encoder.encode(["hi", "can I get my money back", "he says he will post them tonight unless I pay"])
    assert np.linalg.norm(batched, axis=1) == pytest.approx(1.0, abs=1e-5)
    assert alone[0] == pytest.approx(batched[1], abs=1e-4)


def test_a_very_long_message_is_cut_to_what_the_model_reads(encoder: SentenceEncoder) -> None:
    assert encoder.encode(["please help me " * 2000]).shape == (1, SentenceEncoder.dimensions)


def test_the_featurizer_adds_one_sentence_vector_to_each_message_with_text() -> None:
    featurizer = SentenceEncoderFeaturizer(SentenceEncoderFeaturizer.get_default_config(), "encoder")
    spoken, empty = Message(data={TEXT: "will the police tell my parents"}), Message(data={TEXT: ""})
    featurizer.process([spoken, empty])
    sequence, sentence = spoken.get_dense_features(TEXT, ["encoder"])
    assert sequence is None
    assert sentence.features.shape == (1, SentenceEncoder.dimensions)
    assert empty.get_dense_features(TEXT) == (None, None)
