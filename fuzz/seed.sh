#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs made from the repository's real files
# (documents, claims, lexicon, vocabulary, saved graphs). Safe to run again: libFuzzer
# names corpus files by content hash, and the seeds here are named by source.
#
# usage: fuzz/seed.sh [DIR]   (default fuzz/corpus; smoke.sh seeds a temporary one)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
shared="$(dirname "$repo")/shared"
corpus="${1:-$here/corpus}"
mkdir -p "$corpus"/{document_extract,claims_readers,lexicon_loader,saved_graph}

# document_extract: whole documents, and each paragraph alone (short inputs run faster).
docs=("$repo"/graph/corpus/*.txt)
if [ -d "$shared/corpus" ]; then
    docs+=("$shared"/corpus/*.txt)
    if [ -d "$shared/corpus/genia-dev" ]; then
        mapfile -t genia < <(ls "$shared"/corpus/genia-dev/*.txt | sort | head -n 12)
        docs+=("${genia[@]}")
    fi
fi
for f in "${docs[@]}"; do
    [ -f "$f" ] || continue
    name="$(basename "$f" .txt)"
    cp "$f" "$corpus/document_extract/seed-$name.txt"
    awk -v out="$corpus/document_extract/seed-$name-p" 'BEGIN{RS=""} {n++; f=out n ".txt"; print "A note\n" $0 > f; close(f)}' "$f"
done
printf 'A note\nZinc suppresses the production of IL-6 in macrophages.\n' \
    > "$corpus/document_extract/seed-one-claim.txt"

# claims_readers: every exported claim line alone, the whole file, claims TSVs, gold TSVs.
jsonl="$repo/exports/zinc-vitamin-d.claims.jsonl"
if [ -f "$jsonl" ]; then
    cp "$jsonl" "$corpus/claims_readers/seed-all.jsonl"
    n=0
    while IFS= read -r line; do
        n=$((n + 1))
        printf '%s\n' "$line" > "$corpus/claims_readers/seed-line-$n.jsonl"
    done < "$jsonl"
fi
cp "$here"/seeds/claims_readers/* "$corpus/claims_readers/"
if [ -d "$shared/corpus" ]; then
    for f in "$shared"/corpus/*.gold.tsv; do
        [ -f "$f" ] && cp "$f" "$corpus/claims_readers/seed-$(basename "$f")"
    done
fi

# lexicon_loader: each lexicon file whole and its first 12 lines, the relation vocabulary.
for f in "$repo"/graph/lexicon/*.tsv; do
    name="$(basename "$f" .tsv)"
    cp "$f" "$corpus/lexicon_loader/seed-$name.tsv"
    head -n 12 "$f" > "$corpus/lexicon_loader/seed-$name-head.tsv"
done
cp "$repo/graph/relations.toml" "$corpus/lexicon_loader/seed-relations.toml"
# The vocabulary's first relation and aspect tables alone.
awk '/^\[\[/{n++} n<=2' "$repo/graph/relations.toml" > "$corpus/lexicon_loader/seed-relations-head.toml"

# saved_graph: graphs saved by `claimgraph build` (fuzz/seeds/saved_graph, remade with
# `cargo run --release -- build -o X.cg` when the format changes; v1/ holds graphs in the
# JSON format 1, which the loader still reads).
cp "$here"/seeds/saved_graph/*.cg "$corpus/saved_graph/"
for f in "$here"/seeds/saved_graph/v1/*.cg; do
    cp "$f" "$corpus/saved_graph/v1-$(basename "$f")"
done

for t in document_extract claims_readers lexicon_loader saved_graph; do
    echo "seed corpus $t: $(ls "$corpus/$t" | wc -l) files"
done

# A libFuzzer dictionary for document_extract and claims_readers: entity labels and
# synonyms from the lexicon, trigger words and relation names from the vocabulary, and
# the document and claim format's keywords.
dict="$corpus/claimgraph.dict"
{
    for f in "$repo"/graph/lexicon/*.tsv; do
        tail -n +2 "$f" | cut -f2,4 | tr '\t|' '\n\n'
    done
    grep -o '"[^"]*"' "$repo/graph/relations.toml" | tr -d '"'
    printf '%s\n' "Pro Research Analysis" "Searched over" "Most relevant research papers" \
        "Sources and full results" "# " "## " "They" "This combination" "It" \
        "these nutrients" "their combined supplementation" "When combined," \
        "the combination of" "Both" "neither" "nor" "did not" "may" "can" "suggest" \
        "potentially" "deficiency" "in animal studies" "postmenopausal women" "in the gut" \
        "subject" "relation" "object" "negated" "hedged" "evidence" "sentence" "start" \
        "end" "citations" "trigger" "context" "species" "population" "tissue" "mention" \
        "synonyms" "members" "kind" "label" "id" "document" "section" "true" "false" \
        "nutrient" "chemical" "gene" "protein" "cytokine" "cell" "process" "condition" \
        "combination" "CLAIMGRAPH" "version 1" "nodes" "edges" "source" "target" "edge" \
        "Claim" "HasMember" "combination:" "CHEBI:" "HGNC:" "GO:" "MONDO:" "HP:"
} | awk 'length($0) > 0 && length($0) <= 40' | sort -u |
    LC_ALL=C perl -ne 'chomp; s/([\\"])/\\$1/g; s/([^\x20-\x7e])/sprintf("\\x%02X", ord($1))/ge; print "\"$_\"\n"' > "$dict"
echo "dictionary: $(wc -l < "$dict") entries ($dict)"
