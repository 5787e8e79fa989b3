"""Free text that must not identify anyone: the warning on the forms, and the audit row when a
warning is overridden.

Helpline queries, unmet needs and other-needs entries hold no names and no identifiers
(Caldicott; see ../shared/DOMAIN.md). A form with `ChecksPersonalDetails` refuses text that looks
like it holds one (knowledge/domain/identifiers.py) and says why. Some warnings are false
alarms (a service's own phone number, "Dr Barnardo's"), so the person may tick a box to say the
text does not identify anyone; but only for the very text they were warned about. The warning
page carries a keyed digest of that text, and the tick counts only when the text sent back
still has that digest: a tick sent without a warning, or with text changed since, is ignored
and the warning shown again. Every override is audited (form and field names, never the text),
so the Caldicott guardian can review them.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass

from flask import current_app
from wtforms import BooleanField, HiddenField

from knowledge.audit.services import record
from knowledge.domain.identifiers import personal_details_warning
from knowledge.models import User

AUDIT_ACTION = "personal_details.confirmed"


@dataclass(frozen=True)
class Confirmation:
    """Someone ticked "it does not identify anyone" for text that had been warned about."""

    form: str
    fields: tuple[str, ...]


def record_confirmation(
    confirmation: "Confirmation | None", target: object, actor: User | None = None
) -> None:
    """The audit row for an override, in the caller's transaction; nothing if there was none."""
    if confirmation is None:
        return
    record(
        AUDIT_ACTION,
        target=target,
        actor=actor,
        details={"form": confirmation.form, "fields": list(confirmation.fields)},
    )


class ChecksPersonalDetails:
    """Put before FlaskForm: `class NoteForm(ChecksPersonalDetails, FlaskForm)`, naming the
    free-text fields in `checked_fields`. Render the box with the
    `personal_details_confirmation(form)` macro (templates/components/personal_details.html).

    After validate(): `flagged` names the checked fields that look identifying (the box is shown
    whenever there are any), and `confirmation` is set when the person confirmed exactly that
    text, for the service to audit."""

    checked_fields: tuple[str, ...] = ()

    not_identifying = BooleanField("I have checked: it does not identify anyone")
    # The digest of the text the warning was about; set by the server, checked on the way back.
    warned_digest = HiddenField()

    # Replaced, never changed in place, so the class defaults are never shared state.
    flagged: tuple[str, ...] = ()
    confirmation: Confirmation | None = None

    @property
    def shows_not_identifying(self) -> bool:
        return bool(self.flagged)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self.check_personal_details() and valid

    def check_personal_details(self) -> bool:
        """False if a field was refused (its warning added to its errors)."""
        warnings = {}
        for name in self.checked_fields:
            warning = personal_details_warning(getattr(self, name).data or "")
            if warning:
                warnings[name] = warning
        self.flagged = tuple(warnings)
        self.confirmation = None
        if not warnings:
            self.warned_digest.data = ""
            return True
        digest = self._digest()
        confirmed = bool(self.not_identifying.data) and hmac.compare_digest(
            (self.warned_digest.data or "").encode(), digest.encode()
        )
        self.warned_digest.data = digest
        if confirmed:
            self.confirmation = Confirmation(type(self).__name__, self.flagged)
            return True
        # Ticked without having seen a warning for this text: the tick does not count.
        self.not_identifying.data = False
        for name, warning in warnings.items():
            field = getattr(self, name)
            field.errors = [*field.errors, warning]
        return False

    def _digest(self) -> str:
        """A keyed digest of every checked field's text, as the person will send it back.
        Line endings and the ends of the text are evened out: browsers send CRLF, and drop a
        textarea's first newline."""
        texts = [
            [name, _comparable(getattr(self, name).data or "")] for name in self.checked_fields
        ]
        message = json.dumps(["personal-details", type(self).__name__, texts]).encode()
        key = current_app.config["SECRET_KEY"]
        key = key.encode() if isinstance(key, str) else key
        return hmac.new(key, message, hashlib.sha256).hexdigest()


def _comparable(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
