"""Writes the outputs of the producers claimgraph imports, made by the producers' own code.

No model and no web service is called: the objects an LLM graph builder or a reader
would have made are built here by hand from sentences of real texts, then serialised by
the producers' own serialisers (issue 19, tests/it/import_claims.rs):

  indra.json          indra.statements objects through stmts_to_json
  langchain.json      LangChain GraphDocuments through model_dump_json
  neo4j.json          neo4j-graphrag's Neo4jGraph (a lexical graph) through model_dump_json
  graphrag/           GraphRAG's entities, relationships and text_units tables, with the
                      columns of graphrag.data_model.schemas and the types of
                      graphrag.data_model.dfs, written to parquet by pandas (pyarrow)

Each holds claims that claimgraph also reads in the same text, and planted wrong ones:
an argument absent from its sentence, a negated sentence imported as affirmed, and a
predicate no relation stands for.

Usage: make_imports.py OUTDIR SUMMARY.txt ABSTRACT.txt ABSTRACT_PMID
"""

import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")

out, summary_path, abstract_path, pmid = sys.argv[1:5]
summary = open(summary_path, encoding="utf-8").read()
abstract = open(abstract_path, encoding="utf-8").read()


def sentence(text, start):
    """The sentence of `text` that starts with `start` (must be there)."""
    i = text.index(start)
    j = text.index(". ", i) + 1 if ". " in text[i:] else len(text)
    return text[i:j]


def paragraph(text, start):
    """The line (paragraph) of `text` holding `start`."""
    i = text.index(start)
    a = text.rfind("\n", 0, i) + 1
    b = text.find("\n", i)
    return text[a : b if b >= 0 else len(text)]


os.makedirs(out, exist_ok=True)

# --- INDRA ---------------------------------------------------------------------------
from indra.statements import (  # noqa: E402
    Activation,
    Agent,
    Complex,
    Evidence,
    IncreaseAmount,
    Inhibition,
    Translocation,
    stmts_to_json,
)

il1b = Agent("IL1B", db_refs={"HGNC": "5992", "TEXT": "interleukin-1beta", "UP": "P01584"})
nfkb = Agent("NFkappaB", db_refs={"FPLX": "NFkappaB", "TEXT": "NF-kappaB"})
ros = Agent("reactive oxygen species", db_refs={"CHEBI": "CHEBI:26523", "TEXT": "ROIs"})
zinc = Agent("zinc", db_refs={"CHEBI": "CHEBI:27363", "TEXT": "Zinc"})
vitd = Agent("vitamin D", db_refs={"CHEBI": "CHEBI:27300", "TEXT": "vitamin D"})
il6 = Agent("IL6", db_refs={"HGNC": "6018", "TEXT": "IL-6"})


def ev(text, pmid=None, negated=False, api="reach"):
    return Evidence(
        source_api=api,
        pmid=pmid,
        text=text,
        epistemics={"negated": negated, "hedged": False, "direct": True},
    )


title = abstract.splitlines()[0]
denied = sentence(abstract, "IL-1beta stimulation of epithelial cells did not generate")
indra = [
    # Also read by claimgraph: IL-1beta activates NF-kappaB (the title).
    Activation(il1b, nfkb, evidence=[ev(title, pmid)]),
    # Planted: the sentence says "did not generate"; imported as affirmed.
    IncreaseAmount(il1b, ros, evidence=[ev(denied, pmid)]),
    # The summary, as a reader of it would state it (no PMID: its document id).
    Inhibition(zinc, il6, evidence=[ev(sentence(summary, "Zinc is essential for the proper function"))]),
    Activation(zinc, vitd, evidence=[ev(sentence(summary, "Zinc supplementation has been shown"), api="sparser")]),
    # No evidence text at all: imported unverified (quarantined under --strict).
    Complex([zinc, vitd], evidence=[Evidence(source_api="biogrid", pmid=pmid)]),
    # A statement type no relation stands for.
    Translocation(il1b, "cytoplasm", "nucleus", evidence=[ev(title, pmid)]),
]
for s in indra[2:4]:
    s.evidence[0].source_id = "zinc-vitamin-d"
with open(os.path.join(out, "indra.json"), "w", encoding="utf-8") as f:
    json.dump(stmts_to_json(indra), f, indent=1)

# --- LangChain GraphDocument ---------------------------------------------------------
from langchain_community.graphs.graph_document import (  # noqa: E402
    GraphDocument,
    Node,
    Relationship,
)
from langchain_core.documents import Document  # noqa: E402

p1 = paragraph(summary, "Zinc is essential for the proper function")
z, d, zt, il = (
    Node(id="Zinc", type="Nutrient"),
    Node(id="Vitamin D", type="Nutrient"),
    Node(id="zinc transporters", type="Protein"),
    Node(id="IL-6", type="Cytokine"),
)
docs = [
    GraphDocument(
        nodes=[z, d, zt, il],
        relationships=[
            Relationship(source=z, target=d, type="IS_COFACTOR_OF"),
            Relationship(source=d, target=zt, type="UPREGULATES"),
            # Planted: IL-6 is nowhere in this paragraph.
            Relationship(source=z, target=il, type="INHIBITS"),
            # A free-text predicate no trigger phrase names.
            Relationship(source=z, target=d, type="HAS_CLOSE_RELATIONSHIP_WITH"),
        ],
        source=Document(page_content=p1, metadata={"source": "zinc-vitamin-d"}),
    )
]
with open(os.path.join(out, "langchain.json"), "w", encoding="utf-8") as f:
    f.write("[" + ",".join(g.model_dump_json() for g in docs) + "]")

# --- neo4j-graphrag lexical graph ----------------------------------------------------
from neo4j_graphrag.experimental.components.types import (  # noqa: E402
    Neo4jGraph,
    Neo4jNode,
    Neo4jRelationship,
)

p2 = paragraph(summary, "Research in both humans and animals")
graph = Neo4jGraph(
    nodes=[
        Neo4jNode(id="doc", label="Document", properties={"path": "zinc-vitamin-d"}),
        Neo4jNode(id="c0", label="Chunk", properties={"text": p2, "index": 0}),
        Neo4jNode(id="e0", label="Nutrient", properties={"name": "vitamin D"}),
        Neo4jNode(id="e1", label="Nutrient", properties={"name": "zinc"}),
    ],
    relationships=[
        Neo4jRelationship(start_node_id="c0", end_node_id="doc", type="FROM_DOCUMENT"),
        Neo4jRelationship(start_node_id="e0", end_node_id="c0", type="FROM_CHUNK"),
        Neo4jRelationship(start_node_id="e1", end_node_id="c0", type="FROM_CHUNK"),
        Neo4jRelationship(start_node_id="e0", end_node_id="e1", type="ENHANCES_ABSORPTION_OF"),
    ],
)
with open(os.path.join(out, "neo4j.json"), "w", encoding="utf-8") as f:
    f.write(graph.model_dump_json())

# --- GraphRAG tables -----------------------------------------------------------------
import pandas as pd  # noqa: E402
from graphrag.data_model import schemas  # noqa: E402
from graphrag.data_model.dfs import (  # noqa: E402
    entities_typed,
    relationships_typed,
    text_units_typed,
)

gr = os.path.join(out, "graphrag")
os.makedirs(gr, exist_ok=True)
p3 = paragraph(summary, "Both zinc and vitamin D play significant roles")
units = pd.DataFrame(
    [["tu-1", 0, p3, len(p3.split()), "zinc-vitamin-d", ["e-1", "e-2", "e-3"], ["r-1", "r-2"], []]],
    columns=schemas.TEXT_UNITS_FINAL_COLUMNS,
)
entities = pd.DataFrame(
    [
        ["e-1", 0, "ZINC", "NUTRIENT", "An essential trace mineral.", ["tu-1"], 1, 2],
        ["e-2", 1, "IL-17", "CYTOKINE", "A pro-inflammatory cytokine.", ["tu-1"], 1, 1],
        ["e-4", 3, "INTERFERON-GAMMA", "CYTOKINE", "A type II interferon.", ["tu-1"], 1, 1],
        ["e-3", 2, "VITAMIN D", "NUTRIENT", "A fat-soluble vitamin.", ["tu-1"], 1, 1],
    ],
    columns=schemas.ENTITIES_FINAL_COLUMNS,
)
relationships = pd.DataFrame(
    [
        # The summary's combination claim read pairwise, as GraphRAG would.
        ["r-1", 0, "ZINC", "INTERFERON-GAMMA", "Zinc together with vitamin D3 suppresses the production of interferon-gamma", 1.0, 3, ["tu-1"]],
        # Planted: a relation the text unit does not state between them in one sentence.
        ["r-2", 1, "VITAMIN D", "IL-17", "Vitamin D is a cofactor for IL-17", 1.0, 2, ["tu-1"]],
    ],
    columns=schemas.RELATIONSHIPS_FINAL_COLUMNS,
)
text_units_typed(units).to_parquet(os.path.join(gr, "text_units.parquet"), index=False)
entities_typed(entities).to_parquet(os.path.join(gr, "entities.parquet"), index=False)
relationships_typed(relationships).to_parquet(os.path.join(gr, "relationships.parquet"), index=False)
print("wrote", out)
