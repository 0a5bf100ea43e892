"""Who may see which upload, batch and agreement (the object-level half of the permissions)."""

from __future__ import annotations

from cspkit.store.catalogue import Batch
from cspkit.store.schema import is_partner_dataset
from cspkit.web.accounts.models import User
from cspkit.web.accounts.permissions import may_see
from cspkit.web.accounts.roles import RESTRICTED_READERS
from cspkit.web.datahub.models import SharingAgreement, Upload


def batch_restricted(batch: Batch) -> bool:
    """Partner agencies' depersonalised extracts are restricted; police.uk and surveys are published."""
    return is_partner_dataset(batch.dataset)


def may_see_batch(user: User, batch: Batch) -> bool:
    return may_see(user, {batch.agency}, batch_restricted(batch))


def may_see_upload(user: User, upload: Upload) -> bool:
    """The uploader always; otherwise as the data it carries (a partner extract is its agency's)."""
    return upload.uploaded_by_id == user.pk or may_see(user, {upload.owner}, upload.restricted)


def visible_uploads(user: User, limit: int = 20) -> list[Upload]:
    recent = Upload.objects.select_related("agency", "uploaded_by")[: limit * 5]
    return [upload for upload in recent if may_see_upload(user, upload)][:limit]


def may_see_agreement(user: User, agreement: SharingAgreement) -> bool:
    return may_see(user, agreement.owners(), agreement.restricted)


def may_change_agreement(user: User, agreement: SharingAgreement) -> bool:
    return user.partnership_wide or (user.agency_id is not None and agreement.owner_id == user.agency_id)


def visibility(user: User) -> str:
    """Which restricted batches a user sees, as a key: every agency's, one agency's, or none."""
    if user.role not in RESTRICTED_READERS:
        return "published"
    if user.partnership_wide:
        return "all"
    return f"agency:{user.agency.slug if user.agency else ''}"
