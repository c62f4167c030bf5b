#!/usr/bin/python3
"""Expected ids for a SentencePiece tokenizer.model, from Google's sentencepiece (Debian: python3-sentencepiece).

    /usr/bin/python3 tools/tokenizer-fixtures/make_sentencepiece_ids.py TOKENIZER.model OUT.json [STRINGS.json]

No BOS/EOS is added (Forgetless' Encode adds none). SentencePiece treats control symbols typed in text (<s>, </s>)
as plain text; its decode(encode(x)) == x except where the model's normalizer changes the text.
"""
import json
import os
import sys

import sentencepiece

model, out = sys.argv[1], sys.argv[2]
strings = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "strings.json")
processor = sentencepiece.SentencePieceProcessor(model_file=model)
cases = []
for case in json.load(open(strings, encoding="utf-8"))["cases"]:
    ids = processor.encode(case["text"], out_type=int)
    cases.append({"name": case["name"], "text": case["text"], "ids": ids, "decoded": processor.decode(ids)})
with open(out, "w", encoding="utf-8") as f:
    json.dump({"made_by": f"sentencepiece {sentencepiece.__version__} (tools/tokenizer-fixtures/make_sentencepiece_ids.py)",
               "cases": cases}, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{out}: {len(cases)} cases, longest {max(len(c['ids']) for c in cases)} ids")
