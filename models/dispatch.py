"""``draw_shares``: one name the engine's kernels call to draw from any model.

numba picks the model's own draw function at compile time from the type of
its parameters, so one compiled (and cached) chunk kernel exists per model
kind, with no indirection per draw.
"""

import numpy as np
from numba import njit
from numba.extending import overload

from seatcast.models.dirichlet import DirichletParams, draw_dirichlet
from seatcast.models.district_swing import DistrictSwingParams, draw_district_swing
from seatcast.models.draws import DrawsParams, draw_from_table
from seatcast.models.logit_normal import LogitNormalParams, draw_logit_normal
from seatcast.models.nowcast import NowcastParams, draw_nowcast
from seatcast.models.unit_nowcast import UnitNowcastParams, draw_unit_nowcast

_DRAWERS = {
    DirichletParams: draw_dirichlet,
    LogitNormalParams: draw_logit_normal,
    DrawsParams: draw_from_table,
    NowcastParams: draw_nowcast,
    DistrictSwingParams: draw_district_swing,
    UnitNowcastParams: draw_unit_nowcast,
}


def draw_shares(params, rng, start, out):
    """Write draws ``start``, ``start + 1``, ... of a model into the rows of ``out``.

    Callable from numba only.  A model draws one row after the other from
    ``rng``, so how a chunk is cut into blocks never changes its draws.

    Parameters
    ----------
    params : DirichletParams, LogitNormalParams, DrawsParams, NowcastParams or DistrictSwingParams
    rng : numpy.random.Generator
    start : int
        Number of the first row's draw in the whole run (the draws model
        reads the rows from there).
    out : float64[:, :]
        Written: one row per draw, one weight per component.
    """
    raise TypeError("draw_shares is for numba kernels; call a model's draw function instead")


@overload(draw_shares, jit_options={"nogil": True})
def _draw_shares_for(params, rng, start, out):
    drawer = _DRAWERS[params.instance_class]

    def impl(params, rng, start, out):
        drawer(params, rng, start, out)

    return impl


@njit(nogil=True, cache=True)
def draw_block(params, rng, start, n_draws, n_components):
    """Materialise draws ``start`` to ``start + n_draws`` of a model, as a new array.

    For tests, plots of the model and exporting draws: runs never keep them.

    Parameters
    ----------
    params : DirichletParams, LogitNormalParams, DrawsParams or NowcastParams
    rng : numpy.random.Generator
    start : int
    n_draws : int
    n_components : int

    Returns
    -------
    ndarray of float64, (n_draws, n_components)
        Unnormalised weights, one row per draw.
    """
    out = np.empty((n_draws, n_components))
    draw_shares(params, rng, start, out)
    return out
