#!/usr/bin/env python3
"""Splits the labelled real shopper messages into a training half and a held-out half.

Usage: python3 sample-corpus/real/split.py   (from the project root; needs only Python 3)

Reads  sample-corpus/real/labels.tsv           id, message, label (the adjudicated labels)
Writes sample-corpus/corpus/real-shoppers.tsv  the training half, as corpus examples
       sample-corpus/eval/real-heldout.tsv     the held-out half, as eval cases

The split is fixed by a hash, so it never changes when labels are corrected: a message's half is
decided by the SHA-256 of a key, the message folded (NFKC, lower case, only letters and digits,
every digit 0). Messages whose keys are near-duplicates (the same message with other values
filled into its anonymisation placeholders, such as two addresses) share the smallest key of
their group, so that no message has a twin on the other side. The held-out half is never used to
write examples, tune features or pick thresholds.
"""
import hashlib
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABELS = ROOT / "sample-corpus/real/labels.tsv"
TRAIN = ROOT / "sample-corpus/corpus/real-shoppers.tsv"
HELD_OUT = ROOT / "sample-corpus/eval/real-heldout.tsv"
# Character-bigram Jaccard similarity from which two keys are one message.
NEAR = 0.6

ATTRIBUTION = """\
# Real shopper messages (JD customer service), labelled by the Huashu project.
# Source: the shopper turns quoted in the reference summaries of the CSDS dataset (Lin et al.,
# "CSDS: A Fine-grained Chinese Dataset for Customer Service Dialogue Summarization", EMNLP 2021;
# repository xiaolinAndy/CSDS, folder results/), from the JDDC corpus of anonymised JD
# customer-service logs; placeholders filled with plausible values. Research data: keep this
# attribution with the file. Labels and the split: sample-corpus/real/README.md.
"""


def key(message):
    folded = unicodedata.normalize("NFKC", message).lower()
    return re.sub(r"\d", "0", "".join(c for c in folded if c.isalnum()))


def bigrams(k):
    return {k[i:i + 2] for i in range(len(k) - 1)} or {k}


def groups(keys):
    """Union-find over near-duplicate keys; returns each key's group representative."""
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    distinct = sorted(set(keys))
    grams = {k: bigrams(k) for k in distinct}
    index = {}
    for k in distinct:
        for g in grams[k]:
            index.setdefault(g, []).append(k)
    for k in distinct:
        shared = {}
        for g in grams[k]:
            for other in index[g]:
                if other > k:
                    shared[other] = shared.get(other, 0) + 1
        for other, n in shared.items():
            if n / len(grams[k] | grams[other]) >= NEAR:
                a, b = find(k), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {k: find(k) for k in distinct}


def held_out(representative):
    return hashlib.sha256(representative.encode("utf-8")).digest()[0] % 2 == 1


def main():
    rows = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            sys.exit(f"{LABELS}: expected id<TAB>message<TAB>label but was {line!r}")
        rows.append((fields[0], fields[1].strip(), fields[2].strip()))
    keys = [key(m) for _, m, _ in rows]
    representative = groups(keys)
    train, held = [], []
    for (_, message, label), k in zip(rows, keys):
        (held if held_out(representative[k]) else train).append(f"{message}\t{label}")
    TRAIN.write_text(
        ATTRIBUTION
        + "# The training half. Labels: an intent id, _none (nothing in scope) or _context (a fragment\n"
        + "# that needs the previous turn). Never add a message of ../eval/real-heldout.tsv here.\n\n"
        + "\n".join(train) + "\n",
        encoding="utf-8")
    HELD_OUT.write_text(
        ATTRIBUTION
        + "# The held-out half: never an example, never a tuning target, never used to pick thresholds.\n\n"
        + "\n".join(held) + "\n",
        encoding="utf-8")
    print(f"{len(train)} training, {len(held)} held out, {len(set(representative.values()))} groups")


if __name__ == "__main__":
    main()
