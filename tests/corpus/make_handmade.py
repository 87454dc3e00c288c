#!/usr/bin/env python3
"""Generate the hand-made PDF test corpus for SealStation.

Usage::

    .venv/bin/python tests/corpus/make_handmade.py [OUTDIR]

OUTDIR defaults to ``tests/corpus/handmade/`` (next to this script).

Every file reproduces one class of real-world problem that a seal station
meets in the wild (odd object layouts, hybrid cross-reference files, broken
metadata, unsupported filters, damaged page trees, encryption, existing or
broken signatures, certified documents, damaged files...).  Apart from the
problem under test each file is an ordinary, small (< 200 KB) one- or
two-page A4 document with visible text.

Most files are written byte by byte by :func:`build_pdf` /
:func:`append_update` below, so that the exact object layout (indirect
arrays, hybrid xref, object streams, generation numbers...) is under our
control.  Signatures, certification and document timestamps are made with
pyHanko using throw-away self-signed certificates generated with
``cryptography`` at run time; encrypted variants are made with ``qpdf``
(skipped, with a message, if ``qpdf`` is not installed).  The ``brotli``
module is used for real Brotli data when importable; otherwise the script
looks for a helper interpreter given in ``$BROTLI_PYTHON`` (e.g. a temporary
venv with ``pip install brotli``) and finally falls back to arbitrary bytes.

The script writes ``MANIFEST.tsv`` in OUTDIR with the columns

``file``    file name, relative to OUTDIR
``class``   problem class (the file name prefix)
``expect``  ``stamp``        -- a correct station must stamp it;
            ``refuse``       -- it must be refused at approval time;
            ``place-refuse`` -- accepted at approval, but placement of the
                                visible seal must be refused at stamping.
``notes``   what the file contains and why the expectation is what it is,
            followed (in ``[...]``) by what the reference tools said when
            the manifest was generated: ``qpdf --check``, ``pdfinfo``,
            ``pdftoppm`` (page 1 rendered: ``ink`` = non-blank), and the
            pyHanko reader in strict and non-strict mode (``/Count`` of the
            page tree root, or the exception raised).

Signed files contain random serial numbers and signing times, so re-running
the script does not give byte-identical output; the structure is stable.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / 'handmade'

A4 = b'[0 0 595 842]'
HELV = b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'


# ---------------------------------------------------------------------------
# Low-level PDF writing helpers
# ---------------------------------------------------------------------------

def pdf_str(s: str) -> bytes:
    """A PDF literal string (Latin-1, escaped)."""
    b = s.encode('latin-1')
    b = b.replace(b'\\', b'\\\\').replace(b'(', b'\\(').replace(b')', b'\\)')
    return b'(' + b + b')'


def text_content(lines, size=14, x=72, y=770, leading=20, font=b'/F1') -> bytes:
    """Uncompressed page content drawing ``lines`` of text."""
    out = [b'BT %s %d Tf %d TL %d %d Td' % (font, size, leading, x, y)]
    for ln in lines:
        out.append(pdf_str(ln) + b" '")
    out.append(b'ET')
    return b'\n'.join(out) + b'\n'


def stream(dict_body: bytes, data: bytes) -> bytes:
    """A stream object body (without ``n g obj``)."""
    return (b'<< ' + dict_body + b' /Length %d >>\nstream\n' % len(data)
            + data + b'\nendstream')


def build_pdf(objs: dict, root: int = 1, header: bytes = b'%PDF-1.7',
              prefix: bytes = b'', trailer_extra: bytes = b'',
              gens: dict | None = None, info: int | None = None,
              offsets_relative_to_header: bool = True,
              free_entries: dict | None = None) -> bytes:
    """Write a single-revision PDF with a classic xref table.

    ``objs`` maps object number -> object body bytes.  Missing numbers get
    free entries.  ``prefix`` is junk written before the header; xref
    offsets are then relative to the header (as Acrobat/qpdf/poppler expect)
    unless ``offsets_relative_to_header`` is False.
    """
    gens = gens or {}
    free_entries = free_entries or {}
    out = bytearray(prefix + header + b'\n%\xe2\xe3\xcf\xd3\n')
    base = len(prefix) if offsets_relative_to_header else 0
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out) - base
        out += b'%d %d obj\n' % (num, gens.get(num, 0)) + objs[num] + b'\nendobj\n'
    size = max(objs) + 1
    xref_off = len(out) - base
    out += b'xref\n0 %d\n0000000000 65535 f \n' % size
    for i in range(1, size):
        if i in offsets:
            out += b'%010d %05d n \n' % (offsets[i], gens.get(i, 0))
        else:
            out += free_entries.get(i, b'0000000000 00001 f \n')
    tr = b'/Size %d /Root %d 0 R' % (size, root)
    if info:
        tr += b' /Info %d 0 R' % info
    fid = hashlib.md5(bytes(out)).hexdigest().encode()
    tr += b' /ID [<%s> <%s>]' % (fid, fid)
    out += b'trailer\n<< ' + tr + trailer_extra + b' >>\nstartxref\n%d\n%%%%EOF\n' % xref_off
    return bytes(out)


def last_startxref(data: bytes) -> int:
    return int(re.findall(rb'startxref\s+(\d+)', data)[-1])


def trailer_size(data: bytes) -> int:
    sizes = re.findall(rb'/Size (\d+)', data)
    return max(int(s) for s in sizes)


def append_update(data: bytes, objs: dict, root: int = 1,
                  extra_trailer: bytes = b'') -> bytes:
    """Append an incremental update with a classic xref table."""
    out = bytearray(data)
    if not out.endswith(b'\n'):
        out += b'\n'
    offsets = {}
    for num in sorted(objs):
        offsets[num] = len(out)
        out += b'%d 0 obj\n' % num + objs[num] + b'\nendobj\n'
    size = max(trailer_size(data), max(objs) + 1)
    xref_off = len(out)
    out += b'xref\n'
    for num in sorted(offsets):
        out += b'%d 1\n%010d 00000 n \n' % (num, offsets[num])
    out += (b'trailer\n<< /Size %d /Root %d 0 R /Prev %d%s >>\nstartxref\n%d\n%%%%EOF\n'
            % (size, root, last_startxref(data), extra_trailer, xref_off))
    return bytes(out)


def xref_stream_data(entries: dict, w=(1, 4, 2)):
    """Encode xref-stream rows; ``entries`` maps num -> (type, f2, f3).

    Returns (flate-compressed data, /Index array bytes)."""
    nums = sorted(entries)
    index, rows = [], bytearray()
    start = prev = None
    for n in nums:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            index.append((start, prev - start + 1))
            start = prev = n
        t, f2, f3 = entries[n]
        rows += t.to_bytes(w[0], 'big') + f2.to_bytes(w[1], 'big') + f3.to_bytes(w[2], 'big')
    index.append((start, prev - start + 1))
    idx = b'[' + b' '.join(b'%d %d' % p for p in index) + b']'
    return zlib.compress(bytes(rows)), idx


def object_stream(members: dict) -> bytes:
    """An /ObjStm body holding ``members`` (num -> object bytes)."""
    header, body = [], bytearray()
    for num in sorted(members):
        header.append(b'%d %d' % (num, len(body)))
        body += members[num] + b'\n'
    head = b' '.join(header) + b'\n'
    data = head + bytes(body)
    return stream(b'/Type /ObjStm /N %d /First %d /Filter /FlateDecode' % (len(members), len(head)),
                  zlib.compress(data))


def build_pdf_objstm(objs: dict, packed: list, root: int = 1, info: int | None = None) -> bytes:
    """Write a PDF 1.5 file with a cross-reference stream; objects in
    ``packed`` go into one object stream."""
    out = bytearray(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
    packed = sorted(packed)
    n_os = max(objs) + 1
    n_x = n_os + 1
    entries = {0: (0, 0, 0xFFFF)}
    for num in sorted(objs):
        if num in packed:
            continue
        entries[num] = (1, len(out), 0)
        out += b'%d 0 obj\n' % num + objs[num] + b'\nendobj\n'
    entries[n_os] = (1, len(out), 0)
    out += b'%d 0 obj\n' % n_os + object_stream({n: objs[n] for n in packed}) + b'\nendobj\n'
    for i, n in enumerate(packed):
        entries[n] = (2, n_os, i)
    xoff = len(out)
    entries[n_x] = (1, xoff, 0)
    for i in range(n_x):
        entries.setdefault(i, (0, 0, 1))
    data, idx = xref_stream_data(entries)
    out += (b'%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index %s /Root %d 0 R%s /Filter /FlateDecode /Length %d >>\nstream\n'
            % (n_x, n_x + 1, idx, root, b' /Info %d 0 R' % info if info else b'', len(data))
            + data + b'\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n' % xoff)
    return bytes(out)


def simple_objs(lines, title='SealStation test', extra_pages=0) -> dict:
    """Objects of a plain document: 1 catalog, 2 pages, 3 page, 4 content,
    5 font, 6 info; extra pages use 7, 8 / 9, 10 ..."""
    kids = [3]
    objs = {
        1: b'<< /Type /Catalog /Pages 2 0 R >>',
        3: b'<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>' % A4,
        4: stream(b'', text_content(lines)),
        5: HELV,
        6: b'<< /Title %s /Producer (SealStation make_handmade.py) >>' % pdf_str(title),
    }
    for i in range(extra_pages):
        p, c = 7 + 2 * i, 8 + 2 * i
        kids.append(p)
        objs[p] = b'<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> /Contents %d 0 R >>' % (A4, c)
        objs[c] = stream(b'', text_content(['Page %d of the test document.' % (i + 2)]))
    objs[2] = b'<< /Type /Pages /Kids [%s] /Count %d >>' % (
        b' '.join(b'%d 0 R' % k for k in kids), len(kids))
    return objs


def simple_pdf(lines, title='SealStation test', extra_pages=0, **kw) -> bytes:
    return build_pdf(simple_objs(lines, title, extra_pages), info=6, **kw)


# ---------------------------------------------------------------------------
# Certificates and signing (pyHanko)
# ---------------------------------------------------------------------------

_CERTS: dict = {}


def make_cert(cn: str, tsa: bool = False):
    """Self-signed RSA certificate -> (asn1crypto cert, asn1crypto key)."""
    if cn in _CERTS:
        return _CERTS[cn]
    from asn1crypto import keys as akeys, x509 as ax509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, 'SealStation test corpus')])
    now = dt.datetime.now(dt.timezone.utc)
    b = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(now - dt.timedelta(days=1))
         .not_valid_after(now + dt.timedelta(days=3650))
         .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True))
    if tsa:
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        b = b.add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
    else:
        b = b.add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
    cert = b.sign(key, hashes.SHA256())
    acert = ax509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    akey = akeys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    _CERTS[cn] = (acert, akey, cert, key)
    return _CERTS[cn]


def simple_signer(cn='Foreign Signer (test)'):
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore
    acert, akey, _, _ = make_cert(cn)
    return signers.SimpleSigner(signing_cert=acert, signing_key=akey,
                                cert_registry=SimpleCertificateStore.from_certs([acert]))


def dummy_tsa():
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
    acert, akey, _, _ = make_cert('Test TSA (SealStation corpus)', tsa=True)
    return DummyTimeStamper(tsa_cert=acert, tsa_key=akey)


def pyhanko_sign(data: bytes, field='Signature1', strict=True, certify=False,
                 perms=None, timestamper=None, subfilter=None) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    w = IncrementalPdfFileWriter(io.BytesIO(data), strict=strict)
    kw = dict(field_name=field, md_algorithm='sha256', certify=certify,
              reason='Test signature (SealStation corpus)')
    if perms is not None:
        kw['docmdp_permissions'] = perms
    if subfilter is not None:
        kw['subfilter'] = subfilter
    meta = signers.PdfSignatureMetadata(**kw)
    out = signers.sign_pdf(w, meta, signer=simple_signer(), timestamper=timestamper)
    return out.getvalue()


# ---------------------------------------------------------------------------
# Tool checks (optional; used for the notes column)
# ---------------------------------------------------------------------------

def _run(cmd, timeout=30):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout.decode('latin-1'), p.stderr.decode('latin-1')
    except subprocess.TimeoutExpired:
        return 'timeout', '', ''
    except FileNotFoundError:
        return None, '', ''


def _short(s: str, n=70) -> str:
    s = ' '.join(s.split()).replace('\t', ' ')
    return s if len(s) <= n else s[:n] + '...'


def tool_summary(path: Path) -> str:
    parts = []
    rc, out, err = _run(['qpdf', '--check', str(path)])
    if rc is None:
        parts.append('qpdf: n/a')
    else:
        lines = [l for l in (out + err).splitlines()
                 if 'WARNING' in l or 'error' in l.lower() or 'invalid password' in l]
        verdict = {0: 'ok', 3: 'warnings', 2: 'ERROR'}.get(rc, 'rc=%s' % rc)
        parts.append('qpdf --check: %s%s' % (verdict, (' (' + _short(lines[0]) + ')') if lines and rc else ''))
    rc, out, err = _run(['pdfinfo', str(path)])
    if rc is None:
        parts.append('pdfinfo: n/a')
    else:
        m = re.search(r'^Pages:\s+(\d+)', out, re.M)
        enc = re.search(r'^Encrypted:\s+(.*)$', out, re.M)
        s = 'pdfinfo: ' + ('pages=%s' % m.group(1) if m and rc == 0 else 'FAIL rc=%s' % rc)
        if enc and enc.group(1).startswith('yes'):
            s += ' encrypted'
        if err.strip():
            s += ' (' + _short(err.strip().splitlines()[0], 60) + ')'
        parts.append(s)
    with tempfile.TemporaryDirectory() as td:
        rc, out, err = _run(['pdftoppm', '-r', '20', '-f', '1', '-l', '1', '-gray',
                             str(path), os.path.join(td, 'p')])
        if rc is None:
            parts.append('pdftoppm: n/a')
        else:
            files = sorted(Path(td).glob('p*.pgm'))
            if files:
                raw = files[0].read_bytes()
                # PGM: header of 4 whitespace-separated tokens, then pixels
                hdr = re.match(rb'P5\s+\d+\s+\d+\s+\d+\s', raw)
                px = raw[hdr.end():] if hdr else b''
                ink = bool(px) and min(px) < 200
                s = 'pdftoppm: %s' % ('ink' if ink else 'blank')
            else:
                s = 'pdftoppm: FAIL rc=%s' % rc
            if err.strip():
                s += ' (' + _short(err.strip().splitlines()[0], 60) + ')'
            parts.append(s)
    if b'/ByteRange' in path.read_bytes():
        rc, out, err = _run(['pdfsig', str(path)])
        if rc is not None:
            st = re.findall(r'Signature Validation: (.*)', out)
            parts.append('pdfsig: ' + (', '.join(st) if st else _short(out + err, 60)))
        parts.append('pyhanko validate: ' + _sig_probe(path))
    for strict in (True, False):
        parts.append('pyhanko %s: %s' % ('strict' if strict else 'non-strict',
                                         _pyhanko_probe(path, strict)))
    parts.append('plain pyhanko sign_pdf strict/non-strict: %s / %s' % (
        _sign_probe(path, True), _sign_probe(path, False)))
    return '; '.join(parts)


def _sign_probe(path: Path, strict: bool) -> str:
    """Can an unguarded pyHanko sign_pdf (no checks) add a signature?"""
    import logging
    logging.getLogger('pyhanko').setLevel(logging.CRITICAL)
    try:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.sign import signers
    except ImportError:
        return 'n/a'
    try:
        w = IncrementalPdfFileWriter(io.BytesIO(path.read_bytes()), strict=strict)
        if w.prev.encrypted:
            w.encrypt('')
        signers.sign_pdf(w, signers.PdfSignatureMetadata(field_name='SealStationProbe'),
                         signer=simple_signer('Probe signer'))
        return 'ok'
    except RecursionError:
        return 'RecursionError'
    except Exception as e:  # noqa: BLE001
        return '%s: %s' % (type(e).__name__, _short(str(e), 50))


def _sig_probe(path: Path) -> str:
    import logging
    for lg in ('pyhanko', 'pyhanko_certvalidator'):
        logging.getLogger(lg).setLevel(logging.CRITICAL)
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
        from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    except ImportError:
        return 'n/a'
    res = []
    try:
        with open(path, 'rb') as f:
            r = PdfFileReader(f, strict=False)
            from pyhanko.sign.fields import enumerate_sig_fields
            n_fields = sum(1 for _, v, _ in enumerate_sig_fields(r) if v is not None)
            if n_fields != len(r.embedded_signatures):
                res.append('%d filled sig fields but embedded_signatures has %d' % (
                    n_fields, len(r.embedded_signatures)))
            for es in r.embedded_signatures:
                try:
                    if es.sig_object_type == '/DocTimeStamp':
                        st = validate_pdf_timestamp(es)
                    else:
                        st = validate_pdf_signature(es)
                    res.append('%s %s %s/%s' % (es.field_name, es.sig_object_type,
                                                'intact' if st.intact else 'NOT-intact',
                                                'valid' if st.valid else 'invalid'))
                except Exception as e:  # noqa: BLE001
                    res.append('%s %s: %s' % (es.field_name, type(e).__name__, _short(str(e), 50)))
    except Exception as e:  # noqa: BLE001
        return '%s: %s' % (type(e).__name__, _short(str(e), 50))
    return ', '.join(res) or 'no signatures'


def _pyhanko_probe(path: Path, strict: bool) -> str:
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader
    except ImportError:
        return 'n/a'
    try:
        with open(path, 'rb') as f:
            r = PdfFileReader(f, strict=strict)
            if r.encrypted:
                res = r.decrypt('')
                st = getattr(res, 'status', res)
                if 'FAILED' in str(st):
                    return 'encrypted, empty password fails'
            cnt = r.root['/Pages'].get('/Count')
            try:
                r.find_page_for_modification(0)
                walk = 'page0 found'
            except RecursionError:
                walk = 'page walk RecursionError'
            except Exception as e:  # noqa: BLE001
                walk = 'page walk %s: %s' % (type(e).__name__, _short(str(e), 50))
            return 'Count=%s, %s' % (cnt, walk)
    except RecursionError:
        return 'RecursionError'
    except Exception as e:  # noqa: BLE001 - we want to record anything
        return '%s: %s' % (type(e).__name__, _short(str(e), 60))


# ---------------------------------------------------------------------------
# Corpus classes
# ---------------------------------------------------------------------------

class Corpus:
    def __init__(self, outdir: Path):
        self.outdir = outdir
        self.rows = []

    def add(self, name: str, klass: str, expect: str, notes: str, data: bytes | None = None,
            path: Path | None = None):
        p = self.outdir / name
        if data is not None:
            p.write_bytes(data)
        assert p.exists(), p
        self.rows.append((name, klass, expect, notes))
        print('%-45s %-18s %-12s %7d B' % (name, klass, expect, p.stat().st_size))

    def write_manifest(self, with_tools=True):
        lines = ['file\tclass\texpect\tnotes']
        for name, klass, expect, notes in self.rows:
            if with_tools:
                notes = notes + ' [' + tool_summary(self.outdir / name) + ']'
            lines.append('\t'.join((name, klass, expect, notes.replace('\t', ' ').replace('\n', ' '))))
        (self.outdir / 'MANIFEST.tsv').write_text('\n'.join(lines) + '\n', encoding='utf-8')


# 1 ------------------------------------------------------------------------

def gen_indirect_annots(c: Corpus):
    ap_tx = stream(b'/Type /XObject /Subtype /Form /BBox [0 0 228 30] /Resources << /Font << /Helv 5 0 R >> >>',
                   b'/Tx BMC BT /Helv 12 Tf 0 g 2 10 Td (Jane Example) Tj ET EMC')
    ap_sig = stream(b'/Type /XObject /Subtype /Form /BBox [0 0 200 60]', b'')
    objs = {
        1: b'<< /Type /Catalog /Pages 2 0 R /AcroForm 20 0 R >>',
        2: b'<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>',
        3: b'<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R /Annots 12 0 R >>' % A4,
        4: stream(b'', text_content(['Page 1: /Annots is an indirect array (object 12).',
                                     'It holds a link annotation and a text field widget.'])),
        5: HELV,
        6: b'<< /Title (Indirect /Annots array) >>',
        7: b'<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 5 0 R >> >> /Contents 8 0 R /Annots [17 0 R] >>' % A4,
        8: stream(b'', text_content(['Page 2: an unsigned signature field.',
                                     'The widget (17) has /Parent 16, an indirect field dict.'])),
        12: b'[13 0 R 14 0 R]',
        13: b'<< /Type /Annot /Subtype /Link /Rect [72 690 320 710] /Border [0 0 1] /C [0 0 1] /A << /S /URI /URI (https://example.org/) >> >>',
        14: b'<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (Jane Example) /DA (/Helv 12 Tf 0 g) /Rect [72 600 300 630] /P 3 0 R /F 4 /MK << /BC [0 0 0] >> /AP << /N 15 0 R >> >>',
        15: ap_tx,
        16: b'<< /FT /Sig /T (UnsignedSig) /Kids [17 0 R] >>',
        17: b'<< /Type /Annot /Subtype /Widget /Parent 16 0 R /Rect [72 500 272 560] /P 7 0 R /F 4 /AP << /N 18 0 R >> >>',
        18: ap_sig,
        20: b'<< /Fields [14 0 R 16 0 R] /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv 5 0 R >> >> >>',
    }
    c.add('indirect-annots-array.pdf', 'indirect-annots', 'stamp',
          'p1 /Annots 12 0 R -> [link, text-field widget]; p2 unsigned /Sig field widget with indirect /Parent field dict (no /V)',
          build_pdf(objs, info=6))

    # field /Kids, widget /Rect, page /MediaBox, /Resources, /Annots all indirect
    objs2 = {
        1: b'<< /Type /Catalog /Pages 2 0 R /AcroForm 20 0 R >>',
        2: b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        3: b'<< /Type /Page /Parent 2 0 R /MediaBox 19 0 R /Resources 21 0 R /Contents 4 0 R /Annots 12 0 R >>',
        4: stream(b'', text_content(['Indirect /MediaBox (19), /Resources (21), /Annots (12);',
                                     'unsigned signature field 16 with indirect /Kids (22)',
                                     'and a widget whose /Rect is indirect (23).'])),
        5: HELV,
        6: b'<< /Title (Indirect Kids Rect MediaBox) >>',
        12: b'[17 0 R]',
        16: b'<< /FT /Sig /T (UnsignedSig) /Kids 22 0 R >>',
        17: b'<< /Type /Annot /Subtype /Widget /Parent 16 0 R /Rect 23 0 R /P 3 0 R /F 4 >>',
        19: A4,
        20: b'<< /Fields 24 0 R >>',
        21: b'<< /Font 25 0 R >>',
        22: b'[17 0 R]',
        23: b'[72 500 272 560]',
        24: b'[16 0 R]',
        25: b'<< /F1 5 0 R >>',
    }
    c.add('indirect-annots-kids-rect-mediabox.pdf', 'indirect-annots', 'stamp',
          'indirect /MediaBox, /Resources, /Resources/Font, /Annots, AcroForm /Fields; unsigned /Sig field with indirect /Kids and widget with indirect /Rect, no /AP',
          build_pdf(objs2, info=6))

    # MediaBox whose *elements* are indirect numbers
    objs3 = simple_objs(['/MediaBox [0 0 30 0 R 31 0 R] - indirect numbers inside the array.'],
                        'Indirect MediaBox elements')
    objs3[3] = objs3[3].replace(b'/MediaBox ' + A4, b'/MediaBox [0 0 30 0 R 31 0 R]')
    objs3[30] = b'595'
    objs3[31] = b'842'
    c.add('indirect-annots-mediabox-elements.pdf', 'indirect-annots', 'stamp',
          '/MediaBox [0 0 30 0 R 31 0 R] with indirect integer objects (legal: any object may be indirect)',
          build_pdf(objs3, info=6))


# 2 ------------------------------------------------------------------------

def hybrid_file(word_layout: bool = True) -> tuple[bytes, dict]:
    """Word-2010-style hybrid-reference file.

    With ``word_layout`` (what Word really writes) the full classic table and
    its trailer come first, followed by an empty ``xref 0 0`` section whose
    trailer carries ``/Prev`` (-> full table) and ``/XRefStm``; that section
    is the one ``startxref`` points at, so its xref stream is read first and
    wins over the free entries of the full table.  Without it, ``/XRefStm``
    sits in the only trailer (the ISO 32000 7.5.8.4 example layout).

    Objects 1-4 and 10, 11 are normal; 7, 8, 9 (font, resources, struct
    element) sit in object stream 5; object 6 is the cross-reference stream
    pointed to by the trailer's /XRefStm.  The classic table lists 7-9 as
    free entries (gen 65535), as Word does, so pre-1.5 readers skip them.
    """
    head = b'%PDF-1.7\n%\xb5\xb5\xb5\xb5\n'
    out = bytearray(head)
    offs = {}

    def put(num, body):
        offs[num] = len(out)
        out.extend(b'%d 0 obj\n' % num + body + b'\nendobj\n')

    content = text_content(['Hybrid-reference file (as written by Word 2010+ "Save as PDF").',
                            'Font and resources live in an object stream that only the',
                            '/XRefStm cross-reference stream knows about.'])
    put(1, b'<</Type/Catalog/Pages 2 0 R/Lang(en-GB)/StructTreeRoot 10 0 R/MarkInfo<</Marked true>>/ViewerPreferences 11 0 R>>')
    put(2, b'<</Type/Pages/Count 1/Kids[ 3 0 R] >>')
    put(3, b'<</Type/Page/Parent 2 0 R/Resources 8 0 R/MediaBox[ 0 0 595.32 841.92] /Contents 4 0 R/Group<</Type/Group/S/Transparency/CS/DeviceRGB>>/Tabs/S/StructParents 0>>')
    put(4, stream(b'/Filter/FlateDecode', zlib.compress(content)))
    members = {
        7: b'<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>',
        8: b'<</Font<</F1 7 0 R>>/ProcSet[/PDF/Text/ImageB/ImageC/ImageI] >>',
        9: b'<</S/P/P 10 0 R/Pg 3 0 R/K[ 0] >>',
    }
    put(5, object_stream(members))
    put(10, b'<</Type/StructTreeRoot/K[ 9 0 R] /ParentTree<</Nums[0[ 9 0 R]]>>>>')
    put(11, b'<</DisplayDocTitle true>>')
    put(12, b'<</Title(Hybrid reference test) /Author(SealStation) /Creator(Microsoft\xae Word 2016) /Producer(Microsoft\xae Word 2016) /CreationDate(D:20240102030405+01\'00\')>>')
    # xref stream, object 6: covers everything, compressed objects as type 2
    xoff = len(out)
    entries = {0: (0, 0, 0xFFFF)}
    for n, o in offs.items():
        entries[n] = (1, o, 0)
    for i, n in enumerate(sorted(members)):
        entries[n] = (2, 5, i)
    entries[6] = (1, xoff, 0)
    data, idx = xref_stream_data(entries)
    out += (b'6 0 obj\n<</Type/XRef/Size 13/W[ 1 4 2] /Root 1 0 R/Info 12 0 R/Index%s/Filter/FlateDecode/Length %d>>\nstream\n'
            % (idx, len(data)) + data + b'\nendstream\nendobj\n')
    offs[6] = xoff
    table_off = len(out)
    if word_layout:
        # Word lists the compressed objects as free entries
        out += b'xref\n0 13\n0000000000 65535 f\r\n'
        for n in range(1, 13):
            if n in members:
                out += b'0000000000 65535 f\r\n'
            else:
                out += b'%010d 00000 n\r\n' % offs[n]
    else:
        # ISO 32000 example style: compressed objects absent from the table
        out += b'xref\n0 7\n0000000000 65535 f\r\n'
        out += b''.join(b'%010d 00000 n\r\n' % offs[n] for n in range(1, 7))
        out += b'10 3\n' + b''.join(b'%010d 00000 n\r\n' % offs[n] for n in range(10, 13))
    fid = hashlib.md5(bytes(out)).hexdigest().upper().encode()
    if not word_layout:
        out += (b'trailer\n<</Size 13/Root 1 0 R/Info 12 0 R/ID[<%s><%s>] /XRefStm %d>>\nstartxref\n%d\n%%%%EOF\n'
                % (fid, fid, xoff, table_off))
        return bytes(out), offs
    out += (b'trailer\n<</Size 13/Root 1 0 R/Info 12 0 R/ID[<%s><%s>] >>\nstartxref\n%d\n%%%%EOF\n'
            % (fid, fid, table_off))
    empty_off = len(out)
    out += (b'xref\n0 0\ntrailer\n<</Size 13/Root 1 0 R/Info 12 0 R/ID[<%s><%s>] /Prev %d/XRefStm %d>>\nstartxref\n%d\n%%%%EOF'
            % (fid, fid, table_off, xoff, empty_off))
    return bytes(out), offs


def gen_hybrid(c: Corpus):
    base, _ = hybrid_file()
    c.add('hybrid-xref-word.pdf', 'hybrid-xref', 'stamp',
          'Word layout, one save: full classic xref (objects 7-9 listed free, gen 65535) + trailer, then empty "xref 0 0" section (the startxref target) whose trailer has /Prev and /XRefStm -> xref stream obj 6 with type-2 entries into /ObjStm 5 (font, /Resources, struct elem)',
          base)
    spec, _ = hybrid_file(word_layout=False)
    c.add('hybrid-xref-spec-style.pdf', 'hybrid-xref', 'stamp',
          'single revision, classic table with subsections 0-6 and 10-12 (compressed objects 7-9 absent) whose own trailer has /XRefStm (ISO 32000 7.5.8.4 layout). NB: if 7-9 were listed as free entries in this same table, poppler would prefer the free entries and fail (xref num 8 not found; blank render) - hence Word puts /XRefStm in a separate empty section',
          spec)
    # later incremental update with a classic table (no /XRefStm in it)
    content2 = text_content(['Hybrid-reference file, incrementally updated.',
                             'The update uses a plain classic xref table; the font it',
                             'needs (7) is still only reachable via the first /XRefStm.'])
    upd = append_update(base, {
        4: stream(b'/Filter/FlateDecode', zlib.compress(content2)),
        12: b'<</Title(Hybrid reference test, updated) /Producer(Microsoft\xae Word 2016) /ModDate(D:20240203040506+01\'00\')>>',
    }, extra_trailer=b' /Info 12 0 R')
    c.add('hybrid-xref-updated.pdf', 'hybrid-xref', 'stamp',
          'hybrid base + incremental update with classic xref table and /Prev (update trailer has no /XRefStm); new content stream still uses font 7 from the ObjStm',
          upd)
    # update that itself has a hybrid section (/XRefStm in the update trailer too)
    out = bytearray(base)
    o_page = len(out)
    out += b'13 0 obj\n' + stream(b'/Filter/FlateDecode', zlib.compress(text_content(
        ['Hybrid update: this text is in a new content stream (13)',
         'and page 3 now lives in a second object stream (14).'], y=600))) + b'\nendobj\n'
    o_os = len(out)
    out += b'14 0 obj\n' + object_stream({3: b'<</Type/Page/Parent 2 0 R/Resources 8 0 R/MediaBox[ 0 0 595.32 841.92] /Contents[4 0 R 13 0 R]>>'}) + b'\nendobj\n'
    o_xs = len(out)
    data, idx = xref_stream_data({3: (2, 14, 0), 13: (1, o_page, 0), 14: (1, o_os, 0), 15: (1, o_xs, 0)})
    out += (b'15 0 obj\n<</Type/XRef/Size 16/W[ 1 4 2] /Root 1 0 R/Index%s/Prev %d/Filter/FlateDecode/Length %d>>\nstream\n'
            % (idx, last_startxref(base), len(data)) + data + b'\nendstream\nendobj\n')
    t_off = len(out)
    out += b'xref\n13 3\n%010d 00000 n\r\n%010d 00000 n\r\n%010d 00000 n\r\n' % (o_page, o_os, o_xs)
    out += (b'trailer\n<</Size 16/Root 1 0 R/Info 12 0 R/Prev %d/XRefStm %d>>\nstartxref\n%d\n%%%%EOF\n'
            % (last_startxref(base), o_xs, t_off))
    c.add('hybrid-xref-update-hybrid.pdf', 'hybrid-xref', 'stamp',
          'Word hybrid base + hybrid incremental update: the update classic table omits page 3; its /XRefStm (obj 15, in the same trailer) puts a new page 3 (/Contents [4 13]) into ObjStm 14. Readers ignoring /XRefStm see the OLD page 3 (one text block), correct readers see two text blocks',
          bytes(out))
    # signed hybrid file (pyHanko non-strict)
    signed = pyhanko_sign(base, strict=False)
    c.add('hybrid-xref-signed.pdf', 'hybrid-xref', 'stamp',
          'hybrid single-revision file signed by pyHanko (IncrementalPdfFileWriter strict=False, self-signed cert: valid integrity, untrusted signer)',
          signed)


# 3 ------------------------------------------------------------------------

XMP_TMPL = (b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            b'<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\n'
            b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>\n'
            b'<pdf:Producer>%s</pdf:Producer>\n'
            b'</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>')


def with_metadata(xmp: bytes, lines, title) -> bytes:
    objs = simple_objs(lines, title)
    objs[1] = b'<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>'
    objs[7] = stream(b'/Type /Metadata /Subtype /XML', xmp)
    return build_pdf(objs, info=6)


def gen_xmp(c: Corpus):
    x1 = XMP_TMPL % (b'Caf\xe9 r\xe9sum\xe9 \xe0 signer', b'Fake Producer \xa9 2024')
    c.add('xmp-latin1.pdf', 'xmp-latin1', 'stamp',
          'XMP packet (BOM says UTF-8, no encoding decl) whose dc:title/pdf:Producer contain raw Latin-1 bytes E9 E0 A9 = invalid UTF-8. pyHanko sign_pdf updates the XMP and crashes (UnicodeDecodeError in metadata/xmp_xml.parse_xmp): station must cope (e.g. not update XMP)',
          with_metadata(x1, ['XMP metadata with Latin-1 bytes (not UTF-8).'], 'Cafe resume'))
    x2 = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
          + XMP_TMPL % ('合同扫描件 签章'.encode('gbk'), b'WPS \xd7\xd6'))
    c.add('xmp-gbk.pdf', 'xmp-latin1', 'stamp',
          'XMP with an XML declaration claiming encoding="UTF-8" but GBK-encoded Chinese title bytes (invalid UTF-8)',
          with_metadata(x2, ['XMP metadata with GBK bytes under a UTF-8 declaration.'], 'GBK title'))
    x3 = b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR garbage, not XML at all \x00\xff\xfe' + bytes(range(256))
    c.add('xmp-garbage.pdf', 'xmp-garbage', 'stamp',
          '/Metadata stream of /Subtype /XML whose contents are binary junk (PNG-like header + all 256 byte values), not XML',
          with_metadata(x3, ['The /Metadata stream is not XML at all.'], 'Garbage XMP'))
    x4 = XMP_TMPL.replace(b'</x:xmpmeta>', b'')[:180]
    c.add('xmp-garbage-truncated.pdf', 'xmp-garbage', 'stamp',
          '/Metadata stream with a truncated, unterminated XMP packet (malformed XML)',
          with_metadata(x4 % (b'x', b'y') if b'%s' in x4 else x4, ['The XMP packet is cut off.'], 'Truncated XMP'))


# 4 ------------------------------------------------------------------------

def brotli_compress(data: bytes) -> tuple[bytes, str]:
    try:
        import brotli  # type: ignore
        return brotli.compress(data), 'real brotli data (brotli module)'
    except ImportError:
        pass
    helper = os.environ.get('BROTLI_PYTHON')
    if helper:
        p = subprocess.run([helper, '-c', 'import sys,brotli;sys.stdout.buffer.write(brotli.compress(sys.stdin.buffer.read()))'],
                           input=data, capture_output=True)
        if p.returncode == 0:
            return p.stdout, 'real brotli data (via $BROTLI_PYTHON)'
    return os.urandom(64) + data[::-1], 'ARBITRARY bytes (brotli module unavailable)'


def gen_brotli(c: Corpus):
    visible = text_content(['This page has a second content stream that uses a filter',
                            'the station cannot decode; only this text renders.'])
    hidden = b'BT /F1 24 Tf 72 500 Td (Text hidden in the undecodable stream) Tj ET\n'
    bro, how = brotli_compress(hidden)
    objs = simple_objs([], 'Brotli content')
    objs[3] = objs[3].replace(b'/Contents 4 0 R', b'/Contents [4 0 R 7 0 R]')
    objs[4] = stream(b'', visible)
    objs[7] = stream(b'/Filter /BrotliDecode', bro)
    c.add('brotli-content.pdf', 'brotli', 'refuse',
          'page /Contents [plain, /Filter /BrotliDecode] (PDF 2.0 extension, ISO/TS 32004 draft); %s' % how,
          build_pdf(objs, info=6))
    objs = simple_objs([], 'Unknown filter')
    objs[3] = objs[3].replace(b'/Contents 4 0 R', b'/Contents [4 0 R 7 0 R]')
    objs[4] = stream(b'', visible)
    objs[7] = stream(b'/Filter /FooDecode', zlib.compress(hidden))
    c.add('brotli-unknown-filter.pdf', 'brotli', 'refuse',
          'second page content stream has /Filter /FooDecode (unknown filter; data is actually zlib)',
          build_pdf(objs, info=6))
    # image XObject with [/FlateDecode /BrotliDecode]
    w = h = 32
    raw = bytes((x * 8) % 256 for y in range(h) for x in range(w))
    b2, how2 = brotli_compress(raw)
    img = zlib.compress(b2)  # decode order: Flate first, then Brotli
    objs = simple_objs(['An 32x32 grey image XObject below uses /Filter [/FlateDecode /BrotliDecode].'], 'Brotli image')
    objs[3] = objs[3].replace(b'/Resources << /Font << /F1 5 0 R >> >>',
                              b'/Resources << /Font << /F1 5 0 R >> /XObject << /Im1 7 0 R >> >>')
    objs[4] = stream(b'', text_content(['An image XObject below uses /Filter [/FlateDecode /BrotliDecode].'])
                     + b'q 200 0 0 200 72 400 cm /Im1 Do Q\n')
    objs[7] = stream(b'/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter [/FlateDecode /BrotliDecode]' % (w, h), img)
    c.add('brotli-image-filter-array.pdf', 'brotli', 'refuse',
          'image XObject /Filter [/FlateDecode /BrotliDecode]; %s' % how2,
          build_pdf(objs, info=6))


# 5 ------------------------------------------------------------------------

def gen_pagetree(c: Corpus):
    def doc(mut, lines):
        objs = simple_objs(lines, 'Page tree damage')
        mut(objs)
        return build_pdf(objs, info=6)

    def no_type(o):
        o[3] = o[3].replace(b'/Type /Page ', b'')
    c.add('pagetree-no-type.pdf', 'pagetree-no-type', 'refuse',
          'the only page dict has no /Type /Page (many readers infer it from the absence of /Kids)',
          doc(no_type, ['Page dictionary without /Type.']))

    def no_count(o):
        o[2] = b'<< /Type /Pages /Kids [3 0 R] >>'
    c.add('pagetree-no-count.pdf', 'pagetree-no-count', 'refuse',
          'root /Pages node has no /Count',
          doc(no_count, ['Root /Pages node without /Count.']))

    def cycle(o):
        o[2] = b'<< /Type /Pages /Kids [7 0 R 3 0 R] /Count 2 >>'
        o[7] = b'<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>'
    c.add('pagetree-cycle.pdf', 'pagetree-cycle', 'refuse',
          'root /Pages 2 has /Kids [/Pages 7, page 3]; node 7 (first kid) has /Kids [2 0 R] -> cycle back to its ancestor before any page is reached',
          doc(cycle, ['Page tree with a cycle.']))

    def huge(o):
        o[2] = b'<< /Type /Pages /Kids [3 0 R] /Count 9999999999 >>'
    c.add('pagetree-count-huge.pdf', 'pagetree-count-huge', 'refuse',
          '/Count 9999999999 (> 2^32) with one page',
          doc(huge, ['/Count 9999999999 but only one page.']))

    objs = {1: b'<< /Type /Catalog /Pages 2 0 R >>', 2: b'<< /Type /Pages /Kids [] /Count 0 >>',
            6: b'<< /Title (Empty document) >>'}
    c.add('pagetree-empty.pdf', 'pagetree-empty', 'refuse',
          'no pages at all: /Count 0 /Kids [] (nothing to render or place a seal on)',
          build_pdf(objs, info=6))

    def nondict(o):
        o[2] = b'<< /Type /Pages /Kids [3 0 R 7 0 R 8 0 R] /Count 3 >>'
        o[7] = b'42'
        o[8] = b'(I am a string, not a page)'
    c.add('pagetree-kid-nondict.pdf', 'pagetree-kid-nondict', 'refuse',
          '/Kids [page, 7 0 R -> integer 42, 8 0 R -> string]; /Count 3',
          doc(nondict, ['Page tree /Kids entries point at non-dictionaries.']))

    def deep(levels):
        def mut(o):
            # nodes 100 .. 100+levels-1, each with a single kid
            first = 100
            o[2] = b'<< /Type /Pages /Kids [%d 0 R] /Count 1 >>' % first
            for i in range(levels):
                n = first + i
                parent = 2 if i == 0 else n - 1
                kid = 3 if i == levels - 1 else n + 1
                o[n] = b'<< /Type /Pages /Parent %d 0 R /Kids [%d 0 R] /Count 1 >>' % (parent, kid)
            o[3] = o[3].replace(b'/Parent 2 0 R', b'/Parent %d 0 R' % (first + levels - 1))
        return mut
    c.add('pagetree-deep-200.pdf', 'pagetree-deep', 'stamp',
          'consistent page tree, 200 nested /Pages levels above one page. Legal PDF, all reference tools read it -> stamp (a station may impose a depth limit, but not below 200)',
          doc(deep(200), ['One page under 200 levels of /Pages nodes.']))
    objs = simple_objs(['One page under 5000 levels of /Pages nodes.'], 'Page tree damage')
    deep(5000)(objs)
    c.add('pagetree-deep-5000.pdf', 'pagetree-deep', 'refuse',
          'consistent page tree, 5000 nested /Pages levels (nodes in an object stream to stay small). Beyond Python\'s default recursion limit (1000): a station should refuse cleanly (depth limit) rather than crash',
          build_pdf_objstm(objs, [n for n in objs if n >= 100], info=6))

    def mismatch(o):
        o[2] = b'<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 3 >>'
    c.add('pagetree-count-mismatch.pdf', 'pagetree-count-mismatch', 'refuse',
          'root /Count 3 but /Kids has 2 pages',
          build_pdf((lambda o: (mismatch(o), o)[1])(simple_objs(['/Count says 3, there are 2 pages.'], 'Count mismatch', extra_pages=1)), info=6))


# 6 ------------------------------------------------------------------------

def gen_tiny(c: Corpus):
    objs = simple_objs([], 'Tiny page')
    objs[3] = objs[3].replace(b'/MediaBox ' + A4, b'/MediaBox [0 0 4 4]')
    objs[4] = stream(b'', b'BT /F1 3 Tf 0.2 0.8 Td (tiny) Tj ET 0 0 1 rg 0.5 0.5 3 3 re f\n')
    c.add('tiny-page.pdf', 'tiny-page', 'place-refuse',
          'single page with /MediaBox [0 0 4 4] (1.4 x 1.4 mm): valid PDF, but no room for a visible seal',
          build_pdf(objs, info=6))


# 7 ------------------------------------------------------------------------

def gen_lta(c: Corpus):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    base = simple_pdf(['PAdES-LTA-like document: signature with a signature',
                       'timestamp, followed by a document timestamp (/DocTimeStamp).'],
                      'LTA doc timestamp')
    signed = pyhanko_sign(base, timestamper=dummy_tsa(),
                          subfilter=__import__('pyhanko.sign.fields', fromlist=['x']).SigSeedSubFilter.PADES)
    w = IncrementalPdfFileWriter(io.BytesIO(signed))
    out = signers.PdfTimeStamper(dummy_tsa(), field_name='DocTS1').timestamp_pdf(w, 'sha256')
    c.add('lta-doctimestamp.pdf', 'lta-doctimestamp', 'stamp',
          'pyHanko ETSI.CAdES.detached signature with signature timestamp, then a /DocTimeStamp (ETSI.RFC3161) in a second revision; self-signed signer and TSA (no DSS)',
          out.getvalue())


# 8 ------------------------------------------------------------------------

def gen_cms_encapsulated(c: Corpus):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs7
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    acert, akey, cert, key = make_cert('Foreign Signer (test)')

    def placeholder(base: bytes) -> bytes:
        w = IncrementalPdfFileWriter(io.BytesIO(base))
        ext = signers.ExternalSigner(signing_cert=acert, signature_value=bytes(256),
                                     cert_registry=SimpleCertificateStore.from_certs([acert]))
        ps = signers.PdfSigner(signers.PdfSignatureMetadata(field_name='Signature1', md_algorithm='sha256'),
                               signer=ext)
        _, _, output = asyncio.run(ps.async_digest_doc_for_signing(w, bytes_reserved=16384))
        return output.getvalue()

    def fill(data: bytes, cms_der: bytes) -> bytes:
        m = re.search(rb'/Contents\s*<(0+)>', data)
        hexsig = cms_der.hex().encode()
        assert len(hexsig) <= len(m.group(1))
        return data[:m.start(1)] + hexsig.ljust(len(m.group(1)), b'0') + data[m.end(1):]

    def byte_range_data(data: bytes) -> bytes:
        br = [int(x) for x in re.search(rb'/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]', data).groups()]
        return data[br[0]:br[0] + br[1]] + data[br[2]:br[2] + br[3]]

    # (a) adbe.pkcs7.sha1: eContent = SHA-1 of the byte range
    base = simple_pdf(['Signature with /SubFilter /adbe.pkcs7.sha1:',
                       'the CMS encapsulates the SHA-1 digest of the byte range.'], 'CMS sha1')
    ph = placeholder(base)
    ph = re.sub(rb'/SubFilter\s*/adbe\.pkcs7\.detached',
                lambda m: b'/SubFilter /adbe.pkcs7.sha1'.ljust(len(m.group(0)), b' '), ph)
    assert b'/adbe.pkcs7.sha1' in ph
    digest = hashlib.sha1(byte_range_data(ph)).digest()
    der = encapsulated_cms(digest, acert, key, 'sha1')
    c.add('cms-encapsulated-sha1.pdf', 'cms-encapsulated', 'stamp',
          '/SubFilter /adbe.pkcs7.sha1 (deprecated in PDF 2.0); CMS SignedData (built with asn1crypto, SHA-1/RSA, signed attrs) with eContent = SHA-1(byte range). Cryptographically valid old-style signature (pdfsig: valid); SubFilter patched in before hashing. pyHanko 0.38 does not recognise this SubFilter: reader.embedded_signatures silently skips the field (logs an error)',
          fill(ph, der))

    # (b) adbe.pkcs7.detached but the CMS embeds the signed bytes as eContent
    base = simple_pdf(['Signature with /SubFilter /adbe.pkcs7.detached whose CMS',
                       'wrongly encapsulates the signed bytes (eContent present).'], 'CMS embedded')
    ph = placeholder(base)
    der = (pkcs7.PKCS7SignatureBuilder().set_data(byte_range_data(ph))
           .add_signer(cert, key, hashes.SHA256())
           .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary]))
    c.add('cms-encapsulated-detached.pdf', 'cms-encapsulated', 'stamp',
          '/SubFilter /adbe.pkcs7.detached but the CMS SignedData is NOT detached: eContent = the byte-range bytes (%d B); must be reported as failing/invalid, seal still added' % len(byte_range_data(ph)),
          fill(ph, der))


def encapsulated_cms(content: bytes, acert, key, md: str) -> bytes:
    """CMS SignedData with encapsulated ``content`` (eContent present),
    one RSA/PKCS#1 v1.5 signer with content-type + message-digest attrs."""
    from asn1crypto import algos, cms
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    h = {'sha1': hashes.SHA1(), 'sha256': hashes.SHA256()}[md]
    attrs = cms.CMSAttributes([
        cms.CMSAttribute({'type': 'content_type', 'values': ['data']}),
        cms.CMSAttribute({'type': 'signing_time', 'values': [cms.Time({'utc_time': dt.datetime.now(dt.timezone.utc).replace(microsecond=0)})]}),
        cms.CMSAttribute({'type': 'message_digest', 'values': [getattr(hashlib, md)(content).digest()]}),
    ])
    sig = key.sign(attrs.dump(), padding.PKCS1v15(), h)
    si = cms.SignerInfo({
        'version': 'v1',
        'sid': cms.SignerIdentifier({'issuer_and_serial_number': cms.IssuerAndSerialNumber(
            {'issuer': acert.issuer, 'serial_number': acert.serial_number})}),
        'digest_algorithm': algos.DigestAlgorithm({'algorithm': md}),
        'signed_attrs': attrs,
        'signature_algorithm': algos.SignedDigestAlgorithm({'algorithm': 'rsassa_pkcs1v15'}),
        'signature': sig,
    })
    sd = cms.SignedData({
        'version': 'v1',
        'digest_algorithms': [algos.DigestAlgorithm({'algorithm': md})],
        'encap_content_info': {'content_type': 'data', 'content': content},
        'certificates': [acert],
        'signer_infos': [si],
    })
    return cms.ContentInfo({'content_type': 'signed_data', 'content': sd}).dump()


# 9 ------------------------------------------------------------------------

def gen_broken_sig(c: Corpus):
    base = simple_pdf(['Original signed text: the amount is 100 EUR.',
                       'One byte of this text was changed after signing.'], 'Broken earlier signature')
    signed = pyhanko_sign(base)
    i = signed.index(b'100 EUR')
    broken = signed[:i] + b'900 EUR' + signed[i + 7:]
    c.add('broken-earlier-sig.pdf', 'broken-earlier-sig', 'stamp',
          'valid pyHanko signature, then one byte inside the signed range (page text "100 EUR" -> "900 EUR", offset %d) altered; earlier signature is broken -> stamp with a warning' % i,
          broken)


# 10 -----------------------------------------------------------------------

def gen_needappearances(c: Corpus):
    objs = simple_objs(['AcroForm with /NeedAppearances true: the fields below have',
                        'values (/V) but no /AP appearance streams (LibreOffice style).'],
                       'NeedAppearances')
    objs[1] = b'<< /Type /Catalog /Pages 2 0 R /AcroForm 20 0 R >>'
    objs[3] = objs[3].replace(b'/Contents 4 0 R', b'/Contents 4 0 R /Annots [10 0 R 11 0 R 12 0 R 14 0 R]')
    objs[10] = b'<< /Type /Annot /Subtype /Widget /FT /Tx /T (Name) /V (Jane Example) /DA (/Helv 12 Tf 0 g) /Rect [150 650 400 672] /P 3 0 R /F 4 /MK << /BC [0 0 0] >> >>'
    objs[11] = b'<< /Type /Annot /Subtype /Widget /FT /Tx /T (City) /V (M\xfcnchen) /DA (/Helv 12 Tf 0 g) /Rect [150 610 400 632] /P 3 0 R /F 4 >>'
    objs[12] = b'<< /Type /Annot /Subtype /Widget /FT /Btn /T (Agree) /V /Yes /AS /Yes /DA (/ZaDb 12 Tf 0 g) /MK << /CA (4) /BC [0 0 0] >> /Rect [150 570 166 586] /P 3 0 R /F 4 >>'
    # a text field with a parent/kid hierarchy; value on the parent
    objs[13] = b'<< /FT /Tx /T (Address) /V (1 Example Street) /DA (/Helv 10 Tf 0 g) /Kids [14 0 R] >>'
    objs[14] = b'<< /Type /Annot /Subtype /Widget /Parent 13 0 R /Rect [150 530 450 552] /P 3 0 R /F 4 >>'
    objs[15] = b'<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>'
    objs[20] = (b'<< /Fields [10 0 R 11 0 R 12 0 R 13 0 R] /NeedAppearances true /DA (/Helv 0 Tf 0 g) '
                b'/DR << /Font << /Helv 5 0 R /ZaDb 15 0 R >> >> >>')
    c.add('needappearances.pdf', 'needappearances', 'stamp',
          '/NeedAppearances true; 3 filled text fields (one via parent /Kids, one Latin-1 value) and a checked checkbox (/V /Yes /AS /Yes), NO /AP on any widget',
          build_pdf(objs, info=6))


# 11 -----------------------------------------------------------------------

def gen_header_gen(c: Corpus):
    junk = (b'MIME-Version: 1.0\r\nContent-Type: application/pdf\r\nX-Mailer: scanner 3000\r\n'
            b'Content-Disposition: attachment; filename="scan.pdf"\r\n\r\n')
    junk = junk + b'#' * (200 - len(junk) - 2) + b'\r\n'
    assert len(junk) == 200
    objs = simple_objs(['PDF 2.0 file whose %PDF-2.0 header is at byte 200,', 'after mail-header junk.'],
                       'Header offset')
    c.add('header-offset.pdf', 'header-offset', 'refuse',
          '200 bytes of junk before %PDF-2.0; xref offsets relative to the header (Acrobat convention). qpdf and poppler read it, '
          'but pyHanko (strict and tolerant) cannot open a file that does not start with its header: refused at approval, '
          'with the reason',
          build_pdf(objs, header=b'%PDF-2.0', prefix=junk, info=6))
    c.add('header-offset-absolute.pdf', 'header-offset', 'refuse',
          '200 bytes of junk before %PDF-2.0; xref offsets absolute (from file start). qpdf and poppler both need xref reconstruction -> treat as damaged: refuse',
          build_pdf(objs, header=b'%PDF-2.0', prefix=junk, info=6, offsets_relative_to_header=False))

    objs = simple_objs(['The font object 5 has generation number 65536.'], 'Gen 65536')
    objs[3] = objs[3].replace(b'/F1 5 0 R', b'/F1 5 65536 R')
    c.add('gen65536.pdf', 'gen65536', 'stamp',
          'font object "5 65536 obj" referenced as "5 65536 R"; xref entry gen field has 6 digits (21-byte line). Gen > 65535 is outside the spec, but qpdf (--show-xref: 5/65536) and poppler (pdffonts: object 5 65536) resolve it -> stamp',
          build_pdf(objs, gens={5: 65536}, info=6))
    objs = simple_objs(['The font object 5 has generation number 65535.'], 'Gen 65535')
    objs[3] = objs[3].replace(b'/F1 5 0 R', b'/F1 5 65535 R')
    c.add('gen65535.pdf', 'gen65536', 'stamp',
          'control: object "5 65535 obj" (max legal generation) with a normal 20-byte xref line',
          build_pdf(objs, gens={5: 65535}, info=6))

    # xref stream object number reused by the update's xref stream
    out = bytearray(b'%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')
    objs = simple_objs(['Revision 1 (xref stream is object 7).'], 'XRefStm reused')
    offs = {}
    for n in sorted(objs):
        offs[n] = len(out)
        out += b'%d 0 obj\n' % n + objs[n] + b'\nendobj\n'
    x1 = len(out)
    ent = {0: (0, 0, 0xFFFF), **{n: (1, o, 0) for n, o in offs.items()}, 7: (1, x1, 0)}
    d, idx = xref_stream_data(ent)
    out += (b'7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Index %s /Root 1 0 R /Info 6 0 R /Filter /FlateDecode /Length %d >>\nstream\n'
            % (idx, len(d)) + d + b'\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n' % x1)
    o4 = len(out)
    out += b'4 0 obj\n' + stream(b'', text_content(['Revision 2: this content replaced revision 1.',
                                                    'Both revisions\' xref streams are object 7 0.'])) + b'\nendobj\n'
    x2 = len(out)
    d, idx = xref_stream_data({4: (1, o4, 0), 7: (1, x2, 0)})
    out += (b'7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Index %s /Prev %d /Root 1 0 R /Info 6 0 R /Filter /FlateDecode /Length %d >>\nstream\n'
            % (idx, x1, len(d)) + d + b'\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n' % x2)
    c.add('xrefstm-reused.pdf', 'xrefstm-reused', 'stamp',
          'two revisions, each with a cross-reference stream numbered 7 0 (update reuses the previous xref stream\'s object number; legal since xref streams are not referenced)',
          bytes(out))


# 12 -----------------------------------------------------------------------

def gen_encrypted(c: Corpus):
    if not shutil.which('qpdf'):
        print('qpdf not installed: skipping owner-only-*/user-password', file=sys.stderr)
        return
    base = simple_pdf(['Encrypted test document.', 'Open without a password (owner password only).'],
                      'Encrypted')
    with tempfile.TemporaryDirectory() as td:
        src = Path(td) / 'in.pdf'
        src.write_bytes(base)
        variants = [
            ('owner-only-aes256-all.pdf', 'owner-only-all', 'stamp',
             ['256', '--'], 'AES-256 (R6), empty user pw, owner pw only, all permissions'),
            ('owner-only-rc4-128-modify-all.pdf', 'owner-only-all', 'stamp',
             ['128', '--modify=all', '--use-aes=n', '--'], 'RC4-128 (R3), empty user pw, --modify=all'),
            ('owner-only-rc4-40.pdf', 'owner-only-all', 'stamp',
             ['40', '--'], 'RC4-40 (R2), empty user pw, all permissions'),
            ('owner-only-aes128-form-only.pdf', 'owner-only-form', 'refuse',
             ['128', '--use-aes=y', '--modify=form', '--annotate=n', '--form=y', '--'],
             'AES-128 (R4), empty user pw, only filling EXISTING form fields allowed (/P bit 9 set, bits 4 and 6 clear). Creating a new signature field + widget needs bit 6 (and 4), and there is no empty signature field to fill -> refuse'),
            ('owner-only-aes128-annotate.pdf', 'owner-only-annotate', 'stamp',
             ['128', '--use-aes=y', '--modify=annotate', '--'],
             'AES-128, empty user pw, --modify=annotate (bit 6 annotate/fill forms set, bit 4 clear)'),
            ('owner-only-aes256-no-changes.pdf', 'owner-only-none', 'refuse',
             ['256', '--modify=none', '--annotate=n', '--form=n', '--'],
             'AES-256, empty user pw, --modify=none --annotate=n --form=n: changes forbidden'),
            ('owner-only-rc4-40-no-modify.pdf', 'owner-only-none', 'refuse',
             ['40', '--modify=n', '--annotate=n', '--'], 'RC4-40, empty user pw, modify and annotate forbidden'),
            ('user-password.pdf', 'user-password', 'refuse',
             ['256', '--'], 'AES-256, user password "userpw" required to open'),
        ]
        for name, klass, expect, args, notes in variants:
            dst = Path(td) / name
            user = 'userpw' if klass == 'user-password' else ''
            cmd = ['qpdf', '--allow-weak-crypto', '--encrypt', user, 'ownerpw'] + args + [str(src), str(dst)]
            p = subprocess.run(cmd, capture_output=True)
            if p.returncode not in (0, 3):
                print('qpdf failed for', name, p.stderr.decode(), file=sys.stderr)
                continue
            pv = subprocess.run(['qpdf', '--show-encryption', '--password=ownerpw', str(dst)],
                                capture_output=True).stdout.decode()
            pval = re.search(r'P = (-?\d+)', pv)
            if pval:
                notes += '; /P=%s' % pval.group(1)
            c.add(name, klass, expect, notes + '; owner pw "ownerpw"', dst.read_bytes())


# 13 -----------------------------------------------------------------------

def gen_certified(c: Corpus):
    from pyhanko.sign.fields import MDPPerm
    for perm, expect, name in [(MDPPerm.NO_CHANGES, 'refuse', 'certified-no-changes.pdf'),
                               (MDPPerm.FILL_FORMS, 'stamp', 'certified-fill-forms.pdf'),
                               (MDPPerm.ANNOTATE, 'stamp', 'certified-annotate.pdf')]:
        base = simple_pdf(['Certified (DocMDP) document, P=%d.' % perm.value], 'Certified %s' % perm.name)
        data = pyhanko_sign(base, certify=True, perms=perm, field='Certification')
        c.add(name, 'certified-' + perm.name.lower().replace('_', '-'), expect,
              'pyHanko certification signature (/Perms /DocMDP, /TransformParams /P %d); %s' % (
                  perm.value, 'no changes allowed' if perm.value == 1 else 'adding a signature is an allowed change'),
              data)


# 14 -----------------------------------------------------------------------

def gen_damaged(c: Corpus):
    c.add('damaged-empty.pdf', 'damaged-empty', 'refuse', '0-byte file', b'')
    full = simple_pdf(['This file was truncated in the middle.'] + ['Filler line %d' % i for i in range(30)],
                      'Truncated', extra_pages=1)
    c.add('damaged-truncated.pdf', 'damaged-truncated', 'refuse',
          'valid 2-page file cut at half its length (%d of %d bytes): no xref, no trailer, page 2 missing' % (len(full) // 2, len(full)),
          full[:len(full) // 2])
    good = simple_pdf(['All xref offsets in this file are wrong (+7);', 'the objects themselves are intact.'],
                      'Wrong offsets')

    def shift(m):
        return b'%010d 00000 n' % (int(m.group(1)) + 7)
    bad = re.sub(rb'(\d{10}) 00000 n', shift, good)
    c.add('damaged-xref-offsets.pdf', 'damaged-xref-offsets', 'refuse',
          'every in-use xref offset off by +7, startxref correct, objects intact; qpdf/poppler reconstruct, but pyHanko (strict and non-strict) cannot read it (ObjectHeaderReadError) -> refuse',
          bad)
    c.add('damaged-garbage.pdf', 'damaged-garbage', 'refuse', '"%PDF-1.7" header followed by 4 KB of random bytes',
          b'%PDF-1.7\n' + os.urandom(4096))


GENERATORS = [gen_hybrid, gen_indirect_annots, gen_needappearances, gen_encrypted, gen_pagetree,
              gen_brotli, gen_xmp, gen_lta, gen_cms_encapsulated, gen_broken_sig, gen_certified,
              gen_header_gen, gen_damaged, gen_tiny]


def main(argv):
    outdir = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    outdir.mkdir(parents=True, exist_ok=True)
    c = Corpus(outdir)
    for g in GENERATORS:
        try:
            g(c)
        except Exception as e:  # keep going; report at the end
            import traceback
            traceback.print_exc()
            print('generator %s failed: %s' % (g.__name__, e), file=sys.stderr)
    c.write_manifest(with_tools=True)
    print('wrote %d files + MANIFEST.tsv to %s' % (len(c.rows), outdir))


if __name__ == '__main__':
    main(sys.argv)
