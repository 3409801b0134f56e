#!/usr/bin/env python3
"""Run the `kgx` command line with no network: the Biolink model and the JSON-LD
contexts come from the files inside the installed `biolink-model` and `prefixcommons`
wheels instead of the URLs kgx and bmt fetch at import.

usage: kgx_offline.py validate -i tsv nodes.tsv edges.tsv   (any `kgx` arguments)

kgx reads its configuration (kgx.config) lazily and bmt's Toolkit takes the schema
location as a default argument, so both are pointed at local files before the kgx
modules that use them are imported. Any attempt to open a network connection fails
loudly (socket.create_connection is replaced), so a forgotten URL cannot pass
unnoticed when a network happens to be there. bmt's predicate map (mappings from other
vocabularies, unused by validation, in no wheel) is replaced by an empty one.
"""
import os
import socket
import sys


def forbid_network():
    def refuse(*args, **kwargs):
        raise RuntimeError(f"kgx_offline: network access attempted: {args[:1]}")
    socket.create_connection = refuse
    real_connect = socket.socket.connect

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            refuse(address)
        return real_connect(self, address)
    socket.socket.connect = connect


def local_files():
    import biolink_model
    import prefixcommons
    # biolink_model is a namespace package: no __file__, one path.
    bm = list(biolink_model.__path__)[0]
    pc = list(prefixcommons.__path__)[0]
    files = {
        "schema": os.path.join(bm, "schema", "biolink_model.yaml"),
        "biolink": os.path.join(bm, "prefixmaps", "biolink-model-prefix-map.json"),
        "monarch_context": os.path.join(pc, "registry", "monarch_context.jsonld"),
        "obo_context": os.path.join(pc, "registry", "obo_context.jsonld"),
    }
    for name, path in files.items():
        if not os.path.exists(path):
            sys.exit(f"kgx_offline: {name} not found at {path}")
    return files


def configure():
    forbid_network()
    files = local_files()
    import bmt.toolkit
    init = bmt.toolkit.Toolkit.__init__
    defaults = list(init.__defaults__ or ())
    # The defaulted parameters are `schema` and `predicate_map`, both URLs. The
    # predicate map (mappings from other vocabularies' predicates) is no part of
    # validation and ships in no wheel: an empty one stands in.
    if len(defaults) != 2 or not all(str(d).startswith("http") for d in defaults):
        sys.exit(f"kgx_offline: unexpected bmt Toolkit defaults {defaults!r}")
    init.__defaults__ = (files["schema"], {"predicate mappings": []})
    bmt.toolkit.REMOTE_PATH = files["schema"]
    import kgx.config
    config = kgx.config.get_config()
    for name in ("biolink", "monarch_context", "obo_context"):
        config["jsonld-context"][name] = files[name]
    return files


def main():
    configure()
    from kgx.cli import cli
    cli.main(args=sys.argv[1:], prog_name="kgx")


if __name__ == "__main__":
    main()
