"""claimgraph: the claims of biomedical research summaries and abstracts as a typed
knowledge graph, with path questions, evidence and exports.

The names follow the ``claimgraph`` command line, and options are keyword arguments with
its defaults::

    import claimgraph as cg
    claims = cg.extract(open("summary.txt").read(), document_id="summary")
    g = cg.build(["summary.txt", "more/claims.jsonl", "old.cg"])  # or cg.Graph.load("all.cg")
    g.paths("zinc", "IL-17", k=3, sign="-")      # as `claimgraph paths --format json`
    g.neighbors("IL-17", depth=1)
    g.explain("zinc + vitamin D3", "suppresses", "IL-17")
    g.claims_frame(); g.nodes_frame()            # pandas DataFrames
    nxg = g.to_networkx()                        # networkx MultiDiGraph
    g.export("jsonld", "g.jsonld"); g.save("g.cg")

With no inputs, :func:`build` uses the bundled zinc and vitamin D summary, like the
command line. The lexicon, relation vocabulary, summary and extraction model are
compiled into the package: nothing is downloaded.

Extraction and assembly run without holding the GIL (other threads go on) and report
to an optional ``progress`` callable ``progress(done, total)``, or to a tqdm bar passed
as ``progress=tqdm(...)``. Errors are :class:`Error` subclasses whose messages are the
command line's, with file, line and column for a malformed input.
"""

from __future__ import annotations

import html as _html
import json
import os
import warnings
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

from . import _native
from ._errors import (
    DocumentSkipped,
    Error,
    FileError,
    InputError,
    InternalError,
    MissingToolError,
    ParseError,
    ToolError,
    UnknownEntityError,
    UsageError,
)

__version__: str = _native.__version__

PathLike = Union[str, "os.PathLike[str]"]
Progress = Union[Callable[[int, int], Any], Any, None]

#: The export formats of :meth:`Graph.export` (those of ``claimgraph export --format``).
FORMATS: Tuple[str, ...] = (
    "dot", "svg", "jsonld", "nt", "ttl", "graphml", "neo4j", "cypher", "kgx",
    "kgx-jsonl", "mermaid", "cyjs", "html",
)

#: Graphs up to this many nodes and claims are drawn as SVG in a notebook; larger ones
#: show the interactive page (up to :data:`HTML_MAX_CLAIMS`), or a line of text.
SVG_MAX_NODES: int = 150
SVG_MAX_CLAIMS: int = 400
HTML_MAX_CLAIMS: int = 20000


def _paths(values: Union[None, PathLike, Iterable[PathLike]]) -> List[str]:
    """A path or an iterable of paths as a list of path strings."""
    if values is None:
        return []
    if isinstance(values, (str, os.PathLike)):
        return [os.fspath(values)]
    return [os.fspath(v) for v in values]


def _progress(progress: Progress) -> Optional[Callable[[int, int], Any]]:
    """The callback for ``progress``: a callable ``(done, total)`` as it is, a tqdm-like
    bar (an object with ``update``) moved forward and given its total."""
    if progress is None:
        return None
    if hasattr(progress, "update") and hasattr(progress, "total"):
        bar = progress
        seen = [0]

        def advance(done: int, total: int) -> None:
            if bar.total != total:
                bar.total = total
                if hasattr(bar, "refresh"):
                    bar.refresh()
            if done > seen[0]:
                bar.update(done - seen[0])
                seen[0] = done

        return advance
    if callable(progress):
        return progress
    raise UsageError("progress must be a callable (done, total) or a tqdm-like bar")


def _names(values: Union[None, str, Iterable[str]]) -> List[str]:
    """Names given as a list, or as the command line's comma-separated text."""
    if values is None:
        return []
    if isinstance(values, str):
        return [v.strip() for v in values.split(",") if v.strip()]
    return [str(v) for v in values]


def _count(name: str, value: Optional[int]) -> Optional[int]:
    """A count option (k, max_hops, limit, depth): None or an int of at least 0."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageError(f"`{name}` must be a whole number of at least 0, not {value!r}")
    return value


def _jsonl(text: str) -> List[Dict[str, Any]]:
    # Split on LF only: claim text may hold U+2028, which str.splitlines() would cut.
    return [json.loads(line) for line in text.split("\n") if line]


def _require(module: str, method: str) -> Any:
    try:
        return __import__(module)
    except ImportError as e:
        raise ImportError(
            f"claimgraph.Graph.{method}() needs {module}, which is not installed: "
            f"pip install {module}"
        ) from e


def extract(
    source: Union[str, "os.PathLike[str]", Mapping[str, str], Iterable[Any]],
    *,
    document_id: str = "stdin",
    lexicon: Union[None, PathLike, Iterable[PathLike]] = None,
    vocabulary: Union[None, PathLike, Iterable[PathLike]] = None,
    progress: Progress = None,
    keep_going: bool = False,
) -> List[Dict[str, Any]]:
    """Extracts claims, as ``claimgraph extract`` does.

    Args:
        source: the text of one document (named by ``document_id``); or a path
            (``pathlib.Path``) of a document or a directory of them, each named by its
            file stem (PubMed XML and BioC XML/JSON files, gzipped or not, give one
            document per article, named ``PMID:NNN``); or ``{"id": ..., "text": ...}``; or an iterable of
            ``(id, text)`` pairs, such dicts, or paths. Several documents are read in
            parallel.
        document_id: the document id of a text ``source`` (the CLI's ``--document-id``).
        lexicon: extra lexicon TSV files or directories (``--lexicon``).
        vocabulary: extra relation vocabulary TOML files (``--vocabulary``).
        progress: ``progress(done, total)`` after each document, or a tqdm bar.
        keep_going: a document that cannot be read or extracted is skipped with a
            :class:`DocumentSkipped` warning naming it and the error, and the others'
            claims are returned (the CLI's ``--keep-going``); by default its error is
            raised and nothing is returned.

    Returns:
        The claims in the JSON Lines claim format (subject, relation, object, negated,
        hedged, context, evidence), one dict each, in document order.

    Raises:
        FileError: a file cannot be read.
        ParseError: a file is not UTF-8 (with line and column) or a lexicon or
            vocabulary file is malformed.
        UsageError: a path is a claims file or saved graph, not a document.
    """
    lex, voc, cb = _paths(lexicon), _paths(vocabulary), _progress(progress)
    if isinstance(source, str):
        docs: List[Tuple[str, str]] = [(document_id, source)]
        return _claims(_native.extract_texts(docs, lex, voc, cb, keep_going))
    if isinstance(source, os.PathLike):
        return _claims(_native.extract_files([os.fspath(source)], lex, voc, cb, keep_going))
    if isinstance(source, Mapping):
        source = [source]
    items = list(source)
    if items and all(isinstance(i, os.PathLike) for i in items):
        return _claims(
            _native.extract_files([os.fspath(i) for i in items], lex, voc, cb, keep_going)
        )
    docs = []
    for i in items:
        if isinstance(i, Mapping) and "id" in i and "text" in i:
            docs.append((str(i["id"]), str(i["text"])))
        elif isinstance(i, (tuple, list)) and len(i) == 2:
            docs.append((str(i[0]), str(i[1])))
        else:
            raise UsageError(
                "extract() takes a text, a path, or an iterable of (id, text) pairs, "
                "{'id', 'text'} dicts or paths"
            )
    return _claims(_native.extract_texts(docs, lex, voc, cb, keep_going))


def _claims(result: Tuple[str, List[Tuple[str, str]]]) -> List[Dict[str, Any]]:
    """The claims of a native extraction; each skipped document becomes a warning."""
    text, failures = result
    for document, message in failures:
        warnings.warn(f"{document}: skipped: {message}", DocumentSkipped, stacklevel=3)
    return _jsonl(text)


def build(
    inputs: Union[None, PathLike, Iterable[PathLike]] = None,
    *,
    lexicon: Union[None, PathLike, Iterable[PathLike]] = None,
    vocabulary: Union[None, PathLike, Iterable[PathLike]] = None,
    progress: Progress = None,
) -> "Graph":
    """Assembles a graph, as ``claimgraph build`` does.

    Args:
        inputs: documents (``.txt``, ``.md``), claims files (``.jsonl``, ``.tsv``),
            saved graphs (``.cg``) and directories of them (walked in sorted order).
            None or empty: the bundled zinc and vitamin D summary.
        lexicon: extra lexicon TSV files or directories (``--lexicon``).
        vocabulary: extra relation vocabulary TOML files (``--vocabulary``).
        progress: ``progress(done, total)`` after each input, or a tqdm bar.

    Returns:
        The graph: claims with the same subject, relation, object and polarity merged
        into one edge holding all their evidence. Its saved bytes are those of
        ``claimgraph build -o``.

    Raises:
        FileError, ParseError: an input cannot be read or is malformed (the message
            names the file, line and column).
    """
    native = _native.build(
        _paths(inputs), _paths(lexicon), _paths(vocabulary), _progress(progress)
    )
    return Graph(native)


def bundled_corpus() -> List[Tuple[str, str]]:
    """The bundled research summary as ``[(document id, text)]``."""
    return list(_native.bundled_corpus())


class Graph:
    """A claimgraph knowledge graph: entities as nodes, claims as edges with their
    merged evidence and a confidence.

    Make one with :func:`build` or :meth:`Graph.load`. In a notebook the graph shows
    itself as a diagram (SVG through Graphviz ``dot``), or as the interactive page when
    it is too big to draw or ``dot`` is missing.
    """

    __slots__ = ("_native", "_svg_cache", "_elements_cache")

    def __init__(self, native: "_native.NativeGraph") -> None:
        self._native = native
        self._svg_cache: Optional[Tuple[Optional[str]]] = None
        self._elements_cache: Optional[Tuple[list, list]] = None

    # --- making and keeping ------------------------------------------------------------

    @classmethod
    def load(
        cls,
        path: PathLike,
        *,
        lexicon: Union[None, PathLike, Iterable[PathLike]] = None,
        vocabulary: Union[None, PathLike, Iterable[PathLike]] = None,
    ) -> "Graph":
        """Loads a saved graph (``claimgraph build -o FILE``).

        ``lexicon`` and ``vocabulary`` extend the bundled ones for later questions (such
        as relation names in :meth:`paths`), as the command line's options do.

        Raises:
            FileError: the file cannot be read.
            ParseError: the file is not a saved graph, or of an unknown version.
        """
        return cls(_native.load(os.fspath(path), _paths(lexicon), _paths(vocabulary)))

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        *,
        lexicon: Union[None, PathLike, Iterable[PathLike]] = None,
        vocabulary: Union[None, PathLike, Iterable[PathLike]] = None,
    ) -> "Graph":
        """The graph whose saved form is ``data`` (what :meth:`to_bytes` returns).

        Raises:
            ParseError: ``data`` is not a saved graph, or of an unknown version.
        """
        return cls(_native.from_bytes(bytes(data), _paths(lexicon), _paths(vocabulary)))

    def __reduce__(self) -> Tuple[Any, Tuple[bytes]]:
        # Pickled as its saved bytes (for multiprocessing and caches); an extra lexicon or
        # vocabulary given to build() or load() is not carried along.
        return (Graph.from_bytes, (self.to_bytes(),))

    def save(self, path: PathLike) -> None:
        """Saves the graph to ``path`` (atomically), in the bytes of ``claimgraph build -o``."""
        self._native.save(os.fspath(path))

    def to_bytes(self) -> bytes:
        """The saved form of the graph (what :meth:`save` writes)."""
        return bytes(self._native.to_bytes())

    # --- sizes ---------------------------------------------------------------------------

    @property
    def node_count(self) -> int:
        """The number of entities."""
        return int(self._native.node_count())

    @property
    def claim_count(self) -> int:
        """The number of distinct claims (edges other than memberships)."""
        return int(self._native.claim_count())

    def __len__(self) -> int:
        """The number of distinct claims."""
        return self.claim_count

    # --- questions -----------------------------------------------------------------------

    def paths(
        self,
        source: str,
        target: str,
        *,
        k: Optional[int] = None,
        max_hops: Optional[int] = None,
        weighted: bool = False,
        sign: Optional[str] = None,
        relations: Union[None, str, Sequence[str]] = None,
        kinds: Union[None, str, Sequence[str]] = None,
        min_confidence: float = 0.0,
        include_negated: bool = False,
        undirected: bool = False,
        no_hierarchy: bool = False,
        limit: int = 10,
        format: str = "json",
    ) -> Any:
        """Paths from ``source`` to ``target``, hop by hop with evidence and net sign:
        the answer of ``claimgraph paths SOURCE TARGET --format json``.

        Args:
            source, target: entity names (label, synonym or CURIE, any case).
            k: the k shortest simple paths (Yen's algorithm); not with ``max_hops``.
            max_hops: all simple paths of at most this many hops (capped by ``limit``).
            weighted: the most confident paths (with ``k``, the k best).
            sign: only paths with this net effect: ``"+"`` or ``"-"``.
            relations: only these relations (membership and hierarchy hops are always
                allowed): a list, or comma-separated text as on the command line.
            kinds: node kinds allowed inside a path (its ends may be of any kind).
            min_confidence: claims below this confidence are not walked.
            include_negated: walk negated claims too (their sign is 0).
            undirected: walk claims against their direction too (sign 0).
            no_hierarchy: do not walk the entity hierarchy (``is-a`` up to a parent,
                ``has-form`` down to a form), as ``paths --no-hierarchy``.
            limit: the most paths to return (``truncated`` says when there are more).
            format: ``"json"`` (a dict), or ``"dot"``/``"svg"`` (text: the paths
                highlighted on their subgraph).

        Returns:
            ``{"from", "to", "paths": [{"sign", "hops": [...]}], "truncated"}``; no path
            is an empty ``paths`` list, not an error.

        Raises:
            UnknownEntityError: a name matches no entity (the message suggests some).
            UsageError: an unknown relation, kind or sign, or ``k`` with ``max_hops``.
        """
        out = self._native.paths(
            source, target, _count("k", k), _count("max_hops", max_hops), weighted, sign,
            _names(relations), _names(kinds), float(min_confidence), include_negated,
            undirected, no_hierarchy, _count("limit", limit), format,
        )
        return json.loads(out) if format == "json" else out

    def neighbors(
        self,
        name: str,
        *,
        depth: int = 1,
        relations: Union[None, str, Sequence[str]] = None,
        include_negated: bool = False,
    ) -> Dict[str, Any]:
        """The claims in and out of an entity up to ``depth`` hops: the answer of
        ``claimgraph neighbors NAME --format json`` (``{"center", "claims"}``).

        Raises:
            UnknownEntityError: the name matches no entity.
            UsageError: an unknown relation.
        """
        out = self._native.neighbors(
            name, _count("depth", depth), _names(relations), include_negated
        )
        return json.loads(out)

    def explain(self, source: str, relation: str, target: str) -> Dict[str, Any]:
        """Every evidence for the claims ``source relation target``, affirmed and negated:
        the answer of ``claimgraph explain SOURCE RELATION TARGET --format json``.

        Raises:
            UnknownEntityError: a name matches no entity.
            UsageError: an unknown relation.
        """
        return json.loads(self._native.explain(source, relation, target))

    def stats(self) -> Dict[str, Any]:
        """Counts by kind and relation, degree leaders and contradictions: the answer of
        ``claimgraph stats --format json``."""
        return json.loads(self._native.stats())

    def claims(self) -> List[Dict[str, Any]]:
        """Every claim, one per evidence, in canonical order, as JSON Lines claim dicts
        (what a ``build`` of them would read back)."""
        return _jsonl(self._native.claims_jsonl())

    # --- exports -------------------------------------------------------------------------

    def export(self, format: str, path: Optional[PathLike] = None) -> Union[None, str, Dict[str, str]]:
        """Exports the graph, as ``claimgraph export --format FORMAT``.

        Args:
            format: one of :data:`FORMATS` (dot, svg, jsonld, nt, ttl, graphml, mermaid,
                cyjs, cypher, html write one file; neo4j, kgx, kgx-jsonl a directory).
            path: where to write (a directory for the multi-file formats), atomically.

        Returns:
            None when written to ``path``; else the text, or ``{file name: text}`` for a
            multi-file format. The bytes are those of the command line.

        Raises:
            UsageError: an unknown format.
            MissingToolError: ``svg`` needs Graphviz ``dot``.
            FileError: ``path`` cannot be written.
        """
        return self._native.export(format, None if path is None else os.fspath(path))

    def _elements(self) -> Tuple[list, list]:
        if self._elements_cache is None:
            self._elements_cache = tuple(self._native.graphml_elements())  # type: ignore[assignment]
        return self._elements_cache  # type: ignore[return-value]

    def to_networkx(self) -> Any:
        """The graph as a ``networkx.MultiDiGraph`` with the attributes of the GraphML
        export: equal to ``networkx.read_graphml(path, edge_key_type=str,
        force_multigraph=True)`` of ``export("graphml", path)`` (lists are JSON array
        strings there, so they are here). Edges are keyed by their GraphML id;
        memberships are edges with relation ``has-member``.

        Raises:
            ImportError: networkx is not installed.
        """
        nx = _require("networkx", "to_networkx")
        nodes, edges = self._elements()
        g = nx.MultiDiGraph()
        g.add_nodes_from((n, dict(a)) for n, a in nodes)
        g.add_edges_from((s, t, key, dict(a)) for s, t, key, a in edges)
        return g

    def claims_frame(self) -> Any:
        """A pandas DataFrame with one row per claim (membership and hierarchy links left
        out) and its evidence as columns: ``id``, ``subject``, ``subject_label``, ``subject_kind``,
        ``relation``, ``object``, ``object_label``, ``object_kind``, ``negated``,
        ``hedged`` (every evidence hedged), ``confidence``, ``evidence_count``,
        ``documents``, ``sentences``, ``citations``, ``publications`` (lists),
        ``predicate`` and ``qualifiers`` (Biolink).

        Raises:
            ImportError: pandas is not installed.
        """
        pd = _require("pandas", "claims_frame")
        nodes, edges = self._elements()
        node = {n: a for n, a in nodes}
        columns: Dict[str, list] = {c: [] for c in _CLAIM_COLUMNS}
        for s, t, key, a in edges:
            if a.get("relation") in ("has-member", "is-a"):
                continue
            sa, ta = node.get(s, {}), node.get(t, {})
            row = {
                "id": key, "subject": s, "subject_label": sa.get("label"),
                "subject_kind": sa.get("kind"), "relation": a["relation"], "object": t,
                "object_label": ta.get("label"), "object_kind": ta.get("kind"),
                "negated": a["negated"], "hedged": a["hedged"],
                "confidence": a["confidence"], "evidence_count": a["evidence_count"],
                "documents": json.loads(a["documents"]),
                "sentences": json.loads(a["sentences"]),
                "citations": json.loads(a["citations"]),
                "publications": json.loads(a["publications"]),
                "predicate": a["predicate"], "qualifiers": json.loads(a["qualifiers"]),
            }
            for c in _CLAIM_COLUMNS:
                columns[c].append(row[c])
        return pd.DataFrame(columns, columns=list(_CLAIM_COLUMNS))

    def nodes_frame(self) -> Any:
        """A pandas DataFrame with one row per entity: ``id``, ``label``, ``kind``,
        ``category`` (Biolink), ``synonyms`` and ``members`` (lists), and ``degree``
        (claims and memberships in and out).

        Raises:
            ImportError: pandas is not installed.
        """
        pd = _require("pandas", "nodes_frame")
        nodes, _ = self._elements()
        degrees = self._native.degrees()
        columns: Dict[str, list] = {c: [] for c in _NODE_COLUMNS}
        for n, a in nodes:
            columns["id"].append(n)
            columns["label"].append(a["label"])
            columns["kind"].append(a["kind"])
            columns["category"].append(a["category"])
            columns["synonyms"].append(json.loads(a["synonyms"]))
            columns["members"].append(json.loads(a["members"]))
            columns["degree"].append(degrees.get(n, 0))
        return pd.DataFrame(columns, columns=list(_NODE_COLUMNS))

    # --- display -------------------------------------------------------------------------

    def _svg(self) -> Optional[str]:
        if self._svg_cache is None:
            svg: Optional[str] = None
            if self.node_count <= SVG_MAX_NODES and self.claim_count <= SVG_MAX_CLAIMS:
                try:
                    svg = self.export("svg")  # type: ignore[assignment]
                except (MissingToolError, ToolError):
                    svg = None
            self._svg_cache = (svg,)
        return self._svg_cache[0]

    def _repr_svg_(self) -> Optional[str]:
        """The diagram as SVG (Graphviz ``dot``), or None when the graph is too big to
        draw or ``dot`` is not installed."""
        return self._svg()

    def _repr_html_(self) -> Optional[str]:
        """The interactive page (the html export) in a frame, only when no SVG can be
        shown and the graph has at most :data:`HTML_MAX_CLAIMS` claims."""
        if self._svg() is not None or self.claim_count > HTML_MAX_CLAIMS:
            return None
        page = self.export("html")
        return (
            '<iframe style="width:100%;height:600px;border:1px solid #ddd" '
            f'sandbox="allow-scripts" srcdoc="{_html.escape(str(page), quote=True)}"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<claimgraph.Graph: {self.node_count} nodes, {self.claim_count} claims>"


_CLAIM_COLUMNS: Tuple[str, ...] = (
    "id", "subject", "subject_label", "subject_kind", "relation", "object",
    "object_label", "object_kind", "negated", "hedged", "confidence", "evidence_count",
    "documents", "sentences", "citations", "publications", "predicate", "qualifiers",
)
_NODE_COLUMNS: Tuple[str, ...] = (
    "id", "label", "kind", "category", "synonyms", "members", "degree",
)

__all__ = [
    "Error", "InputError", "ParseError", "FileError", "UnknownEntityError", "UsageError",
    "MissingToolError", "ToolError", "InternalError", "DocumentSkipped", "FORMATS", "Graph", "build", "bundled_corpus",
    "extract", "__version__",
]
