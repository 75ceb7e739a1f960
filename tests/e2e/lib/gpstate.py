"""Read guidepress's state file (.guidepress-state), as generator/state.h
describes it (version 2): the content directories and files with their
stamps, the files' hashes and stub records, and the pages with their
keys and the files each key covers."""
import struct


class State:
    def __init__(self, path):
        self.buf = open(path, "rb").read()
        self.at = 0
        if self.buf[:8] != b"GPSTATE1":
            raise ValueError("%s: not a guidepress state file" % path)
        self.at = 8
        self.version = self.u32()
        if self.version != 2:
            raise ValueError("%s: state version %d, not 2" % (path, self.version))
        self.source_id = self.str()
        self.content = self.str()
        self.started_ns = self.u64()
        self.clean = self.u32() == 1
        self.global_key = self.str()
        self.labels = self.str()
        self.dirs = []
        for _ in range(self.u32()):
            self.dirs.append({"rel": self.str(),
                              "stamp": [self.u64() for _ in range(5)]})
        self.files = []
        for _ in range(self.u32()):
            rel = self.str()
            stamp = [self.u64() for _ in range(5)]
            md5 = self.str()
            search = self.str()
            at = self.at + 4
            rec = self.bytes()
            self.files.append({"rel": rel, "stamp": stamp, "md5": md5,
                               "search": search,
                               "record": rec, "record_at": at})
        self.pages = {}
        for _ in range(self.u32()):
            path, key = self.str(), self.str()
            whole = self.u32() == 1
            strong = self.u32()
            deps = [self.u32() for _ in range(self.u32())]
            self.pages[path] = {"key": key, "whole": whole, "strong": strong,
                                "deps": [self.files[d]["rel"] for d in deps]}
        if self.at != len(self.buf):
            raise ValueError("%s: %d bytes after the pages"
                             % (path, len(self.buf) - self.at))

    def u32(self):
        (v,) = struct.unpack_from("<I", self.buf, self.at)
        self.at += 4
        return v

    def u64(self):
        (v,) = struct.unpack_from("<Q", self.buf, self.at)
        self.at += 8
        return v

    def bytes(self):
        n = self.u32()
        if n == 0xFFFFFFFF:
            return None
        b = self.buf[self.at:self.at + n]
        self.at += n + 1
        return b

    def str(self):
        b = self.bytes()
        return None if b is None else b.decode("utf-8")
