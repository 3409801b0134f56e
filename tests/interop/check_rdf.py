#!/usr/bin/env python3
"""Load claimgraph's JSON-LD with real RDF tools and find every claim in it.

usage: check_rdf.py GRAPH.jsonld CLAIMS.jsonl

1. pyld expands the JSON-LD and turns it into N-Quads (no remote context is fetched:
   the document loader refuses every URL);
2. pyoxigraph loads the N-Quads; for every claim of CLAIMS.jsonl a SPARQL ASK finds its
   association node (rdf:subject, cg:relation, rdf:object, biolink:negated) carrying the
   claim's sentence as biolink:supporting_text;
3. rdflib parses the same JSON-LD and must produce the same number of triples.
Prints a one-line summary; exits 1 on the first failure.
"""
import json
import sys
import urllib.parse

import pyoxigraph
import rdflib
from pyld import jsonld


def no_remote(url, options=None):
    raise RuntimeError(f"refusing to fetch remote document {url}")


def expander(context):
    # The IRI of an id, as the exporters document it: the prefix's namespace followed by
    # the local part with every character outside ASCII letters, digits and -._~:+
    # percent-encoded (a combination id's own %3A becomes %253A).
    def expand(curie):
        prefix, _, local = curie.partition(":")
        entry = context.get(prefix)
        if isinstance(entry, dict):
            entry = entry.get("@id")
        if isinstance(entry, str) and local:
            return entry + urllib.parse.quote(local, safe="-._~:+")
        return curie
    return expand


def sparql_string(s):
    return json.dumps(s, ensure_ascii=False)


def main(path, claims_path):
    jsonld.set_document_loader(no_remote)
    doc = json.load(open(path, encoding="utf-8"))
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    store = pyoxigraph.Store()
    store.load(nquads.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    n_store = len(store)
    expand = expander(doc["@context"])
    cg = doc["@context"]["cg"]
    claims = [json.loads(l) for l in open(claims_path, encoding="utf-8") if l.strip()]
    if not claims:
        print("no claims to check"); sys.exit(1)
    for c in claims:
        q = f"""
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        PREFIX biolink: <https://w3id.org/biolink/vocab/>
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        ASK {{
          ?a rdf:subject <{expand(c['subject']['id'])}> ;
             <{cg}relation> <{cg}{c['relation']}> ;
             rdf:object <{expand(c['object']['id'])}> ;
             biolink:negated "{str(bool(c.get('negated'))).lower()}"^^xsd:boolean ;
             biolink:supporting_text {sparql_string(c['evidence']['sentence'])} .
        }}"""
        if not store.query(q):
            print("claim not found in the RDF:", c["subject"]["label"], c["relation"], c["object"]["label"])
            sys.exit(1)
    # Affirmed claims also have their direct triple.
    direct = next(iter(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . FILTER(STRSTARTS(STR(?p), 'http://purl.obolibrary.org/obo/RO_')) }")))[0]
    g = rdflib.Graph()
    g.parse(data=json.dumps(doc), format="json-ld")
    if len(g) != n_store:
        print(f"rdflib read {len(g)} triples, pyld/pyoxigraph {n_store}")
        sys.exit(1)
    print(f"ok: {n_store} triples, {len(claims)} claims found with their evidence, {direct.value} RO direct triples")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
