"""Writes tests/fixtures/encoder_reference.json: sentence vectors from the TensorFlow encoder the NumPy one replaced.

nlu_components/sentence_encoder.py runs all-MiniLM-L6-v2 in NumPy; until commit
64959bf it ran in TensorFlow through `transformers`, whose vectors the tests
hold the NumPy ones to. This computes them as that version did (the same
tokenizer, TFAutoModel, mean pooling over the attention mask, L2 normalisation),
one sentence at a time, rounded to 6 decimals. It needs what the run time no
longer has (in the project's venv, TensorFlow is already there):

    .venv/bin/pip install transformers==4.40.2 huggingface-hub==0.23.4
    .venv/bin/python -m tools.encoder_reference
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from nlu_components.sentence_encoder import DEFAULT_MODEL_DIR, MAX_TOKENS, WEIGHTS_SHA256, verify_weights

TARGET = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "encoder_reference.json"
STORY = (
    "It started on a game I play most evenings. Someone who said she was sixteen and lived two towns away "
    "started chatting to me, and after a couple of weeks we moved to another app because she said it was "
    "more private. She sent me pictures first and kept asking for one back, and in the end I sent one. "
    "Within a minute the tone changed completely. The account said it had screenshots of my followers, my "
    "school and my family, and that unless I paid two hundred pounds in gift cards by midnight the picture "
    "would go to all of them and be posted on a site with my name on it. I have not told anyone. I deleted "
    "the app but they found me on another one and keep sending messages every few minutes, with a countdown. "
    "I paid fifty pounds already because I panicked, and now they want more and say the price goes up every "
    "hour. I cannot sleep and I feel sick, and I do not know whether the police would help me or whether I "
    "would be in trouble myself for sending it. What should I do right now, tonight?"
)
SENTENCES = [
    "hi",
    "",
    "do I have to tell my parents",
    "someone is threatening to post my nudes unless I pay",
    "u there?? idk wat 2 do rn",
    "😭😭 he has my pics 📸 and wants money 💸💸 🙏",
    "Il menace de publier mes photos si je ne paie pas, qu'est-ce que je fais ?",
    "Me están chantajeando con unas fotos, ¿a quién puedo llamar?",
    "他威胁要把我的照片发给我所有的朋友",
    "Мне угрожают опубликовать мои фотографии, если я не заплачу",
    "My daughter is fifteen and a man she met online is demanding money for a photo she sent him last "
    "night, what do we do first and should we call the police?",
    STORY,  # about 200 words
    STORY + " " + STORY,  # over MAX_TOKENS: only the first MAX_TOKENS tokens count
]


def tensorflow_vector(model: object, tokenizer: object, text: str) -> np.ndarray:
    """The TensorFlow encoder's vector for one text, as commit 64959bf computed it."""
    import tensorflow as tf

    encoding = tokenizer.encode(text)
    ids, mask = (tf.constant([values], dtype=tf.int32) for values in (encoding.ids, encoding.attention_mask))
    hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
    weights = tf.cast(mask, hidden.dtype)[:, :, None]
    pooled = tf.reduce_sum(hidden * weights, axis=1) / tf.maximum(tf.reduce_sum(weights, axis=1), 1e-9)
    return tf.math.l2_normalize(pooled, axis=1).numpy()[0]


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from tokenizers import Tokenizer
    from transformers import TFAutoModel
    from transformers.utils import logging as transformers_logging

    verify_weights(DEFAULT_MODEL_DIR)
    transformers_logging.set_verbosity_error()
    tokenizer = Tokenizer.from_file(str(DEFAULT_MODEL_DIR / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding()
    model = TFAutoModel.from_pretrained(str(DEFAULT_MODEL_DIR))
    header = {
        "produced_by": "python -m tools.encoder_reference (transformers 4.40.2, TensorFlow 2.12)",
        "weights_sha256": WEIGHTS_SHA256,
    }
    sentences = [
        {"text": text, "vector": [round(float(x), 6) for x in tensorflow_vector(model, tokenizer, text)]}
        for text in SENTENCES
    ]
    # One sentence a line, so that a change shows as the sentences it touches.
    lines = [json.dumps(sentence, ensure_ascii=False) for sentence in sentences]
    TARGET.parent.mkdir(exist_ok=True)
    TARGET.write_text(
        json.dumps(header, ensure_ascii=False)[:-1] + ', "sentences": [\n' + ",\n".join(lines) + "\n]}\n",
        encoding="utf-8",
    )
    print(f"{len(SENTENCES)} sentences written to {TARGET}")


if __name__ == "__main__":
    main()
