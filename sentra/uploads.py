"""Checks for uploaded files (client documents, receipts, consent proofs).

Only PDF, JPEG and PNG are accepted, recognised by their content, never by their name,
and at most 10 MB. Files are stored under generated names in private storage.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]


def sniff_content_type(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def validate_upload(upload) -> str:
    """The file's real content type, or a ValidationError a social worker understands."""
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
    content_type = sniff_content_type(upload)
    if content_type is None:
        raise ValidationError(
            _(
                "Only PDF, JPEG or PNG files are accepted. This file is something else, "
                "whatever its name says."
            )
        )
    if content_type.startswith("image/") and not _is_whole_image(upload):
        raise ValidationError(_("The image is damaged or incomplete. Take or scan it again."))
    return content_type


def _is_whole_image(upload) -> bool:
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            image.verify()
        return True
    except Exception:
        return False
    finally:
        upload.seek(0)
