"""What a picture file is made of, read part by part: one written here holds only its kind's
own parts (its pixels, its colours, its frames' timing). Any other part (a comment, an app's
block such as EXIF or XMP, data after the picture's end) may hold something hidden, which
Pillow does not always report."""

from __future__ import annotations

# What a file written here is made of, and nothing else: a picture that holds any other part
# (a comment, an app's block, data after the picture's end) still holds something hidden.
PNG_PARTS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"acTL", b"fcTL", b"fdAT"}
WEBP_PARTS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"}
# VP8X flags that announce a colour profile, EXIF or XMP.
WEBP_DETAIL_FLAGS = 0x20 | 0x08 | 0x04


def _jpeg_is_plain(data: bytes) -> bool:
    if not data.startswith(b"\xff\xd8"):
        return False
    at = 2
    while at + 1 < len(data):
        if data[at] != 0xFF:
            return False
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xD9:  # end of the picture: nothing may follow it
            return at + 2 == len(data)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if marker == 0xFE or (0xE1 <= marker <= 0xEF and marker != 0xEE):
            return False  # a comment, or an app's block (EXIF, XMP, ICC, MPF...)
        if marker == 0xE0 and data[at + 4 : at + 9] != b"JFIF\x00":
            return False
        at += 2 + length
        if marker == 0xDA:  # the picture's data runs to the next marker
            while True:
                found = data.find(b"\xff", at)
                if found < 0 or found + 1 >= len(data):
                    return False
                following = data[found + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    at = found + 2
                elif following == 0xFF:
                    at = found + 1
                else:
                    at = found
                    break
    return False


def _png_is_plain(data: bytes) -> bool:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    at = 8
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        if kind not in PNG_PARTS:
            return False
        at += 12 + length
        if kind == b"IEND":
            return at == len(data)
    return False


def _gif_is_plain(data: bytes) -> bool:
    if data[:6] not in (b"GIF87a", b"GIF89a") or len(data) < 13:
        return False
    at = 13
    if data[10] & 0x80:
        at += 3 * (2 << (data[10] & 0x07))
    while at < len(data):
        block = data[at]
        if block == 0x3B:  # the end: nothing may follow it
            return at + 1 == len(data)
        if block == 0x2C:  # a picture: its own colours, then its data
            if at + 10 > len(data):
                return False
            flags = data[at + 9]
            at += 10 + (3 * (2 << (flags & 0x07)) if flags & 0x80 else 0) + 1
        elif block == 0x21 and at + 2 < len(data):
            label = data[at + 1]
            if label == 0xFF:
                size = data[at + 2]
                if data[at + 3 : at + 3 + size] not in (b"NETSCAPE2.0", b"ANIMEXTS1.0"):
                    return False  # another app's block (XMP...)
            elif label != 0xF9:  # only the frames' timing may stand beside them
                return False  # a comment, or plain text
            at += 2
        else:
            return False
        while at < len(data) and data[at]:  # the block's pieces, to the empty one
            at += 1 + data[at]
        at += 1
    return False


def _webp_is_plain(data: bytes) -> bool:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return False
    end = 8 + int.from_bytes(data[4:8], "little")
    if end != len(data):
        return False
    at = 12
    while at + 8 <= end:
        kind = data[at : at + 4]
        length = int.from_bytes(data[at + 4 : at + 8], "little")
        if kind not in WEBP_PARTS:
            return False
        if kind == b"VP8X" and data[at + 8] & WEBP_DETAIL_FLAGS:
            return False
        at += 8 + length + (length & 1)
    return at == end


PLAIN_STRUCTURE = {
    "JPEG": _jpeg_is_plain,
    "PNG": _png_is_plain,
    "GIF": _gif_is_plain,
    "WEBP": _webp_is_plain,
}
