#!/usr/bin/env python3
"""Parity fixtures for Forgetless, made with transformers itself (needs torch, transformers, safetensors).

    python tools/make_parity_fixtures.py                      # writes tests/Training.Tests/Fixtures/parity/<arch>/
    python tools/make_parity_fixtures.py --check-export DIR   # loads folders Forgetless exported, compares logits

For each architecture (llama, qwen2, gpt_neox, gpt2) it builds a tiny random model (every parameter, norms and
biases included, drawn at random so that none is trivially 1 or 0), saves it with save_pretrained (config.json +
model.safetensors), and records in expected.safetensors the input ids, the logits transformers computes for them,
and 12 greedily generated tokens (model.generate, do_sample=False, with its KV cache). Files stay small (vocab
300, hidden 32, 2 layers). The tests in tests/Training.Tests/Model/ParityTests.cs read them when present.

--check-export: run the export tests with FORGETLESS_PARITY_EXPORT=DIR first; they save every fixture model back out
through Forgetless' exporter into DIR/<arch>/, and models trained by an experiment (with forgetless-logits.safetensors,
the logits Forgetless computed) into DIR/<name>/. This mode loads each with AutoModelForCausalLM, fails on any
missing, unexpected or mismatched key, and asserts the logits equal the expected ones within 1e-4 (relative), i.e.
transformers loads Forgetless' export unchanged.
"""
import argparse
import json
import os
import sys

import torch
from safetensors.torch import load_file, save_file
from transformers import (AutoModelForCausalLM, GenerationConfig, GPT2Config, GPTNeoXConfig, LlamaConfig, Qwen2Config)

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "Training.Tests", "Fixtures", "parity")
INPUT_IDS = [[1, 17, 250, 3, 99, 42, 7, 0, 123, 5], [4, 4, 8, 15, 16, 23, 42, 108, 299, 2]]

CONFIGS = {
    "llama": lambda: LlamaConfig(vocab_size=300, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                 num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64,
                                 rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=False,
                                 bos_token_id=1, eos_token_id=2),
    "qwen2": lambda: Qwen2Config(vocab_size=300, hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                                 num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64,
                                 rms_norm_eps=1e-6, rope_theta=10000.0, tie_word_embeddings=False,
                                 use_sliding_window=False, bos_token_id=1, eos_token_id=2),
    "gpt_neox": lambda: GPTNeoXConfig(vocab_size=300, hidden_size=32, intermediate_size=128, num_hidden_layers=2,
                                      num_attention_heads=4, rotary_pct=0.25, rotary_emb_base=10000,
                                      max_position_embeddings=64, use_parallel_residual=True,
                                      tie_word_embeddings=False, bos_token_id=0, eos_token_id=0),
    "gpt2": lambda: GPT2Config(vocab_size=300, n_positions=64, n_embd=32, n_layer=2, n_head=4,
                               bos_token_id=2, eos_token_id=2),
}


def make(arch: str) -> None:
    torch.manual_seed(1234)
    config = CONFIGS[arch]()
    config.architectures = [{"llama": "LlamaForCausalLM", "qwen2": "Qwen2ForCausalLM",
                             "gpt_neox": "GPTNeoXForCausalLM", "gpt2": "GPT2LMHeadModel"}[arch]]
    model = AutoModelForCausalLM.from_config(config, torch_dtype=torch.float32, attn_implementation="eager")
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.normal_(0.0, 0.2)
    model.eval()
    out = os.path.join(ROOT, arch)
    os.makedirs(out, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    ids = torch.tensor(INPUT_IDS, dtype=torch.long)
    with torch.no_grad():
        logits = model(ids).logits.float()
        generated = model.generate(ids[:1, :4], max_new_tokens=12, do_sample=False, use_cache=True,
                                   eos_token_id=None, pad_token_id=0)[0, 4:]
    # safetensors refuses tensors that share memory (a slice of input_ids is a view): store copies.
    save_file({"input_ids": ids.clone(), "logits": logits.clone(), "greedy_prompt": ids[0, :4].clone(),
               "greedy_tokens": generated.clone()}, os.path.join(out, "expected.safetensors"))
    print(f"{arch}: wrote {out}")


def check_export(folder: str) -> int:
    """Every subfolder of FOLDER is a Forgetless export: <arch>/ from the parity tests (compared with the fixture's
    logits) or any folder holding forgetless-logits.safetensors (input_ids + the logits Forgetless computed)."""
    failures = 0
    for name in sorted(os.listdir(folder)):
        exported = os.path.join(folder, name)
        ours = os.path.join(exported, "forgetless-logits.safetensors")
        fixture = os.path.join(ROOT, name, "expected.safetensors")
        if not os.path.isdir(exported) or not (os.path.exists(ours) or name in CONFIGS):
            continue
        expected = load_file(ours if os.path.exists(ours) else fixture)
        model, info = AutoModelForCausalLM.from_pretrained(exported, torch_dtype=torch.float32, attn_implementation="eager",
                                                           output_loading_info=True)
        # from_pretrained fills missing or mis-shaped weights with random values: any of these is a failure.
        problems = {k: v for k, v in info.items() if k != "error_msgs" and v} | ({"error_msgs": info["error_msgs"]} if info.get("error_msgs") else {})
        generation_text = ""
        with torch.no_grad():
            logits = model.eval()(expected["input_ids"]).logits
        ok = not problems and logits.shape == expected["logits"].shape and torch.allclose(logits, expected["logits"], rtol=1e-4, atol=1e-5)
        if os.path.exists(os.path.join(exported, "generation_config.json")):
            generation = GenerationConfig.from_pretrained(exported)
            generation_text = f"generation_config eos {generation.eos_token_id}, pad {generation.pad_token_id}, bos {generation.bos_token_id}"
        print(f"{name}: {'ok' if ok else 'MISMATCH'} ({type(model).__name__}, logits {tuple(logits.shape)}, "
              f"max abs diff {(logits - expected['logits']).abs().max():.3g}, loading problems {problems or 'none'}{', ' + generation_text if generation_text else ''})")
        failures += 0 if ok else 1
    return failures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check-export", metavar="DIR")
    args = parser.parse_args()
    if args.check_export:
        sys.exit(1 if check_export(args.check_export) else 0)
    for name in CONFIGS:
        make(name)
    print(json.dumps({"transformers": __import__("transformers").__version__, "torch": torch.__version__}))
