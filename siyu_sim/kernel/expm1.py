"""``exp(x) − 1`` for one float, compiled inline: the kernel's ``rules.ops.expm1``.

Every daily probability in the rules is ``1 − e^(−hazard)``, i.e. ``−expm1(−hazard)``, so
expm1 is the kernel's most frequent transcendental (10 a row a day). numba calls libm's
``expm1`` for it, an out-of-line call of about 7 ns here (docs/performance.md); numpy's SIMD
version costs under 1 ns an element. This is the classic algorithm of fdlibm's ``s_expm1.c``
(Sun Microsystems 1993; also musl's and glibc's generic C version): argument reduction
``x = k·ln2 + r`` with ``|r| ≤ ln2/2`` and a rational approximation on ``r``, accurate to
under 1 ulp, in plain arithmetic that numba inlines into the kernel's loop (about 2 ns).
Outside the range the model meets (|k| > 56, |x| ≳ 39) it defers to libm.

Both executors run this same function, so they stay bit-identical; against numpy's
``np.expm1`` it agrees within 1 ulp (tests/test_kernel_expm1.py).
"""

from __future__ import annotations

import math
import struct

import numpy as np
from numba.extending import register_jitable


def _from_high_word(high: int) -> float:
    """The double whose high 32 bits are ``high`` and low 32 bits zero (fdlibm compares high
    words; ``|x| < _from_high_word(h)`` is the same test as ``high_word(|x|) < h``)."""
    return struct.unpack("<d", struct.pack("<Q", high << 32))[0]


_HUGE = _from_high_word(0x4043687A)  # 56·ln2: beyond it, e^x − 1 is e^x or −1 to the last bit
_HALF_LN2 = _from_high_word(0x3FD62E42 + 1)  # |x| > ln2/2: reduce the argument
_THREE_HALVES_LN2 = _from_high_word(0x3FF0A2B2)  # |x| < 1.5·ln2: k = ±1
_TINY = _from_high_word(0x3C900000)  # |x| < 2⁻⁵⁴: expm1(x) = x

LN2_HI = 6.93147180369123816490e-01
LN2_LO = 1.90821492927058770002e-10
INV_LN2 = 1.44269504088896338700e00
Q1 = -3.33333333333331316428e-02
Q2 = 1.58730158725481460165e-03
Q3 = -7.93650757867487942473e-05
Q4 = 4.00821782732936239552e-06
Q5 = -2.01099218183624371326e-07

#: 2^k for k in [−K_MAX, K_MAX] (exact), indexed by k + K_MAX.
K_MAX = 60
POW2 = np.array([math.ldexp(1.0, k) for k in range(-K_MAX, K_MAX + 1)])


@register_jitable(inline="always")
def expm1(x):
    """``exp(x) − 1``: fdlibm's rational approximation on [−ln2/2, ln2/2] inline (where the
    model's daily hazards fall), libm outside it."""
    if not abs(x) < _HALF_LN2:  # also NaN and ±inf
        return math.expm1(x)
    hfx = 0.5 * x
    hxs = x * hfx
    r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))))
    t = 3.0 - r1 * hfx
    e = hxs * ((r1 - t) / (6.0 - x * t))
    return x - (x * e - hxs)
