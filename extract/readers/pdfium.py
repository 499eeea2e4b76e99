"""PDF pages through pdfium (pypdfium2): characters and ruling segments as pdfplumber would see them.

The default reader. pdfium parses content streams in C++, about ten times faster than pdfminer; this
module turns what it reports into pdfplumber's coordinates and box conventions, so that the word
grouping and the table finder downstream give the same records as `--reader pdfplumber`:

- characters get pdfminer-style boxes: from the baseline plus the font's descent, one font size
  high, the advance width long, all through the character's matrix (form XObjects included);
  vertical (Identity-V) fonts get a font-size square from the glyph's vertical origin (pdfium's own
  "loose" box is about 200 pt wide for them). `FPDFText_GetFontSize` returns the raw Tf operand,
  which is what pdfminer scales by the matrix as well.
- pdfium's generated characters (spaces and line breaks it inserts) are dropped; a hyphen it turned
  into U+0002 / U+FFFE at a line end is a "-" again.
- paths become pdfminer's lines, rectangles and curves (the same shape rules), then pdfplumber's
  edges; form XObject matrices are applied.
- the page rotation and a MediaBox not at the origin are applied the way pdfminer and pdfplumber do.

Font descents follow pdfminer where it differs from pdfium: a descriptor that declares Ascent 0 and
Descent 0 (LibreOffice writes these) means descent 0 to pdfminer, while pdfium measures the glyphs;
and pdfminer takes the standard fonts' metrics from its AFM files. The first case is found by a
scan of the file's plain (uncompressed) font descriptors; elsewhere pdfium's descent is pdfminer's.

pdfium is not thread-safe: every pdfium call in the process goes through `_LOCK`. The Python work
on a page (words, tables) runs outside it, so threads overlap where they can. Calls go through
private ctypes prototypes with plain integer handles: pypdfium2's typed wrappers and pointer casts
cost several times the call itself, per character.
"""
from __future__ import annotations

import ctypes
import functools
import itertools
import mmap
import os
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from extract.model import BulletinError
from extract.readers.words import Chars

_LOCK = threading.Lock()   # pdfium keeps global state: one call at a time per process

LETTER = (0.0, 0.0, 612.0, 792.0)   # pdfminer's and pdfium's MediaBox when a page has none
_HYPHENS = {"\x02": "-", "\ufffe": "-"}
_MAYBE_GENERATED = re.compile("[\r\n \x00]")   # pdfium's inserted characters are among these
_OBJ_TEXT, _OBJ_PATH, _OBJ_IMAGE, _OBJ_FORM = 1, 2, 3, 5
_SEG_LINE, _SEG_BEZIER, _SEG_MOVE = 0, 1, 2
H, V, OTHER = 0, 1, 2      # edge orientations


class _Matrix(ctypes.Structure):
    _fields_ = [(name, ctypes.c_float) for name in "abcdef"]


class _Api:
    """The pdfium functions this reader calls, as prototypes taking and returning plain ints."""

    def __init__(self) -> None:
        from pypdfium2 import raw  # importing pypdfium2 initialises the library

        P, I, U, F, D, UL = (ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_float, ctypes.c_double,
                             ctypes.c_ulong)

        def fn(name: str, restype: type[ctypes._SimpleCData[Any]] | None,
               *argtypes: type[ctypes._SimpleCData[Any]]) -> Callable[..., Any]:
            address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
            if not address:
                raise RuntimeError(f"pdfium lacks {name}: pypdfium2 too old")
            return ctypes.CFUNCTYPE(restype, *argtypes)(address)

        self.load_document = fn("FPDF_LoadDocument", P, ctypes.c_char_p, ctypes.c_char_p)
        self.last_error = fn("FPDF_GetLastError", UL)
        self.close_document = fn("FPDF_CloseDocument", None, P)
        self.page_count = fn("FPDF_GetPageCount", I, P)
        self.load_page = fn("FPDF_LoadPage", P, P, I)
        self.close_page = fn("FPDF_ClosePage", None, P)
        self.rotation = fn("FPDFPage_GetRotation", I, P)
        self.mediabox = fn("FPDFPage_GetMediaBox", I, P, P, P, P, P)
        self.count_objects = fn("FPDFPage_CountObjects", I, P)
        self.get_object = fn("FPDFPage_GetObject", P, P, I)
        self.object_type = fn("FPDFPageObj_GetType", I, P)
        self.object_matrix = fn("FPDFPageObj_GetMatrix", I, P, P)
        self.form_count = fn("FPDFFormObj_CountObjects", I, P)
        self.form_object = fn("FPDFFormObj_GetObject", P, P, U)
        self.draw_mode = fn("FPDFPath_GetDrawMode", I, P, P, P)
        self.count_segments = fn("FPDFPath_CountSegments", I, P)
        self.segment = fn("FPDFPath_GetPathSegment", P, P, I)
        self.segment_point = fn("FPDFPathSegment_GetPoint", I, P, P, P)
        self.segment_type = fn("FPDFPathSegment_GetType", I, P)
        self.segment_close = fn("FPDFPathSegment_GetClose", I, P)
        self.load_text = fn("FPDFText_LoadPage", P, P)
        self.close_text = fn("FPDFText_ClosePage", None, P)
        self.count_chars = fn("FPDFText_CountChars", I, P)
        self.get_text = fn("FPDFText_GetText", I, P, I, I, P)
        self.unicode = fn("FPDFText_GetUnicode", U, P, I)
        self.is_generated = fn("FPDFText_IsGenerated", I, P, I)
        self.text_object = fn("FPDFText_GetTextObject", P, P, I)
        self.char_origin = fn("FPDFText_GetCharOrigin", I, P, I, P, P)
        self.char_matrix = fn("FPDFText_GetMatrix", I, P, I, P)
        self.font_size = fn("FPDFText_GetFontSize", D, P, I)
        self.loose_box = fn("FPDFText_GetLooseCharBox", I, P, I, P)
        self.text_font = fn("FPDFTextObj_GetFont", P, P)
        self.glyph_width = fn("FPDFFont_GetGlyphWidth", I, P, U, F, P)
        self.font_descent = fn("FPDFFont_GetDescent", I, P, F, P)
        self.font_name = fn("FPDFFont_GetBaseFontName", UL, P, P, UL)
        self.ERR_PASSWORD = raw.FPDF_ERR_PASSWORD


@functools.cache
def _api() -> _Api:
    return _Api()   # bound once per process: the prototypes are constants of the loaded library


# --- what a page yields ------------------------------------------------------------------------

@dataclass
class Edges:
    """Line segments in pdfplumber's page coordinates: one row per edge (x0, top, x1, bottom)."""

    box: np.ndarray              # float64 (n, 4)
    orientation: np.ndarray      # int8: H, V or OTHER (a slanted segment of a curve)

    @classmethod
    def empty(cls) -> Edges:
        return cls(np.zeros((0, 4)), np.zeros(0, np.int8))


@dataclass
class RawPage:
    number: int
    width: float
    height: float
    chars: Chars
    edges: Edges
    over_limit: bool             # more segments than the limit: reading them stopped
    n_images: int


# --- geometry helpers ---------------------------------------------------------------------------

# a PDF transformation matrix (a, b, c, d, e, f)
_Matrix6 = tuple[float, float, float, float, float, float]
# one operation of a path: m(ove), l(ine), c(urve end) or h (close), and its point
_PathOp = tuple[str, tuple[float, float]]


def _mult(m1: _Matrix6, m0: _Matrix6) -> _Matrix6:
    """m1 then m0, as pdfminer's mult_matrix(m1, m0)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


@dataclass(frozen=True)
class _Frame:
    """PDF user space -> pdfplumber page coordinates, as pdfminer's initial CTM and pdfplumber's flip."""

    ctm: _Matrix6                # pdfminer's page CTM (rotation, MediaBox origin)
    x_shift: float               # pdfplumber adds the MediaBox x0 back
    height: float
    top_shift: float
    width: float

    @classmethod
    def of(cls, mediabox: tuple[float, float, float, float], rotation: int) -> _Frame:
        x0, y0, x1, y1 = mediabox
        ctm = {90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1),
               270: (0, 1, -1, 0, y1, -x0)}.get(rotation, (1, 0, 0, 1, -x0, -y0))
        lx, hx = sorted((x0, x1))
        ly, hy = sorted((y0, y1))
        box = (ly, lx, hy, hx) if rotation in (90, 270) else (lx, ly, hx, hy)
        height = box[3] - box[1]
        return cls(ctm, box[0], height, -box[1], box[2] - box[0])

    def points(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """User-space points -> (x, y) after pdfminer's CTM, still y-up."""
        a, b, c, d, e, f = self.ctm
        return a * xs + c * ys + e, b * xs + d * ys + f


def _round(values: np.ndarray) -> np.ndarray:
    # pdfium computes in float32, pdfminer in float64 from the content stream's decimals. Rounding to
    # 1/10000 pt makes an exact tie (CJK set 1.5 pt apart: x_tolerance is 1.5) a tie again, as in pdfminer.
    return np.round(values, 4)


# --- fonts ---------------------------------------------------------------------------------------

_SUBSET = re.compile(rb"^[A-Z]{6}\+")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _font_key(name: bytes) -> bytes:
    return _SUBSET.sub(b"", _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name))


# pdfminer takes these fonts' metrics from its built-in AFM files (pdfminer.fontmetrics), whatever
# the PDF's descriptor says, when the BaseFont is exactly one of these names (no subset tag)
_AFM_DESCENT = {
    **dict.fromkeys(("Helvetica", "Helvetica-Bold", "Helvetica-BoldOblique", "Helvetica-Oblique", "Arial",
                     "Arial,Bold", "Arial,BoldItalic", "Arial,Italic"), -0.207),
    **dict.fromkeys(("Courier", "Courier-Bold", "Courier-BoldOblique", "Courier-Oblique", "CourierNew",
                     "CourierNew,Bold", "CourierNew,BoldItalic", "CourierNew,Italic"), -0.194),
    **dict.fromkeys(("Times-Roman", "Times-Bold", "Times-BoldItalic", "Times-Italic", "TimesNewRoman",
                     "TimesNewRoman,Bold", "TimesNewRoman,BoldItalic", "TimesNewRoman,Italic"), -0.217),
    "Symbol": 0.0, "ZapfDingbats": 0.0,
}


def _number(match: re.Match[bytes] | None) -> float:
    try:
        return float(match.group(1)) if match else 0.0
    except ValueError:
        return 0.0


@dataclass(frozen=True)
class FontDescriptors:
    """What a scan of the file's plain-text font descriptors says (subset tags dropped from names)."""

    zero_metric: frozenset[bytes]     # every descriptor of the name says Ascent 0 and Descent 0
    subset: frozenset[bytes]          # some descriptor of the name carries a subset tag (ABCDEF+)

    @classmethod
    def scan(cls, path: str) -> FontDescriptors:
        zero: set[bytes] = set()
        other: set[bytes] = set()
        subset: set[bytes] = set()
        try:
            with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
                for m in re.finditer(rb"/Type\s*/FontDescriptor", data):
                    start = max(data.rfind(b"obj", max(0, m.start() - 4096), m.start()), m.start() - 4096, 0)
                    end = data.find(b"endobj", m.end(), m.end() + 4096)
                    body = data[start:end if end > 0 else m.end() + 4096]
                    name = re.search(rb"/FontName\s*/([^\s/\[\]<>()%]+)", body)
                    if not name:
                        continue
                    key = _font_key(name.group(1))
                    if _SUBSET.match(name.group(1)):
                        subset.add(key)
                    flat = all(_number(re.search(rb"/" + field + rb"\s+(-?[\d.]+)", body)) == 0
                               for field in (b"Ascent", b"Descent"))
                    (zero if flat else other).add(key)
        except (OSError, ValueError):    # unreadable or empty: pdfium's own metrics then
            return cls(frozenset(), frozenset())
        return cls(frozenset(zero - other), frozenset(subset))

    def descent(self, name: bytes) -> float | None:
        """pdfminer's descent (per unit of font size) where it differs from pdfium's, else None."""
        afm = _AFM_DESCENT.get(name.decode("latin-1"))
        if afm is not None and name not in self.subset:
            return afm
        if name in self.zero_metric:
            return 0.0
        return None


@dataclass(frozen=True)
class _Font:
    descent: float       # per unit of font size, negative below the baseline
    handle: int


# a text object: its matrix (a, b, c, d), font size, font handle and descent
_TextObject = tuple[float, float, float, float, float, int, float]


def _joined_surrogates(units: list[int]) -> tuple[str, list[int]]:
    """pdfium's UTF-16 units, one character per index, as text of the same length: a surrogate pair
    becomes its character at the first index (the second index is returned, to be dropped), a lone
    half U+FFFD. No lone surrogate may reach an output: UTF-8 cannot write one."""
    chars = [chr(u) for u in units]
    halves = []
    for i, unit in enumerate(units):
        if 0xD800 <= unit <= 0xDBFF and i + 1 < len(units) and 0xDC00 <= units[i + 1] <= 0xDFFF:
            chars[i] = chr(0x10000 + ((unit - 0xD800) << 10) + (units[i + 1] - 0xDC00))
            chars[i + 1] = "\ufffd"
            halves.append(i + 1)
        elif 0xD800 <= unit <= 0xDFFF:   # a lone half, or the second of a pair (dropped)
            chars[i] = "\ufffd"
    return "".join(chars), halves


class _Document:
    """One open pdfium document; every method runs under `_LOCK`."""

    def __init__(self, path: str, descriptors: FontDescriptors):
        self.api = _api()
        handle = self.api.load_document(os.fsencode(path), None)
        if not handle:
            code = self.api.last_error()
            if code == self.api.ERR_PASSWORD:
                raise BulletinError("encrypted PDF: needs a password")
            reason = {1: "unknown error", 2: "file not found or unreadable", 3: "not a PDF or corrupted",
                      5: "unsupported security scheme"}.get(code, f"error {code}")
            raise BulletinError(f"damaged PDF: {reason}")
        self.handle = handle
        self.descriptors = descriptors
        self.fonts: dict[int, _Font] = {}
        self.widths: dict[tuple[int, str], float] = {}

    def close(self) -> None:
        if self.handle:
            self.api.close_document(self.handle)
            self.handle = None

    def page_count(self) -> int:
        count: int = self.api.page_count(self.handle)
        return count

    # --- fonts -------------------------------------------------------------------------------

    def _font(self, handle: int) -> _Font:
        font = self.fonts.get(handle)
        if font is None:
            api = self.api
            buf = ctypes.create_string_buffer(512)
            size = api.font_name(handle, buf, 512)
            descent = self.descriptors.descent(_font_key(buf.raw[:max(size - 1, 0)]))
            if descent is None:
                value = ctypes.c_float()
                api.font_descent(handle, 1.0, ctypes.addressof(value))
                descent = float(value.value)
            font = self.fonts[handle] = _Font(descent, handle)
        return font

    def _width(self, font: int, ch: str) -> float | None:
        """Advance per unit of font size: horizontal (> 0), or vertical (< 0, Identity-V); None: unknown."""
        key = (font, ch)
        width = self.widths.get(key)
        if width is None:
            value = ctypes.c_float()
            ok = len(ch) == 1 and self.api.glyph_width(font, ord(ch), 1000.0, ctypes.addressof(value))
            width = self.widths[key] = float(value.value) / 1000.0 if ok else float("nan")
        return None if np.isnan(width) else width

    # --- a page --------------------------------------------------------------------------------

    def page(self, index: int, max_segments: int) -> RawPage:
        api = self.api
        page = api.load_page(self.handle, index)
        if not page:
            raise BulletinError(f"damaged PDF: page {index + 1} cannot be read")
        try:
            box = (ctypes.c_float * 4)()
            addr = [ctypes.addressof(box) + 4 * k for k in range(4)]
            # float32 in pdfium: rounded back to the decimals a file writes (see _round)
            found = api.mediabox(page, *addr)
            x0, y0, x1, y1 = (round(float(v), 4) for v in box)
            mediabox = (x0, y0, x1, y1) if found else LETTER
            frame = _Frame.of(mediabox, (api.rotation(page) % 4) * 90)
            edges, over, n_images = self._paths(page, frame, max_segments)
            chars = self._chars(page, frame)
        finally:
            api.close_page(page)
        return RawPage(index + 1, frame.width, frame.height, chars, edges, over, n_images)

    def _chars(self, page: int, frame: _Frame) -> Chars:
        api = self.api
        text_page = api.load_text(page)
        if not text_page:
            return _no_chars()
        try:
            n = api.count_chars(text_page)
            if n <= 0:
                return _no_chars()
            buf = (ctypes.c_ushort * (n + 1))()
            api.get_text(text_page, 0, n, ctypes.addressof(buf))
            text = bytes(buf)[:2 * n].decode("utf-16-le", errors="replace")   # a lone half: U+FFFD
            halves: list[int] = []
            if len(text) != n:    # characters beyond the BMP (𠀀, emoji): pdfium indexes each UTF-16 half
                text, halves = _joined_surrogates(buf[:n])
            generated = [m.start() for m in _MAYBE_GENERATED.finditer(text)
                         if api.is_generated(text_page, m.start())] + halves
            keep = np.delete(np.arange(n), sorted(generated)).tolist() if generated else range(n)
            count = len(keep)
            if count == 0:
                return _no_chars()
            # origins go straight into one array: no Python float objects per character
            origins = (ctypes.c_double * (2 * count))()
            base = ctypes.addressof(origins)
            text_object, char_origin = api.text_object, api.char_origin
            owners = []
            for k, i in enumerate(keep):
                owners.append(text_object(text_page, i))
                char_origin(text_page, i, base + 16 * k, base + 16 * k + 8)
            texts = [_HYPHENS.get(text[i], text[i]) for i in keep]
            per_object = self._objects(text_page, keep, owners)
            info = [per_object[o] for o in owners]
            widths = self.widths
            rows = []
            for k, (ch, (a, b, c, d, size, font, descent)) in enumerate(zip(texts, info)):
                width = widths.get((font, ch)) if font else None
                if width is None:
                    width = self._width(font, ch) if font else None
                    if width is None:
                        width = self._loose_width(text_page, keep[k], a, size)
                rows.append((a, b, c, d, size, width, descent))
        finally:
            api.close_text(text_page)
        xy = np.frombuffer(memoryview(origins), dtype=np.float64).reshape(count, 2)
        return _boxes(texts, xy, np.array(rows, dtype=np.float64), frame)

    def _objects(self, text_page: int, keep: Sequence[int], owners: list[int]) -> dict[int, _TextObject]:
        """Per text object (one per run of characters): its matrix, font size, font and descent."""
        api = self.api
        matrix = _Matrix()
        pm = ctypes.addressof(matrix)
        out: dict[int, _TextObject] = {}
        for i, obj in zip(keep, owners):
            if obj not in out:
                api.char_matrix(text_page, i, pm)
                font = self._font(api.text_font(obj)) if obj else _Font(0.0, 0)
                out[obj] = (matrix.a, matrix.b, matrix.c, matrix.d, api.font_size(text_page, i),
                            font.handle, font.descent)
        return out

    def _loose_width(self, text_page: int, i: int, a: float, size: float) -> float:
        """pdfium's own advance when the font cannot map the character back (no Unicode mapping)."""
        rect = (ctypes.c_float * 4)()
        if not self.api.loose_box(text_page, i, ctypes.addressof(rect)) or not a or not size:
            return 0.0
        left, _, right, _ = rect
        return abs(right - left) / abs(a * size)

    def _paths(self, page: int, frame: _Frame, max_segments: int) -> tuple[Edges, bool, int]:
        api = self.api
        matrix = _Matrix()
        pm = ctypes.addressof(matrix)
        fx, fy = ctypes.c_float(), ctypes.c_float()
        pfx, pfy = ctypes.addressof(fx), ctypes.addressof(fy)
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        pfill, pstroke = ctypes.addressof(fill), ctypes.addressof(stroke)
        shapes: list[tuple[str, list[tuple[float, float]]]] = []
        state = {"segments": 0, "images": 0, "over": 0}

        def walk(count: int, get: Callable[[int], int | None], parent: _Matrix6) -> None:
            for k in range(count):
                if state["over"]:
                    return
                obj = get(k)
                kind = api.object_type(obj)
                if kind == _OBJ_FORM:
                    api.object_matrix(obj, pm)
                    inner = _mult((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), parent)
                    walk(api.form_count(obj), functools.partial(api.form_object, obj), inner)
                elif kind == _OBJ_IMAGE:
                    state["images"] += 1
                elif kind == _OBJ_PATH:
                    api.draw_mode(obj, pfill, pstroke)
                    if not fill.value and not stroke.value:
                        continue          # a clipping path: pdfminer paints nothing for "n"
                    n = api.count_segments(obj)
                    if state["segments"] + max(n - 1, 0) > max_segments:
                        state["over"] = 1
                        return
                    api.object_matrix(obj, pm)
                    m = _mult(_mult((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), parent),
                              frame.ctm)
                    path: list[_PathOp] = []
                    start = None
                    beziers = 0
                    for s in range(n):
                        seg = api.segment(obj, s)
                        api.segment_point(seg, pfx, pfy)
                        px, py = fx.value, fy.value
                        point = (m[0] * px + m[2] * py + m[4], m[1] * px + m[3] * py + m[5])
                        kind_s = api.segment_type(seg)
                        if kind_s == _SEG_MOVE:
                            path.append(("m", point))
                            start, beziers = point, 0
                        elif kind_s == _SEG_LINE:
                            path.append(("l", point))
                        else:           # a Bézier is three points; pdfminer keeps the end point
                            beziers += 1
                            if beziers % 3 == 0:
                                path.append(("c", point))
                        if start is not None and api.segment_close(seg):
                            path.append(("h", start))
                    before = len(shapes)
                    _paint(path, shapes)
                    state["segments"] += sum(4 if kind_p == "rect" else (1 if kind_p == "line" else len(pts) - 1)
                                             for kind_p, pts in shapes[before:])

        walk(api.count_objects(page), functools.partial(api.get_object, page), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
        return _edges(shapes, frame), bool(state["over"]), state["images"]


def _no_chars() -> Chars:
    empty = np.zeros(0)
    return Chars([], empty, empty, empty, empty, np.zeros(0, bool))


def _boxes(texts: list[str], origins: np.ndarray, rows: np.ndarray, frame: _Frame) -> Chars:
    """pdfminer LTChar boxes from origins, matrices, sizes, advances and descents (all vectorised)."""
    ox, oy = origins.T
    a, b, c, d, size, width, descent = rows.T
    vertical = width < 0
    # corners in text space relative to the origin pdfium reports
    u1 = np.where(vertical, size, width * size)
    v0 = np.where(vertical, (1.0 + width) * size, descent * size)
    v1 = np.where(vertical, size, descent * size + size)
    xs = []
    ys = []
    for u in (0.0, u1):
        for v in (v0, v1):
            px, py = frame.points(ox + a * u + c * v, oy + b * u + d * v)
            xs.append(px)
            ys.append(py)
    x_lo, x_hi = np.minimum.reduce(xs), np.maximum.reduce(xs)
    y_lo, y_hi = np.minimum.reduce(ys), np.maximum.reduce(ys)
    ra, rb, rc, rd = frame.ctm[:4]
    fa, fb, fc, fd = a * ra + b * rc, a * rb + b * rd, c * ra + d * rc, c * rb + d * rd
    upright = (fa * fd > 0) & (fb * fc <= 0)
    return Chars(
        text=texts,
        x0=_round(x_lo + frame.x_shift), x1=_round(x_hi + frame.x_shift),
        top=_round(frame.height - y_hi + frame.top_shift), bottom=_round(frame.height - y_lo + frame.top_shift),
        upright=upright,
    )


def _paint(path: list[_PathOp], out: list[tuple[str, list[tuple[float, float]]]]) -> None:
    """pdfminer's PDFLayoutAnalyzer.paint_path: a path -> lines, rectangles and curves."""
    shape = "".join(op for op, _ in path)
    if shape[:1] != "m":
        return
    if shape.count("m") > 1:
        for m in re.finditer(r"m[^m]+", shape):
            _paint(path[m.start():m.end()], out)
        return
    pts = [p for _, p in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        out.append(("line", pts[:2]))
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        out.append(("rect" if pts[0] == pts[4] and square else "curve", pts))
    else:
        out.append(("curve", pts))


def _edges(shapes: list[tuple[str, list[tuple[float, float]]]], frame: _Frame) -> Edges:
    """pdfplumber's edges: a line is one (h if flat, else v), a rectangle four, a curve one per step."""
    rows: list[tuple[float, float, float, float, int]] = []
    for kind, pts in shapes:
        if kind == "line":
            (xa, ya), (xb, yb) = pts[0], pts[1]
            # pdfplumber: a line is horizontal when its ends are level, otherwise vertical (even slanted)
            rows.append((xa, ya, xb, yb, H if ya == yb else V))
        elif kind == "rect":
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            lx, hx, ly, hy = min(xs), max(xs), min(ys), max(ys)
            rows += [(lx, hy, hx, hy, H), (lx, ly, hx, ly, H), (lx, ly, lx, hy, V), (hx, ly, hx, hy, V)]
        else:
            for (xa, ya), (xb, yb) in itertools.pairwise(pts):
                rows.append((xa, ya, xb, yb, V if xa == xb else (H if ya == yb else OTHER)))
    if not rows:
        return Edges.empty()
    arr = np.array(rows, dtype=np.float64)
    xa, ya, xb, yb, kind = arr.T
    x0 = _round(np.minimum(xa, xb) + frame.x_shift)
    x1 = _round(np.maximum(xa, xb) + frame.x_shift)
    top = _round(frame.height - np.maximum(ya, yb) + frame.top_shift)
    bottom = _round(frame.height - np.minimum(ya, yb) + frame.top_shift)
    return Edges(np.column_stack([x0, top, x1, bottom]), kind.astype(np.int8))


@contextmanager
def open_pdf(path: str) -> Iterator[_Document]:
    descriptors = FontDescriptors.scan(path)    # plain file reading: no need to hold the lock
    with _LOCK:
        doc = _Document(path, descriptors)
    try:
        yield doc
    finally:
        with _LOCK:
            doc.close()


def page_count(doc: _Document) -> int:
    with _LOCK:
        return doc.page_count()


def pages(doc: _Document, max_segments: int) -> Iterator[RawPage]:
    """Each page's raw objects; pdfium runs under the lock, the caller's work between pages does not."""
    for index in range(page_count(doc)):
        with _LOCK:
            raw = doc.page(index, max_segments)
        yield raw
