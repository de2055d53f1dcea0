"""The fonts every report page and chart asks for."""

from __future__ import annotations

# CSS font stack: Debian's fonts-noto-cjk and fonts-wqy-microhei first, so Chinese renders in
# a bare Chromium; then what Windows and macOS laptops have.
FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", '
              '"Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", '
              '"Helvetica Neue", Arial, sans-serif')
