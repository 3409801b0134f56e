#!/usr/bin/env python3
"""Seeded generator of synthetic claimgraph workloads (standard library only).

Writes, under an output directory:

* ``claims-10k.jsonl``, ``claims-100k.jsonl``, ``claims-1m.jsonl``: claims in
  claimgraph's JSON Lines format (see ``exports/zinc-vitamin-d.claims.jsonl``), drawn over
  one universe of synthetic entities (200k by default) whose ids look like the real ones
  (``CHEBI:``, ``HGNC:``, ``PR:``, ``FPLX:``, ``GO:``, ``MONDO:``, ``HP:``, ``CL:``,
  ``UBERON:``), with relations from ``graph/relations.toml`` that respect each relation's
  domain and range, about 5 % negated and 20 % hedged, context, combinations, and evidence
  sentences that say the claim with the trigger as written, grouped into documents
  (PubMed-style abstracts and research summaries with citations). The smaller files are
  prefixes of the larger ones, so growth is measured on the same universe.
* ``summaries/``: research summaries laid out like ``graph/corpus/zinc-vitamin-d.txt``
  (title, boilerplate, headings, paragraphs ending in glued citation runs, "Sources and
  full results"), written with entity names from ``graph/lexicon/*.tsv`` and triggers
  from ``graph/relations.toml``, for extraction speed.
* ``manifest.json``: what was written (counts, sizes, SHA-256), keyed by the parameters.

The same seed and parameters give the same bytes: one ``random.Random(seed)`` stream per
artefact, no iteration over hash-ordered sets, no clock.

    python3 bench/synth.py --out /tmp/claimgraph-bench --sizes 10000,100000,1000000 \
        --summaries 4000
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import os
import random
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = 1

# --------------------------------------------------------------------------- vocabulary


def load_lexicon(repo: Path = REPO) -> list[dict]:
    """The bundled lexicon rows, in file order (files sorted by name)."""
    rows = []
    for f in sorted((repo / "graph" / "lexicon").glob("*.tsv")):
        lines = f.read_text(encoding="utf-8").splitlines()
        for line in lines[1:]:
            if not line.strip():
                continue
            cols = line.split("\t")
            while len(cols) < 4:
                cols.append("")
            syn = [s for s in cols[3].split("|") if s]
            rows.append({"id": cols[0], "label": cols[1], "kind": cols[2], "synonyms": syn})
    return rows


def load_relations(repo: Path = REPO) -> list[dict]:
    """The relation table of ``graph/relations.toml``."""
    with open(repo / "graph" / "relations.toml", "rb") as f:
        return tomllib.load(f)["relation"]


IRREGULAR = {
    # base: (3rd person, past, past participle, -ing)
    "lead": ("leads", "led", "led", "leading"),
    "give": ("gives", "gave", "given", "giving"),
    "drive": ("drives", "drove", "driven", "driving"),
    "control": ("controls", "controlled", "controlled", "controlling"),
    "act": ("acts", "acted", "acted", "acting"),
}


def inflect(verb: str) -> dict[str, str]:
    """Forms of a verb phrase (the first word is inflected, the rest kept)."""
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    if head in IRREGULAR:
        s, past, pp, ing = IRREGULAR[head]
    elif head.endswith("e"):
        s, past, pp, ing = head + "s", head + "d", head + "d", head[:-1] + "ing"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        s, past, pp, ing = head[:-1] + "ies", head[:-1] + "ied", head[:-1] + "ied", head + "ing"
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        s, past, pp, ing = head + "es", head + "ed", head + "ed", head + "ing"
    else:
        s, past, pp, ing = head + "s", head + "ed", head + "ed", head + "ing"
    return {
        "base": head + tail,
        "s": s + tail,
        "past": past + tail,
        "pp": pp + tail,
        "ing": ing + tail,
    }


# How often each relation is stated in the literature (a rough, fixed mix).
RELATION_WEIGHT = {
    "increases": 24,
    "associated-with": 18,
    "decreases": 15,
    "regulates": 12,
    "induces": 10,
    "suppresses": 10,
    "cofactor-for": 2,
    "potentiates": 2,
    "enhances-absorption": 1,
    "reduces-absorption": 1,
}

KIND_SHARE = [
    ("gene", 30),
    ("protein", 20),
    ("chemical", 15),
    ("process", 12),
    ("condition", 10),
    ("nutrient", 4),
    ("cell", 4),
    ("tissue", 3),
    ("cytokine", 2),
]

# --------------------------------------------------------------------------- entity names

GENE_PREFIX = (
    "SLC ABCA ABCB TNF IL CD KRT ZNF MAP2K MAPK CYP ACSL HLA COL NOTCH WNT SMAD STAT JAK FOXO "
    "FOXP SOX HOXA HOXB TP BCL CASP MMP TLR NFKB PIK3C AKT MTOR HDAC SIRT PPAR RXR ESR GATA KLF "
    "ATF CREB EGFR FGF VEGF PDGF TGFB BMP GDF ADAM ITGA ITGB LAMA MYO TUBB RPL RPS NDUFA ATP1A "
    "KCNJ SCN CACNA GRIN GABRA CHRN OR2 MT TRPM CALB S100A CLDN OCLN MUC DEFB LCN CXCR CCR IRF "
    "NLRP GSDM PRKC CAMK CDK CCND E2F RB ARHGEF RAB RHO DUSP PTPN SHP USP UBE2 PSMB HSPA DNAJB"
).split()
GENE_WORDS = (
    "solute carrier family|tumor necrosis factor|keratin|zinc finger protein|"
    "mitogen-activated protein kinase|cytochrome P450|collagen type|signal transducer|"
    "forkhead box|SRY-box transcription factor|caspase|matrix metallopeptidase|toll-like receptor|"
    "histone deacetylase|sirtuin|peroxisome proliferator-activated receptor|GATA binding protein|"
    "Kruppel-like factor|fibroblast growth factor|bone morphogenetic protein|integrin subunit|"
    "metallothionein|transient receptor potential cation channel|claudin|mucin|defensin beta|"
    "interferon regulatory factor|protein kinase C|cyclin dependent kinase|ubiquitin specific peptidase"
).split("|")
CHEM_A = (
    "meth eth prop but pent hex hept oct benz phen tol xyl naphth pyr indol quinol imidaz thiaz "
    "fur pyrrol oxaz acet glut succin fumar malon citr lact pyruv ribo gluc fruct galact chol ster "
    "tocopher retin querc resver curcum genist cate flavon anthocyan lute kaempfer api narin "
    "hesper sulforaph allic capsa gingero epigallocatech ellag caffe ferul chlorogen"
).split()
CHEM_B = "yl o ox hydr amin chlor fluor brom nitr sulf phosph carb iso cyclo di tri".split() + [""] * 6
CHEM_C = (
    "ol|ate|amine|ide|one|ene|ine|ic acid|al|oside|in|ane|idine|amide|yl ester|ol glucoside"
).split("|")
CHEM_LOCANT = ["", "", "", "", "2-", "3-", "4-", "6-", "N-", "1,2-", "2,4-", "4-hydroxy-", "5-methyl-"]
GREEK = ["α", "β", "γ", "δ", "κ"]
TISSUE_A = (
    "thymic splenic hepatic renal pulmonary colonic gastric dermal cortical medullary pancreatic "
    "adrenal thyroid pituitary hypothalamic hippocampal cerebellar retinal cochlear osseous "
    "cartilaginous synovial periosteal mammary prostatic ovarian testicular uterine placental "
    "vascular lymphatic mesenteric omental bronchial tracheal esophageal duodenal jejunal ileal "
    "rectal biliary cardiac aortic"
).split()
TISSUE_B = (
    "gland|cortex|epithelium|mucosa|stroma|parenchyma|lobe|duct|follicle|crypt|villus|nodule|"
    "capsule|tissue|submucosa|lamina propria|endothelium|marrow"
).split("|")
CELL_B = (
    "epithelial cell|fibroblast|macrophage|dendritic cell|stem cell|progenitor cell|"
    "endothelial cell|stromal cell|T cell|B cell|NK cell|mast cell|neutrophil|monocyte|"
    "keratinocyte|adipocyte|osteoblast|osteoclast|chondrocyte|hepatocyte|enterocyte|neuron|"
    "astrocyte|microglial cell|myocyte|podocyte|beta cell"
).split("|")
COND_B = (
    "carcinoma|fibrosis|inflammation|dysplasia|atrophy|hyperplasia|insufficiency|disease|"
    "syndrome|deficiency|adenoma|lymphoma|sarcoma|neuropathy|myopathy|dystrophy|failure|injury"
).split("|")
SYLL = "ar be ca do el fa ga hi io ju ka lo mi no pa qui ro si ta u ve xa yo ze bra cri dro".split()
PROC_T = [
    "regulation of {x}",
    "positive regulation of {x}",
    "negative regulation of {x}",
    "{x} biosynthetic process",
    "{x} metabolic process",
    "{x} transport",
    "response to {x}",
    "cellular response to {x}",
    "{x} signaling pathway",
    "{x} catabolic process",
    "{x} homeostasis",
]


def syllables(rng: random.Random, lo: int, hi: int) -> str:
    return "".join(rng.choice(SYLL) for _ in range(rng.randint(lo, hi)))


def make_entities(n: int, rng: random.Random, lexicon: list[dict]) -> list[dict]:
    """``n`` entities: the bundled lexicon first, then synthetic ones of realistic shape."""
    ents = [dict(e) for e in lexicon[:n]]
    ids = {e["id"] for e in ents}
    labels = {e["label"].lower() for e in ents}
    symbols: list[str] = []
    kinds = [k for k, _ in KIND_SHARE]
    weights = [w for _, w in KIND_SHARE]
    chem_labels: list[str] = []
    tissue_labels: list[str] = []

    def fresh_id(make) -> str:
        while True:
            i = make()
            if i not in ids:
                ids.add(i)
                return i

    def fresh_label(make) -> str:
        for attempt in range(50):
            label = make()
            if attempt > 10:
                label = f"{label} type {attempt - 9}"
            if label.lower() not in labels:
                labels.add(label.lower())
                return label
        raise RuntimeError("label space exhausted")

    def symbol() -> str:
        s = rng.choice(GENE_PREFIX) + str(rng.randint(1, 40))
        if rng.random() < 0.4:
            s += rng.choice("ABCDEFGH")
            if rng.random() < 0.3:
                s += str(rng.randint(1, 9))
        return s

    while len(ents) < n:
        kind = rng.choices(kinds, weights)[0]
        syn: list[str] = []
        if kind == "gene":
            eid = fresh_id(lambda: f"HGNC:{rng.randint(1, 130000)}")
            label = fresh_label(symbol)
            symbols.append(label)
            if rng.random() < 0.6:
                syn.append(f"{rng.choice(GENE_WORDS)} {rng.randint(1, 40)}")
            if rng.random() < 0.3:
                syn.append(symbol())
        elif kind == "protein":
            r = rng.random()
            if r < 0.7:
                eid = fresh_id(lambda: f"PR:{rng.randint(1, 999999):09d}")
                base = rng.choice(symbols) if symbols and rng.random() < 0.7 else symbol()
                label = fresh_label(
                    lambda: f"{base} {rng.choice(['protein', 'kinase', 'receptor', 'isoform', 'transporter', 'channel', 'ligand'])}"
                )
                syn.append(base)
            elif r < 0.85:
                eid = fresh_id(lambda: f"HGNC:{rng.randint(1, 130000)}")
                label = fresh_label(lambda: symbol() + " protein")
            else:
                while True:
                    label = fresh_label(lambda: symbol().rstrip("0123456789") + rng.choice(["", " family", " complex"]))
                    eid = "FPLX:" + label.replace(" ", "_")
                    if eid not in ids:
                        ids.add(eid)
                        break
        elif kind == "cytokine":
            eid = fresh_id(lambda: f"HGNC:{rng.randint(1, 130000)}")
            label = fresh_label(
                lambda: rng.choice(
                    [
                        f"IL-{rng.randint(1, 40)}{rng.choice(['', 'A', 'B', 'F', 'R'])}",
                        f"CCL{rng.randint(1, 28)}",
                        f"CXCL{rng.randint(1, 17)}",
                        f"IFN-{rng.choice(GREEK)}{rng.choice(['', '1', '2'])}",
                        f"TNF-{rng.choice(GREEK)}",
                        f"TGF-{rng.choice(GREEK)}{rng.randint(1, 3)}",
                    ]
                )
            )
            if rng.random() < 0.5:
                syn.append(label.replace("-", ""))
        elif kind in ("chemical", "nutrient"):
            eid = fresh_id(lambda: f"CHEBI:{rng.randint(1, 220000)}")
            label = fresh_label(
                lambda: rng.choice(CHEM_LOCANT) + rng.choice(CHEM_A) + rng.choice(CHEM_B) + rng.choice(CHEM_C)
            )
            chem_labels.append(label)
            if kind == "nutrient" and rng.random() < 0.5:
                syn.append(f"dietary {label}")
            if rng.random() < 0.2:
                syn.append("".join(c for c in label if c.isalpha()).upper()[:4])
        elif kind == "process":
            eid = fresh_id(lambda: f"GO:{rng.randint(1, 2100000):07d}")
            pool = chem_labels if chem_labels and rng.random() < 0.5 else symbols
            x = rng.choice(pool) if pool else syllables(rng, 2, 3)
            label = fresh_label(lambda: rng.choice(PROC_T).format(x=rng.choice(pool) if pool else x))
        elif kind == "condition":
            if rng.random() < 0.6:
                eid = fresh_id(lambda: f"MONDO:{rng.randint(1, 1100000):07d}")
            else:
                eid = fresh_id(lambda: f"HP:{rng.randint(1, 5000000):07d}")
            label = fresh_label(
                lambda: rng.choice(
                    [
                        f"{rng.choice(TISSUE_A)} {rng.choice(COND_B)}",
                        f"{rng.choice(symbols) if symbols else symbol()}-related {rng.choice(COND_B)}",
                        f"{syllables(rng, 2, 3)}{rng.choice(['itis', 'osis', 'emia', 'opathy'])}",
                    ]
                )
            )
        elif kind == "cell":
            eid = fresh_id(lambda: f"CL:{rng.randint(1, 1100000):07d}")
            label = fresh_label(
                lambda: rng.choice(
                    [
                        f"{rng.choice(TISSUE_A)} {rng.choice(CELL_B)}",
                        f"{rng.choice(symbols) if symbols else symbol()}+ {rng.choice(CELL_B)}",
                    ]
                )
            )
        else:  # tissue
            eid = fresh_id(lambda: f"UBERON:{rng.randint(1, 8500000):07d}")
            label = fresh_label(lambda: f"{rng.choice(TISSUE_A)} {rng.choice(TISSUE_B)}")
            tissue_labels.append(label)
        ents.append({"id": eid, "label": label, "kind": kind, "synonyms": syn})
    return ents


# --------------------------------------------------------------------------- claims

SECTIONS_ABSTRACT = [None, None, "Background", "Methods", "Results", "Results", "Conclusions"]
SPECIES = ["human", "mouse", "rat", "animal", "in vitro", "zebrafish", "pig"]
SPECIES_PHRASE = {
    "human": "in humans",
    "mouse": "in mice",
    "rat": "in rats",
    "animal": "in animal studies",
    "in vitro": "in vitro",
    "zebrafish": "in zebrafish",
    "pig": "in pigs",
}
POPULATIONS = [
    "postmenopausal women",
    "older adults",
    "children",
    "pregnant women",
    "patients with type 2 diabetes",
    "critically ill patients",
    "healthy volunteers",
    "athletes",
]
FILLERS_BEFORE = ["", "", "", "In this study, ", "Notably, ", "Furthermore, ", "Moreover, ", "In addition, ", "Consistently, "]
FILLERS_AFTER = [
    "",
    "",
    "",
    " in a dose-dependent manner",
    " within 24 hours of treatment",
    " compared with untreated controls",
    " through a transcriptional mechanism",
    " independently of cell proliferation",
    " after 12 weeks of supplementation",
]
HEDGES = [("may", "base"), ("might", "base"), ("can", "base"), ("appears to", "base"), ("potentially", "s")]
HEDGE_LEADS = ["These findings suggest that ", "Our data indicate that ", "It is possible that ", "We propose that "]


class ClaimWriter:
    """Draws claims document by document from one seeded stream."""

    def __init__(self, rng: random.Random, entities: list[dict], relations: list[dict]):
        self.rng = rng
        self.ents = entities
        n = len(entities)
        # Zipf-like popularity: the curated lexicon first, then the synthetic tail.
        acc = 0.0
        self.cum = []
        for r in range(n):
            acc += 1.0 / (r + 20) ** 0.9
            self.cum.append(acc)
        self.total = acc
        self.by_kind: dict[str, list[int]] = {}
        for i, e in enumerate(entities):
            self.by_kind.setdefault(e["kind"], []).append(i)
        self.relations = [r for r in relations if r["name"] in RELATION_WEIGHT]
        self.rel_forms = {}
        for r in self.relations:
            verbs = [inflect(v) for v in r.get("verbs", [])]
            self.rel_forms[r["name"]] = (verbs, r.get("phrases", []))
        self.doc_no = 0
        self.pmids: set[int] = set()

    def pick(self) -> dict:
        x = self.rng.random() * self.total
        return self.ents[bisect.bisect_left(self.cum, x)]

    def pick_kind(self, kinds: list[str]) -> dict:
        for _ in range(12):
            e = self.pick()
            if e["kind"] in kinds:
                return e
        k = self.rng.choice([k for k in kinds if k in self.by_kind])
        return self.ents[self.rng.choice(self.by_kind[k])]

    def relation_for(self, subject_kind: str) -> dict:
        opts = [r for r in self.relations if subject_kind in r["domain"]]
        return self.rng.choices(opts, [RELATION_WEIGHT[r["name"]] for r in opts])[0]

    def ref(self, e: dict) -> dict:
        """The entity as a claim names it, with a mention as written."""
        mention = e["label"]
        if e["synonyms"] and self.rng.random() < 0.25:
            mention = self.rng.choice(e["synonyms"])
        out = {"id": e["id"], "label": e["label"], "kind": e["kind"], "mention": mention}
        if e["synonyms"]:
            out["synonyms"] = e["synonyms"]
        return out

    def combination(self) -> dict:
        members = []
        seen = set()
        for _ in range(self.rng.choice([2, 2, 2, 3])):
            m = self.pick_kind(["nutrient", "chemical"])
            if m["id"] not in seen:
                seen.add(m["id"])
                members.append(m)
        if len(members) < 2:
            return self.ref(members[0])
        members.sort(key=lambda m: m["id"].encode())
        refs = [self.ref(m) for m in members]
        mention = ", ".join(r["mention"] for r in refs[:-1]) + " and " + refs[-1]["mention"]
        return {
            "id": "combination:" + "+".join(m["id"] for m in members),
            "label": " + ".join(m["label"] for m in members),
            "kind": "combination",
            "mention": mention,
            "members": refs,
        }

    def sentence(self, subj: dict, rel: str, objs: list[dict], negated: bool, hedged: bool, ctx: dict) -> tuple[str, str]:
        """A sentence stating the claim, and the trigger as written in it."""
        rng = self.rng
        verbs, phrases = self.rel_forms[rel]
        s = subj["mention"]
        if subj["kind"] == "combination":
            s = "the combination of " + s if rng.random() < 0.5 else s
        o = " and ".join(x["mention"] for x in objs)
        where = ""
        if ctx["species"]:
            where += " " + SPECIES_PHRASE[ctx["species"]]
        if ctx["population"]:
            where += " in " + ctx["population"]
        if ctx["tissue"]:
            where += " in the " + ctx["tissue"]
        after = rng.choice(FILLERS_AFTER)
        use_phrase = phrases and (not verbs or rng.random() < 0.25)
        if use_phrase:
            trig = rng.choice(phrases)
            if negated:
                body = f"{s} was not {trig} {o}{where}{after}"
            elif hedged:
                body = f"{s} may be {trig} {o}{where}{after}"
            else:
                body = f"{s} is {trig} {o}{where}{after}"
        else:
            v = rng.choice(verbs)
            if negated:
                trig = v["base"]
                body = f"{s} did not {trig} {o}{where}{after}"
            elif hedged:
                h, form = rng.choice(HEDGES)
                trig = v[form]
                body = f"{s} {h} {trig} {o}{where}{after}"
                if rng.random() < 0.4:
                    body = rng.choice(HEDGE_LEADS) + body
            elif rng.random() < 0.2 and not v["base"].endswith((" with", " to", " in", " for", " against", " of")):
                trig = v["pp"]
                body = f"{o} {'was' if len(objs) == 1 else 'were'} {trig} by {s}{where}{after}"
            else:
                trig = v["past"] if rng.random() < 0.6 else v["s"]
                body = f"{s} {trig} {o}{where}{after}"
        body = rng.choice(FILLERS_BEFORE) + body
        return body[0].upper() + body[1:] + ".", trig

    def document(self, n_claims: int):
        """One document's claims (a list of dicts, in order)."""
        rng = self.rng
        self.doc_no += 1
        summary = rng.random() < 0.1
        if summary:
            doc = f"summary-{self.doc_no:07d}"
        else:
            while True:
                pmid = rng.randint(10_000_000, 39_999_999)
                if pmid not in self.pmids:
                    self.pmids.add(pmid)
                    break
            doc = str(pmid)
        focus = self.pick()
        offset = len(doc) + 40 + rng.randint(0, 80)  # after a title line
        section = None
        citations: list[int] = []
        out = []
        while len(out) < n_claims:
            if summary:
                if not out or rng.random() < 0.3:
                    section = f"{focus['label'].capitalize()} and {self.pick()['label']}: {rng.choice(['Biological Mechanisms', 'Clinical Evidence', 'Immune Effects', 'Metabolic Effects', 'Interactions'])}"
                    citations = sorted(rng.sample(range(1, 13), rng.randint(1, 3)))
                    offset += len(section.encode()) + 1
            else:
                section = rng.choice(SECTIONS_ABSTRACT) if not out or rng.random() < 0.2 else section
            if rng.random() < 0.01:
                subj = self.combination()
                skind = "combination"
            else:
                se = focus if rng.random() < 0.4 else self.pick()
                subj = self.ref(se)
                skind = se["kind"]
            rel = self.relation_for(skind)
            n_obj = 2 if rng.random() < 0.15 else 1
            objs = []
            for _ in range(n_obj):
                for _try in range(5):
                    oe = self.pick_kind(rel["range"])
                    if oe["id"] != subj["id"] and all(oe["id"] != x["id"] for x in objs):
                        objs.append(self.ref(oe))
                        break
            if not objs:
                continue
            negated = rng.random() < 0.05
            hedged = not negated and rng.random() < 0.21
            ctx = {"species": None, "population": None, "tissue": None}
            if rng.random() < 0.2:
                ctx["species"] = rng.choice(SPECIES)
            if rng.random() < 0.05:
                ctx["population"] = rng.choice(POPULATIONS)
            if rng.random() < 0.08:
                ctx["tissue"] = self.pick_kind(["tissue"])["label"]
            sent, trig = self.sentence(subj, rel["name"], objs, negated, hedged, ctx)
            start = offset
            end = start + len(sent.encode())
            offset = end + 1
            for o in objs:
                out.append(
                    {
                        "subject": subj,
                        "relation": rel["name"],
                        "object": o,
                        "negated": negated,
                        "hedged": hedged,
                        "context": ctx,
                        "evidence": {
                            "document": doc,
                            "section": section,
                            "sentence": sent,
                            "start": start,
                            "end": end,
                            "citations": citations if summary else [],
                            "trigger": trig,
                        },
                    }
                )
        return out


def write_claims(out_dir: Path, sizes: list[int], n_entities: int, seed: int) -> dict:
    """Writes ``claims-<size>.jsonl`` for each size (prefixes of one stream)."""
    rng = random.Random(f"claimgraph-bench/entities/{seed}")
    entities = make_entities(n_entities, rng, load_lexicon())
    rng = random.Random(f"claimgraph-bench/claims/{seed}")
    writer = ClaimWriter(rng, entities, load_relations())
    sizes = sorted(sizes)
    files = {s: open(out_dir / f"claims-{size_name(s)}.jsonl.part", "w", encoding="utf-8", newline="\n") for s in sizes}
    written = 0
    top = sizes[-1]
    stats = {"negated": 0, "hedged": 0, "documents": 0, "combinations": 0}
    while written < top:
        n = min(1 + int(rng.expovariate(1 / 7)), 40)
        stats["documents"] += 1
        for c in writer.document(n):
            if written >= top:
                break
            line = json.dumps(c, ensure_ascii=False, separators=(",", ":")) + "\n"
            for s, f in files.items():
                if written < s:
                    f.write(line)
            written += 1
            stats["negated"] += c["negated"]
            stats["hedged"] += c["hedged"]
            stats["combinations"] += c["subject"]["kind"] == "combination"
    result = {}
    for s, f in files.items():
        f.close()
        part = Path(f.name)
        final = part.with_suffix("")
        os.replace(part, final)
        result[size_name(s)] = {"path": str(final), "claims": s, "bytes": final.stat().st_size, "sha256": sha256(final)}
    result[size_name(top)]["stats"] = stats
    result[size_name(top)]["entities"] = n_entities
    return result


def size_name(n: int) -> str:
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --------------------------------------------------------------------------- summaries

HEADINGS = [
    "{a} and {b} Interactions: Biological Mechanisms",
    "Immune System Modulation by {a} and {b}",
    "{a} and {b} in Bone Health",
    "Interactions in Nutrient Absorption and Metabolism",
    "Effects of {a} on {b}",
    "Clinical Implications and Supplementation Strategies",
    "{a} Signaling and {b}",
    "Role of {a} in Inflammation",
]
NON_CLAIM = [
    "{a} and {b} have a close and complex relationship in the body.",
    "Several mechanisms have been proposed to explain these observations.",
    "The clinical relevance of these findings remains to be established in larger trials.",
    "Both {a} and {b} play significant roles in maintaining health.",
    "Further research is needed to clarify the dose and duration of supplementation.",
    "Results differ between studies, depending on baseline status and study design.",
]


def write_summaries(out_dir: Path, n_docs: int, seed: int) -> dict:
    """Writes ``n_docs`` research summaries; returns the count of body sentences."""
    rng = random.Random(f"claimgraph-bench/summaries/{seed}")
    lex = load_lexicon()
    rels = [r for r in load_relations() if r["name"] in RELATION_WEIGHT]
    by_kind: dict[str, list[dict]] = {}
    for e in lex:
        by_kind.setdefault(e["kind"], []).append(e)
    weights = [RELATION_WEIGHT[r["name"]] for r in rels]
    forms = {r["name"]: [inflect(v) for v in r.get("verbs", [])] for r in rels}
    d = out_dir / f"summaries-{n_docs}"
    d.mkdir(parents=True, exist_ok=True)
    for old in sorted(d.glob("*.txt")):
        old.unlink()

    def name(e: dict) -> str:
        if e["synonyms"] and rng.random() < 0.3:
            return rng.choice(e["synonyms"])
        return e["label"]

    def pick(kinds: list[str]) -> dict:
        k = rng.choice([k for k in kinds if k in by_kind])
        return rng.choice(by_kind[k])

    sentences = 0
    total_bytes = 0
    for i in range(n_docs):
        a = rng.choice(by_kind["nutrient"])
        b = pick(["nutrient", "chemical", "cytokine", "process", "condition"])
        la, lb = a["label"], b["label"]
        lines = [f"{la.capitalize()} and {lb} interactions", "Pro Research Analysisby ", "Searched over 200M research papers"]
        for _sec in range(rng.randint(4, 6)):
            lines.append(rng.choice(HEADINGS).format(a=la.title() if la.islower() else la, b=lb))
            sents = []
            for _ in range(rng.randint(3, 6)):
                if rng.random() < 0.2:
                    sents.append(rng.choice(NON_CLAIM).format(a=la, b=lb).capitalize())
                    continue
                rel = rng.choices(rels, weights)[0]
                subj = a if rng.random() < 0.5 else pick(rel["domain"])
                objs = [pick(rel["range"]) for _ in range(2 if rng.random() < 0.2 else 1)]
                s = name(subj)
                o = " and ".join(name(x) for x in objs)
                verbs = forms[rel["name"]]
                r = rng.random()
                if verbs and r < 0.75:
                    v = rng.choice(verbs)
                    if rng.random() < 0.05:
                        body = f"{s} did not {v['base']} {o}"
                    elif rng.random() < 0.2:
                        body = f"{s} {rng.choice(['may', 'can'])} {v['base']} {o}"
                    else:
                        body = f"{s} {rng.choice([v['s'], v['past']])} {o}"
                elif rel.get("phrases"):
                    body = f"{s} is {rng.choice(rel['phrases'])} {o}"
                elif rel.get("nominals"):
                    body = f"{rng.choice(rel['nominals']).capitalize()} {o} by {s} was observed"
                else:
                    v = rng.choice(verbs)
                    body = f"{s} {v['s']} {o}"
                if rng.random() < 0.2:
                    body += " " + rng.choice(["in the gut", "in animal studies", "in postmenopausal women", "in humans"])
                body = rng.choice(FILLERS_BEFORE) + body
                sents.append(body[0].upper() + body[1:] + ".")
            cites = sorted(rng.sample(range(1, 11), rng.randint(1, 3)))
            sents[-1] = sents[-1][:-1] + " " + "".join(map(str, cites)) + "."
            sentences += len(sents)
            lines.append(" ".join(sents))
        lines.append("Conclusion")
        concl = f"{la.capitalize()} and {lb} interact at multiple levels. Maintaining sufficient levels of {la} is essential for optimal health."
        sentences += 2
        lines.append(concl)
        lines.append("Sources and full results")
        lines.append("Most relevant research papers on this topic")
        text = "\n".join(lines)
        p = d / f"summary-{i:05d}.txt"
        p.write_text(text, encoding="utf-8", newline="\n")
        total_bytes += len(text.encode())
    return {"path": str(d), "documents": n_docs, "sentences": sentences, "bytes": total_bytes}


# --------------------------------------------------------------------------- main


def generate(out: Path, sizes: list[int], n_entities: int, n_summaries: int, seed: int, force: bool = False) -> dict:
    """Generates what is missing (each file keyed by its parameters); returns the manifest.

    Smaller claim files are prefixes of larger ones from the same stream, so generating
    the sizes requested together gives the same bytes as generating them one by one.
    """
    out.mkdir(parents=True, exist_ok=True)
    mpath = out / "manifest.json"
    manifest = json.loads(mpath.read_text()) if mpath.exists() else {}
    if manifest.get("generator") != GENERATOR_VERSION:
        manifest = {"generator": GENERATOR_VERSION}
    claims = manifest.setdefault("claims", {})
    key = f"seed{seed}/entities{n_entities}"
    missing = [
        s for s in sizes
        if force or claims.get(size_name(s), {}).get("key") != key or not Path(claims[size_name(s)]["path"]).exists()
    ]
    if missing:
        print(f"synth: writing claims {','.join(size_name(s) for s in sorted(sizes))} ({key}) into {out}", file=sys.stderr, flush=True)
        written = write_claims(out, sizes, n_entities, seed)
        for name, v in written.items():
            v["key"] = key
            claims[name] = v
        mpath.write_text(json.dumps(manifest, indent=1))
    summaries = manifest.setdefault("summaries", {})
    skey = f"seed{seed}"
    have = summaries.get(str(n_summaries), {})
    if force or have.get("key") != skey or not Path(have.get("path", "/nonexistent")).exists():
        print(f"synth: writing {n_summaries} summaries ({skey}) into {out}", file=sys.stderr, flush=True)
        v = write_summaries(out, n_summaries, seed)
        v["key"] = skey
        summaries[str(n_summaries)] = v
        mpath.write_text(json.dumps(manifest, indent=1))
    return manifest


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=Path("/tmp/claimgraph-bench"))
    ap.add_argument("--sizes", default="10000,100000,1000000", help="claim counts, comma-separated")
    ap.add_argument("--entities", type=int, default=200_000)
    ap.add_argument("--summaries", type=int, default=4000, help="number of research summaries")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--force", action="store_true", help="regenerate even if the manifest matches")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",") if s]
    m = generate(a.out, sizes, a.entities, a.summaries, a.seed, a.force)
    json.dump(m, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
