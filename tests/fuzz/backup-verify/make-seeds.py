#!/usr/bin/env python3
# Makes the hand-built seeds of the backup-verify target from an archive that
# `ejournal backup create` wrote of a journal just made by `ejournal init` (run by
# hand, not by make; the seeds are kept in git):
#     python3 tests/fuzz/backup-verify/make-seeds.py ARCHIVE.tar.gz
# Plain tar seeds (*.tar) are gzipped by the target, which also fixes their header
# checksums; *.tar.gz seeds are archives as they are. class.tar.gz, kept beside
# them, is `backup create` of a journal with one class, a lesson and two marks.
import gzip, hashlib, io, os, sys, tarfile

src = sys.argv[1]
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")
raw = open(src, "rb").read()
members = {}
with tarfile.open(src, "r:gz") as t:
    for m in t.getmembers():
        if m.isfile():
            members[m.name.split("/", 1)[1]] = t.extractfile(m).read()

def info(name, size=0, kind=tarfile.REGTYPE, link=""):
    i = tarfile.TarInfo(name)
    i.size, i.type, i.linkname, i.mode, i.mtime = size, kind, link, 0o640, 1692622800
    i.uname = i.gname = "root"
    return i

def plain(name, entries, end=True):
    """A ustar stream of (TarInfo, data) cut after one end-of-archive block (the
    reader stops there), so the seed stays small."""
    b = io.BytesIO()
    for i, data in entries:
        i.size = i.size or len(data)
        b.write(i.tobuf(format=tarfile.USTAR_FORMAT))
        b.write(data)
        if len(data) % 512:
            b.write(b"\0" * (512 - len(data) % 512))
    if end:
        b.write(b"\0" * 512)
    open(os.path.join(out, name), "wb").write(b.getvalue())

def manifest(files):
    return "".join("%s %d %s\n" % (hashlib.sha256(d).hexdigest(), len(d), n) for n, d in files).encode()

def journal(top, files, dirs=()):
    e = [(info(top + "/", kind=tarfile.DIRTYPE), b"")]
    e += [(info(top + "/" + n + "/", kind=tarfile.DIRTYPE), b"") for n in dirs]
    e += [(info(top + "/" + n), d) for n, d in files]
    return e + [(info(top + "/MANIFEST"), manifest(files))]

hist = members["history.log"]
yaml = b"format: 1\nschool: {name: x}\nyear: 2023-2024\n"
base = [("ejournal.yaml", yaml), ("history.log", hist)]

# The archive as backup create wrote it, and damaged copies of it.
open(os.path.join(out, "init.tar.gz"), "wb").write(raw)
open(os.path.join(out, "truncated.tar.gz"), "wb").write(raw[: len(raw) // 2])
open(os.path.join(out, "bad-crc.tar.gz"), "wb").write(raw[:-8] + bytes([raw[-8] ^ 1]) + raw[-7:])
open(os.path.join(out, "trailing.tar.gz"), "wb").write(raw + b"\x1f\x8bjunk")
# A small good journal: ejournal.yaml, history.log and the MANIFEST.
plain("small.tar", journal("j", base))
# A file changed after the MANIFEST was made, one not in it, a malformed line, a
# line twice, a file listed but missing, a history chain broken.
bad_hist = hist.replace(b"prev=0000", b"prev=1111")
m = manifest(base) + b"not a manifest line\n" + manifest([("gone.csv", b"x")]) + manifest(base[:1])
plain("manifest.tar", [(info("j/", kind=tarfile.DIRTYPE), b""), (info("j/ejournal.yaml"), yaml + b"#"),
                       (info("j/history.log"), bad_hist), (info("j/extra.csv"), b"a,b\n"),
                       (info("j/MANIFEST"), m)])
# Members no archive of ours holds: '..', an absolute path, links, a device, a FIFO,
# a directory with data, a file where a directory is, a name twice, another top
# directory, a name that is not UTF-8, GNU and pax headers.
plain("hostile.tar", [
    (info("j/", kind=tarfile.DIRTYPE), b""),
    (info("j/../escape"), b"x"),
    (info("/etc/passwd"), b"x"),
    (info("j/link", kind=tarfile.SYMTYPE, link="/etc/passwd"), b""),
    (info("j/hard", kind=tarfile.LNKTYPE, link="j/ejournal.yaml"), b""),
    (info("j/dev", kind=tarfile.CHRTYPE), b""),
    (info("j/fifo", kind=tarfile.FIFOTYPE), b""),
    (info("j/d/", kind=tarfile.DIRTYPE, size=1), b"x"),
    (info("j/f"), b"x"),
    (info("j/f/g"), b"y"),
    (info("j/f"), b"z"),
    (info("k/other"), b"x"),
    (info("j/./a//b"), b"x"),
    (info("j/\udcff\udcfe"), b"x"),
    (info("j/long", kind=tarfile.GNUTYPE_LONGNAME), b"j/" + b"n" * 200 + b"\0"),
    (info("j/pax", kind=tarfile.XHDTYPE), b"20 path=j/paxname\n"),
] + journal("j", base)[1:])
# Long names: a prefix and a name, at the limits of ustar.
plain("long-names.tar", journal("j", base + [("d" * 150 + "/" + "f" * 100, b"x")], dirs=["d" * 150]))
# A member that claims more data than follows, and no end-of-archive block.
plain("short-member.tar", [(info("j/", kind=tarfile.DIRTYPE), b""), (info("j/big", size=4096), b"x" * 100)],
      end=False)
