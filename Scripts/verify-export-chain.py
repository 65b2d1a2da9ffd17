#!/usr/bin/env python3
"""Re-checks the hash chain of `adledger export events` output (plain or .gz files, or stdin).

Each line's `hash` is re-derived from its own fields, each event's `payload_hash` from its payload (events
whose payload was upcast from an older schema are counted, not failed), and each `prev_hash` must be the
previous line's `hash` wherever the seqs are consecutive. Files are read in the order given.
Prints `ok: N events, seq A..B` and exits 0, or prints the first mismatch and exits 1.
Recipe (docs/WAREHOUSE.md, Sources/Ledger/EventHasher.swift):
  hash = SHA-256 over prev_hash, seq, kind, stream, version, recorded_at, payload_hash, meta, each written as
  "<UTF-8 byte length>:<UTF-8 bytes>"; a null meta is the single byte "-". Canonical JSON: object keys
  sorted by their UTF-8 bytes, no whitespace, numbers exactly as written, strings escaping only `"`, `\\`
  and control characters (\\n \\r \\t, others \\u00xx).
"""
import gzip
import hashlib
import json
import sys


class Raw(str):
    """A JSON number kept as the text it was written as."""


def quote(text):
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == '\\':
            out.append('\\\\')
        elif ch == '\n':
            out.append('\\n')
        elif ch == '\r':
            out.append('\\r')
        elif ch == '\t':
            out.append('\\t')
        elif code < 0x20:
            out.append('\\u%04x' % code)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)


def canonical(value):
    if value is None:
        return 'null'
    if value is True:
        return 'true'
    if value is False:
        return 'false'
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, list):
        return '[' + ','.join(canonical(v) for v in value) + ']'
    keys = sorted(value, key=lambda k: k.encode('utf-8'))
    return '{' + ','.join(quote(k) + ':' + canonical(value[k]) for k in keys) + '}'


def chain_hash(event):
    digest = hashlib.sha256()
    for field in ('prev_hash', 'seq', 'kind', 'stream', 'version', 'recorded_at', 'payload_hash'):
        data = str(event[field]).encode('utf-8')
        digest.update(b'%d:' % len(data) + data)
    if event['meta'] is None:
        digest.update(b'-')
    else:
        data = canonical(event['meta']).encode('utf-8')
        digest.update(b'%d:' % len(data) + data)
    return digest.hexdigest()


def lines(paths):
    if not paths:
        yield from sys.stdin
        return
    for path in paths:
        opener = gzip.open if path.endswith('.gz') else open
        with opener(path, 'rt', encoding='utf-8') as handle:
            yield from handle


def main(paths):
    count, upcast, first, previous = 0, 0, None, None
    for line in lines(paths):
        event = json.loads(line, parse_int=Raw, parse_float=Raw)
        seq = int(event['seq'])
        if chain_hash(event) != event['hash']:
            print(f'seq {seq}: hash does not match its fields')
            return 1
        if hashlib.sha256(canonical(event['payload']).encode('utf-8')).hexdigest() != event['payload_hash']:
            upcast += 1
        if previous is not None and seq == previous[0] + 1 and event['prev_hash'] != previous[1]:
            print(f'seq {seq}: prev_hash is not the hash of seq {previous[0]}')
            return 1
        if seq == 1 and event['prev_hash'] != '0' * 64:
            print('seq 1: prev_hash is not the genesis hash')
            return 1
        first = seq if first is None else first
        previous = (seq, event['hash'])
        count += 1
    span = f', seq {first}..{previous[0]}' if previous else ''
    print(f'ok: {count} events{span}, {upcast} payloads upcast from an older schema')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
