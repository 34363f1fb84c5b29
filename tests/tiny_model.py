"""A tiny, randomly initialised sentence-transformers model that tests build themselves.

It exercises the real loading code (SentenceTransformer from a directory)
without any download; its embeddings mean nothing, which is fine for tests of
plumbing (index building, reuse, model identity).
"""

from __future__ import annotations

import re
from pathlib import Path


def build_tiny_model(target: Path, texts: list[str], dim: int = 32) -> Path:
    import torch
    from sentence_transformers import SentenceTransformer
    try:
        from sentence_transformers.sentence_transformer import modules as st_models
    except ImportError:  # sentence-transformers < 6
        from sentence_transformers import models as st_models
    from tokenizers import Tokenizer, normalizers, pre_tokenizers, processors
    from tokenizers.models import WordLevel
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    words = sorted({w.lower() for t in texts for w in re.findall(r"\w+|[^\w\s]", t)})
    vocab = {w: i for i, w in enumerate(specials + words)}
    tok = Tokenizer(WordLevel(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.Lowercase()
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)]
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]", model_max_length=128,
    )
    torch.manual_seed(0)
    config = BertConfig(vocab_size=len(vocab), hidden_size=dim, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=2 * dim, max_position_embeddings=130)
    hf_dir = target.with_name(target.name + "-hf")
    BertModel(config).save_pretrained(hf_dir)
    fast.save_pretrained(hf_dir)
    transformer = st_models.Transformer(str(hf_dir), max_seq_length=128)
    pooling = st_models.Pooling(dim, "mean")
    SentenceTransformer(modules=[transformer, pooling, st_models.Normalize()], device="cpu").save(str(target))
    return target
