"""Checks for uploaded files (client documents, receipts, consent proofs, activity photos).

Only PDF, JPEG and PNG are accepted, at most 10 MB, recognised by parsing them, never by
their name or their first bytes (a file can start with `%PDF-` and be HTML or a ZIP).

- Images must decode, stay within MAX_PIXELS (a 17 KB PNG can decode to 12000×12000
  pixels and take a worker's memory with it), and are re-encoded: what is stored is
  pixels only, so EXIF (GPS position of the client's home included), comments and
  anything appended to the file are gone. Large photos are scaled down to MAX_SIDE.
- PDFs must parse with pypdf and have pages, and are refused when they carry JavaScript,
  automatic actions (OpenAction, AA), launch actions or embedded files: staff open these
  files on their own computers.
Files are stored under generated names in private storage.
"""

import io
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 4000
# Names that make a PDF do something when opened or carry another file.
ACTIVE_PDF_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile"}
ACTIVE_PDF_KEYS |= {"/EmbeddedFiles", "/RichMedia", "/XFA"}
ACTIVE_PDF_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
MAX_PDF_OBJECTS = 200_000


def validate_upload(upload) -> str:
    """The file's real content type, or a ValidationError a social worker understands.
    Prefer `clean_upload`, which also returns the file to store."""
    return clean_upload(upload)[1]


def clean_upload(upload) -> tuple[ContentFile, str]:
    """(the file to store, its content type): an image re-encoded, a PDF as it came."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _(
                "The file is %(size)s MB; the limit is 10 MB. "
                "Scan at a lower resolution or split it."
            )
            % {"size": f"{upload.size / 1024 / 1024:.1f}"}
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    name = getattr(upload, "name", "") or "upload"
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return ContentFile(data, name=name), "application/pdf"
    image_type = _image_type(data)
    if image_type is None:
        raise ValidationError(
            _(
                "Only PDF, JPEG or PNG files are accepted. This file is something else, "
                "whatever its name says."
            )
        )
    return ContentFile(_reencode(data, image_type), name=name), image_type


def _image_type(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def _reencode(data: bytes, content_type: str) -> bytes:
    damaged = ValidationError(_("The image is damaged or incomplete. Take or scan it again."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            # The size comes from the header, before any pixel is decoded.
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The image is %(width)s×%(height)s pixels; at most %(limit)s million "
                        "pixels are accepted. Take or scan it at a lower resolution."
                    )
                    % {"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000}
                )
            expected = "JPEG" if content_type == "image/jpeg" else "PNG"
            if image.format != expected:
                raise damaged
            image.load()
            # Turn the photo as the camera meant, then keep pixels only (no EXIF, no GPS).
            turned = ImageOps.exif_transpose(image)
            turned.thumbnail((MAX_SIDE, MAX_SIDE))
            keep = "RGBA" if expected == "PNG" and turned.mode in ("RGBA", "LA", "P") else "RGB"
            pixels = turned.convert(keep)
            # Pillow would write the source's comment, EXIF and ICC data back from `info`.
            pixels.info.clear()
            out = io.BytesIO()
            if expected == "JPEG":
                pixels.save(out, format="JPEG", quality=85)
            else:
                pixels.save(out, format="PNG", optimize=True)
            return out.getvalue()
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise damaged from None


def _check_pdf(data: bytes) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(_("The PDF is password-protected. Upload it without a password."))
        if len(reader.pages) == 0:
            raise ValidationError(_("The PDF has no pages."))
        active = any(_is_active(obj) for obj in _walk(reader.trailer))
    except ValidationError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, RecursionError):
        raise ValidationError(
            _("This is not a readable PDF. Save or scan it again as PDF.")
        ) from None
    if active:
        raise ValidationError(
            _(
                "The PDF contains scripts, automatic actions or embedded files and is not "
                "accepted. Print it to a new PDF or scan the paper."
            )
        )


def _is_active(obj) -> bool:
    if not isinstance(obj, DictionaryObject):
        return False
    if any(key in ACTIVE_PDF_KEYS for key in obj):
        return True
    return obj.get("/S") in ACTIVE_PDF_ACTIONS


def _walk(root) -> Iterator:
    """Every object reachable from the trailer, once each (object streams included: pypdf
    decompresses them), without recursion so a deep file cannot exhaust the stack."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    count = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        count += 1
        if count > MAX_PDF_OBJECTS:
            raise ValueError("too many objects")
        yield obj
        if isinstance(obj, DictionaryObject):
            stack.extend(value for key, value in obj.items() if key != NameObject("/Parent"))
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
