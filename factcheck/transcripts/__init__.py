"""Batch-checking debate transcripts: read every utterance, check every sentence, lose nothing.

readers (CSV/TSV/JSONL, "SPEAKER: text" lines, ParlaMint TEI and .txt) -> runner (chunks of
utterances, checked by a local process pool or a Dask cluster) -> journal (rows committed to
disk chunk by chunk, so `--resume` neither redoes nor duplicates) -> summary and report.
"""
