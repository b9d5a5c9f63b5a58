"""The e-mail backend of a production server that has no mail server configured."""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class UnconfiguredEmailBackend(BaseEmailBackend):
    """Drops every message and logs that it did, never its body: a password-reset mail
    holds a token that opens the account, and server logs are read by more people than
    the mailbox it was meant for."""

    def send_messages(self, email_messages):
        for message in email_messages:
            logger.warning(
                "E-mail not sent (no EMAIL_URL configured): %r to %d recipient(s)",
                message.subject,
                len(message.recipients()),
            )
        return 0
