#!/usr/bin/env python3
"""Expected GPT-2 ids from transformers' own GPT2Tokenizer BPE (OpenAI's encoder.py algorithm, Python `regex`), as a
second reference for vocab.json + merges.txt. Runs in the transformers oracle (../shared/docs/transformers-oracle.md):

    transformers-oracle.sh run ORACLE --bind "$PWD" --bind SHARED -- \
        python3 tools/tokenizer-fixtures/make_gpt2_bpe_ids.py SHARED/data/tokenizers/gpt2 OUT.json

Why a second reference: @huggingface/tokenizers translates the pre-tokenizer regex to JavaScript, whose \\s also
matches U+FEFF (Python's `regex` and the Rust library do not), so on that character the two disagree.
The oracle's `tokenizers` is an import-only placeholder, which breaks GPT2Tokenizer.__init__ (its added tokens);
the BPE methods used here do not touch it. <|endoftext|> typed in text maps to its id, as the added-token split does.
"""
import json
import os
import sys

import regex
from transformers.models.gpt2.tokenization_gpt2 import GPT2Tokenizer, bytes_to_unicode

folder, out = sys.argv[1], sys.argv[2]
strings = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "strings.json")
tokenizer = GPT2Tokenizer.__new__(GPT2Tokenizer)
tokenizer.encoder = json.load(open(os.path.join(folder, "vocab.json"), encoding="utf-8"))
merges = open(os.path.join(folder, "merges.txt"), encoding="utf-8").read().split("\n")[1:-1]
tokenizer.bpe_ranks = dict(zip([tuple(m.split()) for m in merges], range(len(merges))))
tokenizer.byte_encoder, tokenizer.cache, tokenizer.errors = bytes_to_unicode(), {}, "replace"
tokenizer.pat = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")
special = "<|endoftext|>"


def encode(text):
    ids = []
    for i, part in enumerate(text.split(special)):
        ids += ([tokenizer.encoder[special]] if i else []) + [tokenizer.encoder[p] for p in GPT2Tokenizer._tokenize(tokenizer, part)]
    return ids


cases = [{"name": c["name"], "text": c["text"], "ids": encode(c["text"])} for c in json.load(open(strings, encoding="utf-8"))["cases"]]
decoder = {v: k for k, v in tokenizer.encoder.items()}
byte_decoder = {v: k for k, v in tokenizer.byte_encoder.items()}
for case in cases:
    case["decoded"] = bytearray(byte_decoder[ch] for i in case["ids"] for ch in decoder[i]).decode("utf-8", errors="replace")
with open(out, "w", encoding="utf-8") as f:
    json.dump({"made_by": "transformers 4.55.0 GPT2Tokenizer BPE (tools/tokenizer-fixtures/make_gpt2_bpe_ids.py)", "cases": cases},
              f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{out}: {len(cases)} cases, longest {max(len(c['ids']) for c in cases)} ids")
