"""Type stubs of the compiled extension ``claimgraph._native`` (see ``claimgraph`` for
the documented API; this module is its engine)."""

from typing import Any, Callable, Dict, List, Optional, Tuple

__version__: str

Progress = Optional[Callable[[int, int], Any]]
Attrs = Dict[str, Any]

def extract_texts(
    docs: List[Tuple[str, str]],
    lexicon: List[str] = ...,
    vocabulary: List[str] = ...,
    progress: Progress = ...,
    keep_going: bool = ...,
) -> Tuple[str, List[Tuple[str, str]]]:
    """Claims of (document id, text) pairs as JSON Lines, and the failed documents."""

def extract_files(
    paths: List[str],
    lexicon: List[str] = ...,
    vocabulary: List[str] = ...,
    progress: Progress = ...,
    keep_going: bool = ...,
) -> Tuple[str, List[Tuple[str, str]]]:
    """Claims of document files (or directories) as JSON Lines, and the failed ones."""

def build(
    inputs: List[str],
    lexicon: List[str] = ...,
    vocabulary: List[str] = ...,
    progress: Progress = ...,
) -> NativeGraph:
    """The graph of the inputs (none: the bundled summary)."""

def load(path: str, lexicon: List[str] = ..., vocabulary: List[str] = ...) -> NativeGraph:
    """A saved graph."""

def from_bytes(data: bytes, lexicon: List[str] = ..., vocabulary: List[str] = ...) -> NativeGraph:
    """A saved graph from its bytes."""

def bundled_corpus() -> List[Tuple[str, str]]:
    """The bundled summary as (document id, text) pairs."""

class NativeGraph:
    def node_count(self) -> int: ...
    def claim_count(self) -> int: ...
    def save(self, path: str) -> None: ...
    def to_bytes(self) -> bytes: ...
    def paths(
        self,
        source: str,
        target: str,
        k: Optional[int] = ...,
        max_hops: Optional[int] = ...,
        weighted: bool = ...,
        sign: Optional[str] = ...,
        relations: List[str] = ...,
        kinds: List[str] = ...,
        min_confidence: float = ...,
        include_negated: bool = ...,
        undirected: bool = ...,
        no_hierarchy: bool = ...,
        limit: int = ...,
        format: str = ...,
    ) -> str: ...
    def neighbors(
        self, name: str, depth: int = ..., relations: List[str] = ..., include_negated: bool = ...
    ) -> str: ...
    def explain(self, source: str, relation: str, target: str) -> str: ...
    def stats(self) -> str: ...
    def claims_jsonl(self) -> str: ...
    def export(self, format: str, path: Optional[str] = ...) -> Any: ...
    def graphml_elements(
        self,
    ) -> Tuple[List[Tuple[str, Attrs]], List[Tuple[str, str, str, Attrs]]]: ...
    def degrees(self) -> Dict[str, int]: ...
