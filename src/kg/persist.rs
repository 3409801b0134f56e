//! Saving and loading graphs.
//!
//! A saved graph starts with the header `CLAIMGRAPH\n` and a line `version N\n`, so a
//! file is recognised by its content, not its name, and a version this build does not
//! read is a clear error. Version 4 (written) is a compact binary form, every number an
//! LEB128 varint and every string a reference (index) into one table of distinct strings:
//!
//! ```text
//! strings   count, then (byte length, UTF-8 bytes) per string
//! nodes     count, then per node in id order:
//!           id, label, kind (index in Kind::ALL), synonyms (count, strings),
//!           members (count, strings)
//! claims    count, then per claim in (subject, relation, object, negated) order:
//!           subject, object (node positions), relation (string), negated (0/1),
//!           evidence count, then per evidence in sorted order:
//!             document, section+1, sentence, start+1, end+1, citations (count, numbers),
//!             trigger+1, hedged, species+1, population+1, tissue+1,
//!             score (0 none, else thousandths+1), source+1, verified (0/1)
//! members   count, then (combination, member) node positions in order
//! sections  count, then per section: kind (string), byte length, bytes: edges of further
//!           kinds, which a build that does not know a kind refuses with an error naming
//!           it rather than dropping the edges. Known kinds:
//!           `is-a` (hierarchy): count, then (child, parent) node positions in order;
//!           written only when the graph has hierarchy links, so a graph without them
//!           is saved byte for byte as before
//! ```
//!
//! `x+1` is 0 for none. All in canonical order, so the same graph gives the same bytes.
//! Claim ids are not stored: they are the hash of the claim's content and are recomputed
//! on load. Version 3 is version 4 without the three last evidence fields and the
//! sections; version 2 is version 3 with claim ids in the string table; version 1 is
//! JSON. Graphs of versions 1 to 3 name combinations in the form before version 4
//! (`combination:CHEBI:27300+CHEBI:27363`): they are re-minted on load.

use std::io::{Read, Write};
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use petgraph::visit::NodeIndexable;

use super::node_table::prefetch;
use super::{ClaimEdge, ClaimId, Edge, EvidenceRecord, KnowledgeGraph, Node};
use crate::claim::{Context, Evidence, Score, Text};
use crate::error::{Error, Result};
use crate::lexicon::Kind;
use crate::vocab::{HAS_MEMBER, IS_A};

/// The first bytes of a saved graph.
pub const MAGIC: &[u8] = b"CLAIMGRAPH\n";
/// The format version written by this build.
pub const FORMAT_VERSION: u32 = 4;
/// The format versions this build reads, as a list for messages.
pub const READ_VERSIONS: &str = "1, 2, 3, 4";

/// Whether `bytes` start like a saved graph.
pub fn is_saved_graph(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// Numbers strings in first-seen order for the string table.
///
/// Evidence texts are shared (`Arc<str>`), interned per graph, and referenced by many
/// claims: they are looked up by address first, so a document id or trigger used by a
/// million claims is hashed and compared as a string once, not a million times.
#[derive(Default)]
struct Strings<'a> {
    index: FxHashMap<&'a str, u64>,
    shared: FxHashMap<usize, u64>,
    list: Vec<&'a str>,
}

impl<'a> Strings<'a> {
    fn with_capacity(n: usize) -> Self {
        let mut me = Strings::default();
        me.index.reserve(n);
        me.list.reserve(n);
        me
    }

    fn id(&mut self, s: &'a str) -> u64 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len() as u64;
        self.index.insert(s, i);
        self.list.push(s);
        i
    }

    /// The id of a shared text.
    fn text(&mut self, t: &'a Text) -> u64 {
        let address = std::sync::Arc::as_ptr(t).cast::<u8>() as usize;
        if let Some(&i) = self.shared.get(&address) {
            return i;
        }
        let i = self.id(t);
        self.shared.insert(address, i);
        i
    }

    /// The id of a sentence. Most sentences are held once, by one evidence: such a text
    /// cannot be met again at its address, so it is numbered by content alone (which
    /// reads the bytes next to its count) without filling the table of addresses.
    fn sentence(&mut self, t: &'a Text) -> u64 {
        if std::sync::Arc::strong_count(t) == 1 {
            return self.id(t);
        }
        self.text(t)
    }

    /// 0 for none, index + 1 for some.
    fn opt_text(&mut self, t: Option<&'a Text>) -> u64 {
        t.map_or(0, |t| self.text(t) + 1)
    }
}

/// Appends `v` as an LEB128 number (seven bits a byte, low first).
pub(super) fn put(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn kind_code(k: Kind) -> u64 {
    Kind::ALL.iter().position(|&x| x == k).unwrap_or(0) as u64
}

impl KnowledgeGraph {
    /// Writes the graph in the saved format (canonical: the same graph, the same bytes).
    ///
    /// # Errors
    /// Writing fails.
    pub fn save<W: Write>(&self, mut out: W) -> std::io::Result<()> {
        if !self.canonical {
            return self.clone().canonicalize().save(out);
        }
        let nodes = self.nodes_sorted();
        let mut position = vec![0u64; self.graph.node_bound()];
        for (i, ix) in nodes.iter().enumerate() {
            position[ix.index()] = i as u64;
        }
        let claims = self.claims_sorted();
        let members = self.memberships_sorted();
        // One pass numbers the strings and encodes the body (a few bytes per reference, far
        // less than the strings themselves); then the string table and the body are written.
        let mut strings = Strings::with_capacity(nodes.len() * 2 + claims.len() * 2);
        let mut body = Vec::with_capacity(16 * (nodes.len() + claims.len()));
        self.write_body(
            &nodes,
            &position,
            &claims,
            &members,
            &mut strings,
            &mut body,
        );
        let Strings {
            index,
            shared,
            list,
        } = strings;
        drop((index, shared, position, claims, members, nodes));
        out.write_all(MAGIC)?;
        writeln!(out, "version {FORMAT_VERSION}")?;
        let mut varint = Vec::with_capacity(10);
        put(&mut varint, list.len() as u64);
        out.write_all(&varint)?;
        for s in &list {
            varint.clear();
            put(&mut varint, s.len() as u64);
            out.write_all(&varint)?;
            out.write_all(s.as_bytes())?;
        }
        out.write_all(&body)?;
        out.flush()
    }

    /// Encodes the saved body into `body`, numbering its strings into `strings`.
    #[allow(clippy::type_complexity)]
    fn write_body<'g>(
        &'g self,
        nodes: &[NodeIndex],
        position: &[u64],
        claims: &[(NodeIndex, NodeIndex, &'g ClaimEdge)],
        members: &[(NodeIndex, NodeIndex)],
        strings: &mut Strings<'g>,
        body: &mut Vec<u8>,
    ) {
        put(body, nodes.len() as u64);
        for &ix in nodes {
            let n = &self.graph[ix];
            put(body, strings.id(&n.id));
            put(body, strings.id(&n.label));
            put(body, kind_code(n.kind));
            put(body, n.synonyms.len() as u64);
            for s in &n.synonyms {
                put(body, strings.id(s));
            }
            put(body, n.members.len() as u64);
            for m in &n.members {
                put(body, strings.id(m));
            }
        }
        put(body, claims.len() as u64);
        for (s, o, c) in claims {
            put(body, position[s.index()]);
            put(body, position[o.index()]);
            put(body, strings.text(&c.relation));
            put(body, u64::from(c.negated));
            put(body, c.evidence.len() as u64);
            for e in &c.evidence {
                let ev = &e.evidence;
                put(body, strings.text(&ev.document));
                put(body, strings.opt_text(ev.section.as_ref()));
                put(body, strings.sentence(&ev.sentence));
                put(body, ev.start.map_or(0, |v| v as u64 + 1));
                put(body, ev.end.map_or(0, |v| v as u64 + 1));
                put(body, ev.citations.len() as u64);
                for &n in &ev.citations {
                    put(body, n);
                }
                put(body, strings.opt_text(ev.trigger.as_ref()));
                put(body, u64::from(e.hedged));
                put(body, strings.opt_text(e.context.species.as_ref()));
                put(body, strings.opt_text(e.context.population.as_ref()));
                put(body, strings.opt_text(e.context.tissue.as_ref()));
                put(body, ev.score.map_or(0, |v| u64::from(v.thousandths()) + 1));
                put(body, strings.opt_text(ev.source.as_ref()));
                put(body, u64::from(ev.verified));
            }
        }
        put(body, members.len() as u64);
        for (s, o) in members {
            put(body, position[s.index()]);
            put(body, position[o.index()]);
        }
        // Edge kinds besides claims and membership, each a section of its own: the
        // hierarchy, when the graph has any (so a graph without one is saved as before).
        let hierarchy = self.hierarchy_sorted();
        if hierarchy.is_empty() {
            put(body, 0);
        } else {
            put(body, 1);
            put(body, strings.id(IS_A));
            let mut section = Vec::with_capacity(1 + 4 * hierarchy.len());
            put(&mut section, hierarchy.len() as u64);
            for (child, parent) in &hierarchy {
                put(&mut section, position[child.index()]);
                put(&mut section, position[parent.index()]);
            }
            put(body, section.len() as u64);
            body.extend_from_slice(&section);
        }
    }

    /// Saves the graph to the file at `path` atomically: a temporary file in the same
    /// directory, renamed over `path` once complete, so a failure leaves any previous
    /// file as it was.
    ///
    /// # Errors
    /// The directory is not writable, or writing or renaming fails.
    pub fn save_file(&self, path: &Path) -> Result<()> {
        crate::output::write_atomic(path, |w| self.save(w).map_err(|e| Error::io(path, e)))
    }

    /// Reads a saved graph; `path` names it in errors.
    ///
    /// # Errors
    /// Not a saved graph, a version this build does not read, or corrupt content (with
    /// the byte offset where reading failed).
    pub fn load<R: Read>(mut input: R, path: &Path) -> Result<KnowledgeGraph> {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        Self::load_bytes(&bytes, path)
    }

    /// Reads the saved graph in the file at `path`. On Unix the file is mapped into
    /// memory instead of copied (unless the `portable-io` feature is on): a million-claim
    /// graph is a 118 MB file, and reading it into a buffer cost a copy and 29,000 page
    /// faults for the buffer. claimgraph
    /// replaces saved graphs by renaming a new file over them, never by rewriting one in
    /// place, so a mapped file does not change under the reader.
    ///
    /// # Errors
    /// The file cannot be opened or read, or [`load`](Self::load)'s errors.
    pub fn load_file(path: &Path) -> Result<KnowledgeGraph> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        match mapped::Map::of(&file) {
            Some(map) => Self::load_bytes(map.bytes(), path),
            None => {
                // Read with the capacity the file needs, in one allocation.
                let len = file.metadata().map_or(0, |m| m.len());
                let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
                (&file)
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::io(path, e))?;
                Self::load_bytes(&bytes, path)
            }
        }
    }

    /// Reads a saved graph from its bytes; `path` names it in errors.
    fn load_bytes(bytes: &[u8], path: &Path) -> Result<KnowledgeGraph> {
        if !is_saved_graph(bytes) {
            return Err(Error::parse(
                path,
                1,
                1,
                "not a claimgraph saved graph (missing `CLAIMGRAPH` header)",
            ));
        }
        let rest = &bytes[MAGIC.len()..];
        let nl = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let version_line = String::from_utf8_lossy(&rest[..nl.min(64)]).into_owned();
        let version: u32 = version_line
            .strip_prefix("version ")
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| {
                Error::parse(
                    path,
                    2,
                    1,
                    format!("expected `version N`, found `{version_line}`"),
                )
            })?;
        let body = rest.get(nl + 1..).unwrap_or(&[]);
        let offset = MAGIC.len() + nl + 1;
        match version {
            1 => load_json(body, path)?.remint_legacy_ids(path),
            2..=4 => {
                let reader = Reader {
                    bytes: body,
                    pos: 0,
                    base: offset,
                    path,
                    stored_ids: version == 2,
                    version,
                };
                // One pass when the memberships are those the nodes' member lists imply
                // (always, for a graph this build saved); any surprise, and the careful
                // two-pass reading decides, with its own errors.
                let g = reader.graph(true).or_else(|_| reader.graph(false))?;
                if version < 4 {
                    g.remint_legacy_ids(path)
                } else {
                    Ok(g)
                }
            }
            version => Err(Error::UnsupportedVersion {
                location: crate::error::Location::new(path, 2, 9),
                version,
            }),
        }
    }

    fn insert_node(&mut self, n: Node, path: &Path) -> Result<NodeIndex> {
        // One lookup, for both the check and the insertion.
        let slot = match self.nodes.entry(n.id.clone()) {
            std::collections::hash_map::Entry::Occupied(_) => {
                return Err(Error::parse(
                    path,
                    0,
                    0,
                    format!("corrupt saved graph: node `{}` twice", n.id),
                ));
            }
            std::collections::hash_map::Entry::Vacant(slot) => slot,
        };
        let ix = self.graph.add_node(n);
        slot.insert(ix);
        // The node table, if any, would not know the node: rebuilt when next needed.
        self.node_table = None;
        Ok(ix)
    }
}

/// A read-only memory map of a whole file, where the platform has one.
///
/// Mapping is used on Unix unless the `portable-io` feature asks for the portable path
/// (reading the file into a buffer), which every other target takes; the feature lets a
/// Linux test run cover that path. Nothing here changes state beyond the mapping itself,
/// which is released when the [`Map`](mapped::Map) is dropped.
#[cfg(all(unix, not(feature = "portable-io")))]
mod mapped {
    /// A file's bytes, mapped; unmapped when dropped.
    pub(super) struct Map {
        at: std::ptr::NonNull<libc::c_void>,
        len: usize,
    }

    /// Linux can map every page in the same call (the loader reads every byte); other
    /// Unix systems fault the pages in as they are read.
    #[cfg(target_os = "linux")]
    const FLAGS: libc::c_int = libc::MAP_PRIVATE | libc::MAP_POPULATE;
    #[cfg(not(target_os = "linux"))]
    const FLAGS: libc::c_int = libc::MAP_PRIVATE;

    impl Map {
        /// The whole of `file`, mapped read-only, or `None` when mapping fails or the
        /// file is empty (the caller then reads the file).
        pub(super) fn of(file: &std::fs::File) -> Option<Map> {
            use std::os::fd::AsRawFd;
            let len = usize::try_from(file.metadata().ok()?.len()).ok()?;
            if len == 0 {
                return None;
            }
            // SAFETY: a private read-only mapping of an open file descriptor; the result
            // is checked before use, and the mapping is released in `drop`.
            let at = unsafe {
                libc::mmap(
                    std::ptr::null_mut(),
                    len,
                    libc::PROT_READ,
                    FLAGS,
                    file.as_raw_fd(),
                    0,
                )
            };
            if at == libc::MAP_FAILED {
                return None;
            }
            Some(Map {
                at: std::ptr::NonNull::new(at)?,
                len,
            })
        }

        /// The mapped bytes.
        pub(super) fn bytes(&self) -> &[u8] {
            // SAFETY: `at` is a live mapping of `len` readable bytes, unmapped only when
            // `self` is dropped, which the borrow prevents while the slice lives.
            unsafe { std::slice::from_raw_parts(self.at.as_ptr().cast::<u8>(), self.len) }
        }
    }

    impl Drop for Map {
        fn drop(&mut self) {
            // SAFETY: unmapping exactly the mapping made in `of`, once.
            unsafe {
                libc::munmap(self.at.as_ptr(), self.len);
            }
        }
    }
}

/// The portable path: no mapping, the caller reads the file.
#[cfg(not(all(unix, not(feature = "portable-io"))))]
mod mapped {
    /// Never constructed here.
    pub(super) struct Map(std::convert::Infallible);

    impl Map {
        /// Always `None`: the caller reads the file into a buffer.
        pub(super) fn of(_file: &std::fs::File) -> Option<Map> {
            None
        }

        /// Unreachable: no `Map` exists.
        pub(super) fn bytes(&self) -> &[u8] {
            match self.0 {}
        }
    }
}

/// Version 1: JSON.
fn load_json(body: &[u8], path: &Path) -> Result<KnowledgeGraph> {
    #[derive(Deserialize)]
    struct SavedEdge {
        source: String,
        target: String,
        edge: Edge,
    }
    #[derive(Deserialize)]
    struct Saved {
        nodes: Vec<Node>,
        edges: Vec<SavedEdge>,
    }
    let saved: Saved = serde_json::from_slice(body).map_err(|e| {
        Error::parse(
            path,
            e.line() + 2,
            e.column(),
            format!("corrupt saved graph: {e}"),
        )
    })?;
    let mut g = KnowledgeGraph::new();
    for n in saved.nodes {
        g.insert_node(n, path)?;
    }
    for e in saved.edges {
        let (Some(&s), Some(&o)) = (g.nodes.get(&e.source), g.nodes.get(&e.target)) else {
            return Err(Error::parse(
                path,
                0,
                0,
                format!(
                    "corrupt saved graph: edge between unknown nodes `{}` and `{}`",
                    e.source, e.target
                ),
            ));
        };
        match e.edge {
            Edge::Claim(c) => {
                let r = g.relation_id(&c.relation);
                let key = (s, r, o, c.negated);
                if g.edge_map().contains_key(key) {
                    return Err(Error::parse(
                        path,
                        0,
                        0,
                        "corrupt saved graph: the same claim twice",
                    ));
                }
                let ix = g.graph.add_edge(s, o, Edge::Claim(c));
                g.edge_map().insert(key, ix);
                g.claims += 1;
            }
            Edge::HasMember => {
                g.graph.add_edge(s, o, Edge::HasMember);
            }
            Edge::IsA => {
                g.add_is_a(s, o);
            }
        }
    }
    g.canonical = false;
    Ok(g.canonicalize())
}

/// Version 2: the binary reader; every read is bounds-checked.
/// The number at `pos` and its length in bytes; `None` when the bytes end first or it
/// runs past 10 bytes.
#[inline(always)]
pub(super) fn leb128(bytes: &[u8], pos: usize) -> Option<(u64, usize)> {
    // Most numbers (string lengths, small counts) fit one byte.
    let first = *bytes.get(pos)?;
    if first < 0x80 {
        return Some((u64::from(first), 1));
    }
    let mut v: u64 = 0;
    for (i, &b) in bytes.get(pos..)?.iter().take(10).enumerate() {
        v |= u64::from(b & 0x7f) << (7 * i);
        if b < 0x80 {
            return Some((v, i + 1));
        }
    }
    None
}

#[derive(Clone, Copy)]
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    base: usize,
    path: &'a Path,
    /// Version 2: each claim's id is in the string table.
    stored_ids: bool,
    /// The format version (2 to 4).
    version: u32,
}

/// The string table: borrowed from the file's bytes; evidence texts become one shared
/// `Text` per entry on first use.
struct Texts<'a> {
    strs: Vec<&'a str>,
    shared: Vec<Option<Text>>,
}

impl<'a> Reader<'a> {
    fn plain(&mut self, t: &Texts<'a>) -> Result<String> {
        self.borrowed(t).map(str::to_owned)
    }

    /// A string of the table, borrowed from the file.
    fn borrowed(&mut self, t: &Texts<'a>) -> Result<&'a str> {
        let i = self.varint()? as usize;
        t.strs
            .get(i)
            .copied()
            .ok_or_else(|| self.corrupt("string index out of range"))
    }

    fn shared(&self, t: &mut Texts<'a>, i: usize) -> Result<Text> {
        let Some(slot) = t.shared.get_mut(i) else {
            return Err(self.corrupt("string index out of range"));
        };
        Ok(slot.get_or_insert_with(|| Text::from(t.strs[i])).clone())
    }

    fn text(&mut self, t: &mut Texts<'a>) -> Result<Text> {
        let i = self.varint()? as usize;
        self.shared(t, i)
    }

    /// 0 for none, index + 1 for some.
    fn opt_text(&mut self, t: &mut Texts<'a>) -> Result<Option<Text>> {
        match self.varint()? as usize {
            0 => Ok(None),
            i => self.shared(t, i - 1).map(Some),
        }
    }

    fn corrupt(&self, what: &str) -> Error {
        Error::parse(
            self.path,
            0,
            0,
            format!(
                "corrupt saved graph at byte offset {}: {what}",
                self.base + self.pos
            ),
        )
    }

    /// One number (LEB128: 7 bits a byte, low first, at most 10 bytes).
    #[inline]
    fn varint(&mut self) -> Result<u64> {
        match leb128(self.bytes, self.pos) {
            Some((v, len)) => {
                self.pos += len;
                Ok(v)
            }
            None => Err(self.varint_error()),
        }
    }

    #[cold]
    fn varint_error(&self) -> Error {
        if self.bytes.len().saturating_sub(self.pos) >= 10 {
            self.corrupt("number too long")
        } else {
            self.corrupt("unexpected end")
        }
    }

    /// A count of items, each at least one byte: bounded by what is left.
    fn count(&mut self) -> Result<usize> {
        let n = self.varint()?;
        if n > (self.bytes.len() - self.pos) as u64 {
            return Err(self.corrupt("count larger than the file"));
        }
        Ok(n as usize)
    }

    /// One evidence record.
    fn evidence(&mut self, t: &mut Texts<'a>) -> Result<EvidenceRecord> {
        let document = self.text(t)?;
        let section = self.opt_text(t)?;
        let sentence = self.text(t)?;
        let start = self.varint()?.checked_sub(1).map(|v| v as usize);
        let end = self.varint()?.checked_sub(1).map(|v| v as usize);
        let c = self.count()?;
        let citations = (0..c).map(|_| self.varint()).collect::<Result<Vec<_>>>()?;
        let trigger = self.opt_text(t)?;
        let hedged = self.varint()? != 0;
        let species = self.opt_text(t)?;
        let population = self.opt_text(t)?;
        let tissue = self.opt_text(t)?;
        let (score, source, verified) = if self.version >= 4 {
            let at = self.pos;
            let score = match self.varint()? {
                0 => None,
                n => {
                    let n = u16::try_from(n - 1).ok().and_then(Score::from_thousandths);
                    if n.is_none() {
                        self.pos = at;
                        return Err(self.corrupt("score above 1"));
                    }
                    n
                }
            };
            let source = self.opt_text(t)?;
            let verified = self.varint()? != 0;
            (score, source, verified)
        } else {
            (None, None, true)
        };
        Ok(EvidenceRecord {
            evidence: Evidence {
                document,
                section,
                sentence,
                start,
                end,
                citations,
                trigger,
                score,
                source,
                verified,
            },
            hedged,
            context: Context {
                species,
                population,
                tissue,
            },
        })
    }

    /// The sections of further edge kinds (version 4): the hierarchy links, as (child,
    /// parent) positions below `node_count`, in file order. A section of a kind this
    /// build does not know is refused with the kind's name, never read with its edges
    /// left out.
    fn sections(&mut self, t: &Texts<'a>, node_count: usize) -> Result<Vec<(u64, u64)>> {
        let mut hierarchy = Vec::new();
        if self.version < 4 {
            return Ok(hierarchy);
        }
        let sections = self.count()?;
        let mut kinds: Vec<&str> = Vec::new();
        for _ in 0..sections {
            let at = self.pos;
            let kind = self.borrowed(t)?;
            if kind != IS_A {
                self.pos = at;
                return Err(Error::parse(
                    self.path,
                    0,
                    0,
                    format!(
                        "saved graph holds `{kind}` edges (at byte offset {}), which this build does not read; use a newer claimgraph",
                        self.base + at
                    ),
                ));
            }
            if kinds.contains(&kind) {
                self.pos = at;
                return Err(self.corrupt("a section twice"));
            }
            kinds.push(kind);
            let len = self.count()?;
            let end = self.pos + len;
            let links = self.count()?;
            hierarchy.reserve(links);
            for _ in 0..links {
                let child = self.varint()?;
                let parent = self.varint()?;
                if child >= node_count as u64 || parent >= node_count as u64 {
                    return Err(self.corrupt("node index out of range"));
                }
                if child == parent {
                    return Err(self.corrupt("an entity its own parent"));
                }
                hierarchy.push((child, parent));
            }
            if self.pos != end {
                return Err(self.corrupt("section length"));
            }
        }
        Ok(hierarchy)
    }

    /// Moves past one claim without reading it (its numbers are checked on the second
    /// reading).
    fn skip_claim(&mut self) -> Result<()> {
        // subject, object, (id,) relation, negated
        for _ in 0..4 + usize::from(self.stored_ids) {
            self.varint()?;
        }
        for _ in 0..self.count()? {
            // document, section, sentence, start, end
            for _ in 0..5 {
                self.varint()?;
            }
            for _ in 0..self.count()? {
                self.varint()?;
            }
            // trigger, hedged, species, population, tissue (version 4: score, source,
            // verified)
            for _ in 0..if self.version >= 4 { 8 } else { 5 } {
                self.varint()?;
            }
        }
        Ok(())
    }

    /// The string table, each string checked to be UTF-8.
    ///
    /// Strings are checked in runs rather than one by one (a million short checks cost
    /// far more than one long one): a run is the strings one after another with the
    /// one-byte lengths between them. A one-byte length is ASCII, which no character's
    /// encoding contains, so a run is UTF-8 exactly when each of its strings is; a
    /// longer length ends the run. A run that fails is checked string by string to
    /// report the first bad one.
    fn string_table(&mut self) -> Result<Vec<&'a str>> {
        let n = self.count()?;
        let mut raw: Vec<&'a [u8]> = Vec::with_capacity(n);
        let mut run = (self.pos, 0);
        for i in 0..n {
            let at = self.pos;
            let len = self.count()?;
            if self.pos - at > 1 {
                self.check_run(run.0, at, &raw[run.1..])?;
                run = (self.pos, i);
            }
            raw.push(&self.bytes[self.pos..self.pos + len]);
            self.pos += len;
        }
        self.check_run(run.0, self.pos, &raw[run.1..])?;
        // SAFETY: every string is UTF-8: each is in a run just checked to be UTF-8 as a whole,
        // and a string in a valid run is valid on its own (see above).
        Ok(raw
            .into_iter()
            .map(|b| unsafe { std::str::from_utf8_unchecked(b) })
            .collect())
    }

    /// Checks the run of `strings` in `self.bytes[start..end]` (see
    /// [`string_table`](Self::string_table)).
    fn check_run(&mut self, start: usize, end: usize, strings: &[&[u8]]) -> Result<()> {
        if std::str::from_utf8(&self.bytes[start..end]).is_ok() {
            return Ok(());
        }
        let base = self.bytes.as_ptr() as usize;
        let bad = strings
            .iter()
            .find(|s| std::str::from_utf8(s).is_err())
            .map_or(start, |s| s.as_ptr() as usize - base);
        self.pos = bad;
        Err(self.corrupt("invalid UTF-8 in a string"))
    }

    /// Starts fetching what reading the claim at the current position will wait for: its
    /// object's id (for the claim id) and its first document's shared text. Only reads
    /// ahead; any bytes at all are fine (nothing is fetched for what is not there).
    #[inline]
    fn prefetch_claim(&self, t: &Texts<'a>, ids: &IdTable) {
        let mut at = self.pos;
        let mut next = || {
            let (v, len) = leb128(self.bytes, at)?;
            at += len;
            Some(v)
        };
        let _subject = next();
        let Some(object) = next() else { return };
        ids.prefetch(object as usize);
        // (version 2: the claim id,) relation, negated, evidence count, then the document.
        for _ in 0..3 + usize::from(self.stored_ids) {
            next();
        }
        if let Some(slot) = next().and_then(|d| t.shared.get(d as usize)) {
            prefetch(std::ptr::from_ref(slot));
        }
    }

    /// The graph. With `predict`, the memberships are taken from the nodes' member lists
    /// and only checked against the file's list after the claims (one pass over the
    /// claims); any difference is an error. Without, a first pass skims over the claims
    /// to read the memberships.
    fn graph(mut self, predict: bool) -> Result<KnowledgeGraph> {
        let strs = self.string_table()?;
        let mut t = Texts {
            shared: vec![None; strs.len()],
            strs,
        };
        let mut g = KnowledgeGraph::new();
        // Canonical unless the file proves otherwise (it never does when this build wrote it).
        let mut sorted = true;
        let node_count = self.count()?;
        g.graph = StableDiGraph::with_capacity(node_count, 0);
        g.nodes.reserve(node_count);
        // Node ids side by side in one buffer (the claim ids' hashes read them in random
        // order: a few MB stay in cache where the file's strings would not).
        let mut ids = IdTable::with_capacity(node_count);
        let mut last: Option<NodeIndex> = None;
        for _ in 0..node_count {
            let id_str = self.borrowed(&t)?;
            ids.push(id_str);
            let id = id_str.to_owned();
            let label = self.plain(&t)?;
            let kind = *Kind::ALL
                .get(self.varint()? as usize)
                .ok_or_else(|| self.corrupt("unknown kind"))?;
            let k = self.count()?;
            let synonyms = (0..k).map(|_| self.plain(&t)).collect::<Result<Vec<_>>>()?;
            let k = self.count()?;
            let members = (0..k).map(|_| self.plain(&t)).collect::<Result<Vec<_>>>()?;
            if let Some(last) = last {
                sorted &= g.graph[last].id < id;
            }
            let node = Node {
                id,
                label,
                kind,
                synonyms,
                members,
            };
            let ix = g.insert_node(node, self.path)?;
            // A fresh graph numbers its nodes 0, 1, 2...: a node's index is its position.
            debug_assert_eq!(ix.index(), ids.len() - 1);
            last = Some(ix);
        }
        let node_at = |r: &mut Self| -> Result<(u64, NodeIndex)> {
            let i = r.varint()?;
            if i < node_count as u64 {
                Ok((i, NodeIndex::new(i as usize)))
            } else {
                Err(r.corrupt("node index out of range"))
            }
        };
        // Memberships follow the claims in the file but interleave with them in canonical
        // edge order: skim over the claims to read the memberships first, then read the
        // claims again and add every edge in order (no claim is held twice in memory).
        let mut end = None;
        let mut hierarchy: Vec<(u64, u64)> = Vec::new();
        let (claim_count, members) = if predict {
            let members = implied_members(&g).ok_or_else(|| self.corrupt("members"))?;
            (self.count()?, members)
        } else {
            let claims_at = self.pos;
            let claim_count = self.count()?;
            for _ in 0..claim_count {
                self.skip_claim()?;
            }
            let member_count = self.count()?;
            let mut members: Vec<(u64, u64, NodeIndex, NodeIndex)> =
                Vec::with_capacity(member_count);
            for _ in 0..member_count {
                let (sp, s) = node_at(&mut self)?;
                let (op, o) = node_at(&mut self)?;
                if let Some(&(lsp, lop, _, _)) = members.last() {
                    sorted &= (lsp, lop) < (sp, op);
                }
                members.push((sp, op, s, o));
            }
            hierarchy = self.sections(&t, node_count)?;
            if self.pos != self.bytes.len() {
                return Err(self.corrupt("trailing bytes"));
            }
            end = Some(self.pos);
            self.pos = claims_at;
            (self.count()?, members)
        };
        g.graph.reserve_edges(claim_count + members.len());
        let implied: Vec<(u64, u64)> = if predict {
            members.iter().map(|&(sp, op, _, _)| (sp, op)).collect()
        } else {
            Vec::new()
        };
        let mut members = members.into_iter().peekable();
        let mut last: Option<(u64, Text, u64, bool)> = None;
        // The hash state after (subject, relation) of the last claim: claims come sorted by
        // subject, so most share it with the claim before.
        let mut prefix: Option<(u64, usize, u64)> = None;
        for _ in 0..claim_count {
            let (sp, s) = node_at(&mut self)?;
            let (op, o) = node_at(&mut self)?;
            // The edge will link into the object's list: start fetching that node now, while
            // the evidence is read.
            prefetch_node(&g.graph[o]);
            let stored = if self.stored_ids {
                let at = self.pos;
                let id = self.plain(&t)?;
                let parsed = ClaimId::parse(&id);
                if parsed.is_none() {
                    self.pos = at;
                    return Err(self.corrupt("not a claim id"));
                }
                parsed
            } else {
                None
            };
            let at = self.pos;
            let relation = self.text(&mut t)?;
            let relation_index = leb128(self.bytes, at).map_or(0, |(v, _)| v as usize);
            let negated = self.varint()? != 0;
            let k = self.count()?;
            // The first evidence's document is a text shared with claims far away: start
            // fetching its slot while the claim id is hashed (which reads the object's id
            // from another random place), then its reference count while the evidence
            // list is allocated, instead of waiting for each in turn.
            let document = if k > 0 {
                leb128(self.bytes, self.pos).and_then(|(i, _)| t.shared.get(i as usize))
            } else {
                None
            };
            if let Some(slot) = document {
                prefetch(std::ptr::from_ref(slot));
            }
            if stored.is_none() {
                ids.prefetch(op as usize);
            }
            let id = match stored {
                Some(id) => id,
                None => {
                    let state = match prefix {
                        Some((psp, pr, state)) if psp == sp && pr == relation_index => state,
                        _ => {
                            let state = ClaimId::prefix(ids.get(sp as usize), &relation);
                            prefix = Some((sp, relation_index, state));
                            state
                        }
                    };
                    ClaimId::after_relation(state, ids.get(op as usize), negated)
                }
            };
            if let Some(Some(text)) = document {
                prefetch(std::sync::Arc::as_ptr(text).cast::<u8>().wrapping_sub(16));
            }
            let mut evidence = Vec::with_capacity(k);
            for _ in 0..k {
                evidence.push(self.evidence(&mut t)?);
            }
            // The next claim starts here: its object's id and first document are fetched
            // while this claim goes into the graph.
            self.prefetch_claim(&t, &ids);
            sorted &= evidence.windows(2).all(|w| w[0] < w[1]);
            if let Some((lsp, lrel, lop, lneg)) = &last {
                sorted &= (*lsp, &**lrel, *lop, *lneg) < (sp, &*relation, op, negated);
            }
            while let Some(&(msp, mop, ms, mo)) = members.peek() {
                if (msp, HAS_MEMBER, mop) < (sp, &*relation, op) {
                    g.graph.add_edge(ms, mo, Edge::HasMember);
                    members.next();
                } else {
                    break;
                }
            }
            last = Some((sp, relation.clone(), op, negated));
            let c = ClaimEdge {
                id,
                relation,
                negated,
                evidence,
            };
            if !sorted {
                let r = g.relation_id(&c.relation);
                let key = (s, r, o, c.negated);
                if g.edge_map().contains_key(key) {
                    return Err(self.corrupt("the same claim twice"));
                }
                let ix = g.graph.add_edge(s, o, Edge::Claim(c));
                g.edge_map().insert(key, ix);
            } else {
                g.graph.add_edge(s, o, Edge::Claim(c));
            }
            g.claims += 1;
        }
        match end {
            Some(end) => self.pos = end,
            None => {
                // The file's memberships must be exactly the implied ones.
                let member_count = self.count()?;
                if member_count != implied.len() {
                    return Err(self.corrupt("members"));
                }
                for &(isp, iop) in &implied {
                    let (sp, _) = node_at(&mut self)?;
                    let (op, _) = node_at(&mut self)?;
                    if (sp, op) != (isp, iop) {
                        return Err(self.corrupt("members"));
                    }
                }
                hierarchy = self.sections(&t, node_count)?;
                if self.pos != self.bytes.len() {
                    return Err(self.corrupt("trailing bytes"));
                }
            }
        }
        for (_, _, ms, mo) in members {
            g.graph.add_edge(ms, mo, Edge::HasMember);
        }
        // Hierarchy links come after every claim and membership, by (child, parent): in
        // canonical order when the file is.
        let mut last_link: Option<(u64, u64)> = None;
        for &(c, p) in &hierarchy {
            if last_link.is_some_and(|l| l >= (c, p)) {
                return Err(self.corrupt("hierarchy links out of order"));
            }
            last_link = Some((c, p));
            g.graph.add_edge(
                NodeIndex::new(c as usize),
                NodeIndex::new(p as usize),
                Edge::IsA,
            );
        }
        g.canonical = sorted;
        Ok(g.canonicalize())
    }
}

/// The memberships a freshly read graph's nodes imply (each combination to each of its
/// members), in canonical order, as (combination position, member position, nodes);
/// `None` when a member is not a node.
fn implied_members(g: &KnowledgeGraph) -> Option<Vec<(u64, u64, NodeIndex, NodeIndex)>> {
    let mut out = Vec::new();
    for ix in g.graph.node_indices() {
        for m in &g.graph[ix].members {
            let mi = *g.nodes.get(m)?;
            out.push((ix.index() as u64, mi.index() as u64, ix, mi));
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// Node ids by position, for hashing claim ids: each short id in a slot of its own
/// (length, then bytes), so reading one id at random is one cache line, not a lookup of
/// where it starts and then its bytes.
struct IdTable {
    slots: Vec<[u8; IdTable::SLOT]>,
    /// Ids too long for a slot, whose slot holds their number here.
    long: Vec<Box<[u8]>>,
}

impl IdTable {
    const SLOT: usize = 32;
    /// The length byte of a slot holding a long id's number.
    const LONG: u8 = u8::MAX;

    fn with_capacity(n: usize) -> IdTable {
        IdTable {
            slots: Vec::with_capacity(n),
            long: Vec::new(),
        }
    }

    fn push(&mut self, id: &str) {
        let bytes = id.as_bytes();
        let mut slot = [0u8; Self::SLOT];
        if bytes.len() < Self::SLOT {
            slot[0] = bytes.len() as u8;
            slot[1..=bytes.len()].copy_from_slice(bytes);
        } else {
            slot[0] = Self::LONG;
            slot[1..9].copy_from_slice(&(self.long.len() as u64).to_le_bytes());
            self.long.push(bytes.into());
        }
        self.slots.push(slot);
    }

    fn len(&self) -> usize {
        self.slots.len()
    }

    /// Starts fetching the slot at position `i` (any `i`: a prefetch never faults).
    #[inline]
    fn prefetch(&self, i: usize) {
        prefetch(self.slots.as_ptr().wrapping_add(i));
    }

    /// The id at position `i` (checked by the caller), as bytes.
    fn get(&self, i: usize) -> &[u8] {
        let slot = &self.slots[i];
        match slot[0] {
            Self::LONG => {
                let mut n = [0u8; 8];
                n.copy_from_slice(&slot[1..9]);
                &self.long[u64::from_le_bytes(n) as usize]
            }
            len => &slot[1..=usize::from(len)],
        }
    }
}

/// Asks the processor to start loading the memory at `r` and the bytes just after it
/// (a node and the edge-list heads petgraph keeps beside it).
#[inline(always)]
fn prefetch_node<T>(r: &T) {
    let p = std::ptr::from_ref(r).cast::<u8>();
    prefetch(p);
    prefetch(p.wrapping_add(std::mem::size_of::<T>()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::{Claim, EntityRef};

    fn graph() -> KnowledgeGraph {
        let e = |id: &str, kind| EntityRef {
            id: id.into(),
            label: id.to_lowercase(),
            kind,
            mention: None,
            synonyms: vec!["syn".into()],
            members: vec![],
        };
        let combo = EntityRef::combination(
            vec![e("A:1", Kind::Nutrient), e("B:2", Kind::Nutrient)],
            None,
        );
        let claim = |s: EntityRef, r: &str, neg: bool| Claim {
            subject: s,
            relation: r.into(),
            object: e("C:3", Kind::Cytokine),
            negated: neg,
            hedged: true,
            context: Context {
                species: Some("mouse".into()),
                population: None,
                tissue: Some("gut".into()),
            },
            evidence: Evidence {
                document: "d".into(),
                section: Some("S".into()),
                sentence: "Unicode γ sentence.".into(),
                start: Some(3),
                end: None,
                citations: vec![1, 300],
                trigger: Some("t".into()),
                score: Score::from_thousandths(873),
                source: Some("INDRA statements, s.json".into()),
                verified: false,
            },
        };
        KnowledgeGraph::from_claims(&[
            claim(combo, "suppresses", false),
            claim(e("A:1", Kind::Nutrient), "induces", true),
        ])
    }

    #[test]
    fn round_trip_is_byte_identical() {
        let g = graph();
        let mut a = Vec::new();
        g.save(&mut a).unwrap();
        let back = KnowledgeGraph::load(&a[..], Path::new("g.cg")).unwrap();
        assert_eq!(back.node_count(), g.node_count());
        assert_eq!(back.claim_count(), g.claim_count());
        assert_eq!(back.memberships_sorted().len(), 2);
        assert_eq!(back.to_claims(), g.to_claims());
        let mut b = Vec::new();
        back.save(&mut b).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn ids_of_every_length_hash_as_written() {
        let mut ids = IdTable::with_capacity(3);
        let long = "combination:".to_string() + &"CHEBI:12345+".repeat(8);
        for id in [
            "",
            "A:1",
            &long,
            "x".repeat(31).as_str(),
            "y".repeat(32).as_str(),
        ] {
            ids.push(id);
            assert_eq!(ids.get(ids.len() - 1), id.as_bytes());
        }
        assert_eq!(ids.get(2), long.as_bytes());
    }

    #[test]
    fn strings_are_checked_as_utf8_across_long_and_short_lengths() {
        // Strings of one-byte and two-byte lengths, with multi-byte characters: each run
        // of the check meets both.
        let mut g = graph();
        let long = "γ".repeat(100) + " long sentence";
        let mut c = g.to_claims().remove(0);
        c.evidence.sentence = long.as_str().into();
        c.evidence.document = "δ".into();
        g = KnowledgeGraph::from_claims(&[c]);
        let mut a = Vec::new();
        g.save(&mut a).unwrap();
        let back = KnowledgeGraph::load(&a[..], Path::new("g.cg")).unwrap();
        assert_eq!(back.to_claims(), g.to_claims());
        // A bad byte in either string is an error at that string's start.
        for needle in [long.as_bytes(), "δ".as_bytes()] {
            let at = a.windows(needle.len()).position(|w| w == needle).unwrap();
            let mut bad = a.clone();
            bad[at + 1] = 0xff;
            let err = KnowledgeGraph::load(&bad[..], Path::new("g.cg")).unwrap_err();
            let want = format!("byte offset {at}: invalid UTF-8");
            assert!(err.to_string().contains(&want), "{err}");
        }
    }

    #[test]
    fn memberships_other_than_the_members_imply_still_load() {
        // The same graph with its membership list emptied: read by the two-pass reader.
        let mut a = Vec::new();
        graph().save(&mut a).unwrap();
        let n = a.len();
        // ... 2 memberships (4 one-byte positions), then no sections.
        assert_eq!(a[n - 6], 2, "two memberships, one byte per position");
        assert_eq!(a[n - 1], 0, "no sections");
        a.truncate(n - 6);
        a.extend([0, 0]);
        let g = KnowledgeGraph::load(&a[..], Path::new("g.cg")).unwrap();
        assert_eq!(g.memberships_sorted().len(), 0);
        assert_eq!(g.claim_count(), 2);
        assert!(
            g.nodes_sorted()
                .iter()
                .any(|&ix| g.node(ix).members.len() == 2)
        );
        let mut b = Vec::new();
        g.save(&mut b).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn a_mapped_file_loads_like_read_bytes_and_bad_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Vec::new();
        graph().save(&mut a).unwrap();
        let path = dir.path().join("g.cg");
        std::fs::write(&path, &a).unwrap();
        let mapped = KnowledgeGraph::load_file(&path).unwrap();
        let mut b = Vec::new();
        mapped.save(&mut b).unwrap();
        assert_eq!(a, b);
        for (name, bytes) in [("empty.cg", &a[..0]), ("cut.cg", &a[..a.len() / 2])] {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            let e = KnowledgeGraph::load_file(&p).unwrap_err().to_string();
            assert!(e.contains(name), "{e}");
        }
        let missing = dir.path().join("missing.cg");
        assert!(KnowledgeGraph::load_file(&missing).is_err());
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let mut a = Vec::new();
        graph().save(&mut a).unwrap();
        for cut in 0..a.len() {
            assert!(
                KnowledgeGraph::load(&a[..cut], Path::new("g.cg")).is_err(),
                "cut at {cut}"
            );
        }
        let mut flipped = a.clone();
        for i in (MAGIC.len() + 10..a.len()).step_by(3) {
            flipped[i] ^= 0x5a;
            let _ = KnowledgeGraph::load(&flipped[..], Path::new("g.cg"));
            flipped[i] ^= 0x5a;
        }
    }

    #[test]
    fn version_2_graphs_still_load_with_their_ids() {
        // Written by the last build that wrote version 2 (claim ids in the string table).
        let v2: &[u8] = include_bytes!("../../tests/fixtures/zinc-vitamin-d.v2.cg");
        assert!(v2.starts_with(b"CLAIMGRAPH\nversion 2\n"));
        let g = KnowledgeGraph::load(v2, Path::new("v2.cg")).unwrap();
        assert!(g.is_canonical());
        assert!(g.claim_count() > 10);
        for (s, o, c) in g.claims_sorted() {
            let expected = ClaimId::of(&g.node(s).id, &c.relation, &g.node(o).id, c.negated);
            assert_eq!(c.id, expected);
        }
        // Its combinations are re-minted as CURIEs, and their members are still nodes.
        let combinations: Vec<&Node> = g
            .nodes_sorted()
            .into_iter()
            .map(|ix| g.node(ix))
            .filter(|n| n.kind == Kind::Combination)
            .collect();
        assert!(!combinations.is_empty());
        for n in &combinations {
            assert_eq!(n.id.matches(':').count(), 1, "{}", n.id);
            let members = crate::claim::combination_members(&n.id).unwrap();
            assert_eq!(members, n.members);
            assert!(members.iter().all(|m| g.node_index(m).is_some()));
        }
        let mut v3 = Vec::new();
        g.save(&mut v3).unwrap();
        assert!(v3.starts_with(b"CLAIMGRAPH\nversion 4\n"));
        assert!(v3.len() < v2.len(), "ids are no longer stored");
        let back = KnowledgeGraph::load(&v3[..], Path::new("v3.cg")).unwrap();
        assert_eq!(back.to_claims(), g.to_claims());
        let ids = |g: &KnowledgeGraph| -> Vec<ClaimId> {
            g.claims_sorted().iter().map(|(_, _, c)| c.id).collect()
        };
        assert_eq!(ids(&back), ids(&g));
        // A stored id that is not one is corrupt, not a panic.
        let at = v2.windows(6).position(|w| w == b"claim:").unwrap();
        let mut bad = v2.to_vec();
        bad[at + 6] = b'x';
        let err = KnowledgeGraph::load(&bad[..], Path::new("v2.cg")).unwrap_err();
        assert!(err.to_string().contains("not a claim id"), "{err}");
    }

    #[test]
    fn version_4_keeps_score_source_and_verified_and_refuses_unknown_edge_kinds() {
        let g = graph();
        let mut a = Vec::new();
        g.save(&mut a).unwrap();
        assert!(a.starts_with(b"CLAIMGRAPH\nversion 4\n"));
        let back = KnowledgeGraph::load(&a[..], Path::new("g.cg")).unwrap();
        let evidence: Vec<&Evidence> = back
            .claims_sorted()
            .iter()
            .flat_map(|(_, _, c)| c.evidence.iter().map(|e| &e.evidence))
            .collect();
        assert!(
            evidence
                .iter()
                .any(|e| e.score.map(Score::thousandths) == Some(873)
                    && e.source.as_deref() == Some("INDRA statements, s.json")
                    && !e.verified)
        );
        assert_eq!(back.to_claims(), g.to_claims());
        // A section of an edge kind this build does not know: refused by name.
        let mut with_section = a.clone();
        assert_eq!(with_section.pop(), Some(0), "no sections written");
        let kind = g
            .claims_sorted()
            .iter()
            .map(|(_, _, c)| c.relation.clone())
            .next()
            .unwrap();
        let kind_index = {
            // The relation's string index is what a kind refers to; any string will do.
            let rest = &a[MAGIC.len() + b"version 4\n".len()..];
            let (count, len) = leb128(rest, 0).unwrap();
            let mut at = len;
            let mut found = None;
            for i in 0..count {
                let (n, l) = leb128(rest, at).unwrap();
                at += l;
                if &rest[at..at + n as usize] == kind.as_bytes() {
                    found = Some(i);
                }
                at += n as usize;
            }
            found.unwrap()
        };
        with_section.push(1);
        put(&mut with_section, kind_index);
        put(&mut with_section, 0);
        let err = KnowledgeGraph::load(&with_section[..], Path::new("h.cg")).unwrap_err();
        assert!(
            err.to_string().contains(&format!("holds `{kind}` edges")),
            "{err}"
        );
        // A newer version is a clear error.
        let mut newer = a.clone();
        newer[MAGIC.len() + 8] = b'5';
        let err = KnowledgeGraph::load(&newer[..], Path::new("n.cg")).unwrap_err();
        assert!(
            matches!(err, Error::UnsupportedVersion { version: 5, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("newer than"), "{err}");
    }

    #[test]
    fn claim_ids_read_back_only_in_their_written_form() {
        let id = ClaimId::of("zinc", "suppresses", "IL-17", false);
        assert_eq!(ClaimId::parse(&id.to_string()), Some(id));
        for bad in [
            "claim:",
            "claim:123",
            "claim:ABCDEF0123456789",
            "Claim:0123456789abcdef",
            "claim:0123456789abcdef0",
        ] {
            assert_eq!(ClaimId::parse(bad), None, "{bad}");
        }
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(serde_json::from_str::<ClaimId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<ClaimId>("\"claim:zz\"").is_err());
    }

    #[test]
    fn hierarchy_links_are_a_section_and_come_back() {
        let mut g = graph();
        let mut lex = crate::lexicon::Lexicon::default();
        lex.set_parents("A:1", vec!["C:3".into()]);
        lex.set_parents("B:2", vec!["A:1".into(), "Z:9".into()]);
        assert_eq!(g.link_hierarchy(&lex), 2);
        assert_eq!(g.link_hierarchy(&lex), 0, "each link once");
        let g = g.canonicalize();
        let mut a = Vec::new();
        g.save(&mut a).unwrap();
        let back = KnowledgeGraph::load(&a[..], Path::new("g.cg")).unwrap();
        let ids = |k: &KnowledgeGraph| -> Vec<(String, String)> {
            k.hierarchy_sorted()
                .into_iter()
                .map(|(c, p)| (k.node(c).id.clone(), k.node(p).id.clone()))
                .collect()
        };
        assert_eq!(
            ids(&back),
            [("A:1".into(), "C:3".into()), ("B:2".into(), "A:1".into())]
        );
        assert_eq!(back.to_claims(), g.to_claims());
        assert_eq!(
            back.memberships_sorted().len(),
            g.memberships_sorted().len()
        );
        assert_eq!(back.edge_counts(), g.edge_counts());
        assert!(back.is_canonical());
        let mut again = Vec::new();
        back.save(&mut again).unwrap();
        assert_eq!(again, a, "the same bytes");
        // The section: count 1, kind `is-a`, byte length, then 2 links of one-byte
        // positions (5 bytes). A link to a node that is not there is an error.
        let n = a.len();
        assert_eq!(&a[n - 6..n - 4], &[5, 2]);
        let mut bad = a.clone();
        bad[n - 1] = 100;
        let err = KnowledgeGraph::load(&bad[..], Path::new("h.cg")).unwrap_err();
        assert!(err.to_string().contains("node index out of range"), "{err}");
        // So is a link of an entity to itself, and a section of the wrong length.
        let mut own = a.clone();
        own[n - 1] = own[n - 2];
        assert!(KnowledgeGraph::load(&own[..], Path::new("h.cg")).is_err());
        let mut short = a.clone();
        short[n - 6] = 4;
        assert!(KnowledgeGraph::load(&short[..], Path::new("h.cg")).is_err());
        // A graph without hierarchy writes no section (the zero count ends the file).
        let mut plain = Vec::new();
        graph().save(&mut plain).unwrap();
        assert_eq!(plain.last(), Some(&0));
    }

    #[test]
    fn versions() {
        let err =
            KnowledgeGraph::load(&b"CLAIMGRAPH\nversion 9\n"[..], Path::new("g.cg")).unwrap_err();
        assert!(err.to_string().contains("newer"), "{err}");
        let err = KnowledgeGraph::load(&b"PNG"[..], Path::new("g.cg")).unwrap_err();
        assert!(err.to_string().contains("not a claimgraph saved graph"));
        let v1 = b"CLAIMGRAPH\nversion 1\n{\"nodes\":[{\"id\":\"A:1\",\"label\":\"a\",\"kind\":\"gene\"}],\"edges\":[]}\n";
        assert_eq!(
            KnowledgeGraph::load(&v1[..], Path::new("g.cg"))
                .unwrap()
                .node_count(),
            1
        );
    }
}
