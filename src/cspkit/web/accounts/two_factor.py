"""Time-based one-time codes (RFC 6238) through django-otp: enrolment and verification."""

from __future__ import annotations

from base64 import b32encode
from io import BytesIO

from django_otp.plugins.otp_totp.models import TOTPDevice

from cspkit.web.accounts.models import User


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user: User) -> TOTPDevice:
    """The device being enrolled: made once, shown until its first code is right."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def enrol_confirmed(user: User) -> str:
    """A confirmed device for a demo account; returns its base32 secret for demo-users.txt."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return secret(device)


def secret(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The enrolment address as an inline SVG QR code (no image request, no third party)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = BytesIO()
    image.save(out)
    text = out.getvalue().decode()
    return text[text.index("<svg") :]
