"""The ``[model]`` section of a config: which model, with which parameters.

Layout, by kind (components are the parties, then the no-seat options)::

    kind = "logit-normal"   sd (number, or a table of one per component),
                            correlation or covariance (matrices in component
                            order), systematic (table: component = loading);
                            with [districts], the national swing, plus
                            district_sd (see :mod:`seatcast.models.district_swing`)
    kind = "dirichlet"      concentration, or sample_size (a poll's respondents)
    kind = "draws"          path (netCDF, relative to the config), variable, group

Every model is centred on the config's ``[votes]`` or ``[shares]``, except
``draws``, which brings its own.
"""

from decimal import Decimal

import numpy as np

from seatcast.engine.errors import ConfigError
from seatcast.engine.hints import did_you_mean
from seatcast.models.components import central_shares, component_names, positive_number
from seatcast.models.dirichlet import DirichletModel
from seatcast.models.district_swing import DistrictSwingModel, district_counts
from seatcast.models.draws import DrawsModel
from seatcast.models.logit_normal import LogitNormalModel

#: Keys each model kind accepts.
MODEL_KEYS = {
    "logit-normal": ("kind", "sd", "correlation", "covariance", "systematic", "district_sd"),
    "dirichlet": ("kind", "concentration", "sample_size"),
    "draws": ("kind", "path", "variable", "group"),
}

MODEL_KINDS = tuple(MODEL_KEYS)

_NUMBER = (int, Decimal)

#: The largest sd on the log-ratio scale a model takes.
MAX_SD = 10.0


def check_kind(kind):
    """Return ``kind`` if it names a model, or raise with the nearest name as a hint."""
    if not isinstance(kind, str) or kind not in MODEL_KEYS:
        hint = did_you_mean(kind, MODEL_KINDS)
        raise ConfigError(f"model.kind must be one of {', '.join(MODEL_KINDS)}, got {kind!r}{hint}")
    return kind


def build_model(table, ballots, base_dir, districts=None):
    """Build the model a ``[model]`` table describes.

    Parameters
    ----------
    table : seatcast.engine.config.table.Table
        The ``[model]`` table, made with the keys of its kind.
    ballots : Ballots
        The config's votes: the components and the central shares.
    base_dir : Path
        Directory that relative paths are read from.
    districts : Districts, optional
        The config's districts: the model then draws every district.

    Returns
    -------
    DirichletModel, LogitNormalModel, DrawsModel or DistrictSwingModel
    """
    kind = check_kind(table.take("kind", str))
    names = component_names(ballots)
    if districts is not None:
        if kind != "logit-normal":
            raise ConfigError(
                f"model.kind {kind!r} does not go with [districts]: use logit-normal "
                "(a national swing plus district noise)"
            )
        return _district_swing(table, names, districts)
    if "district_sd" in table:
        raise ConfigError("model.district_sd goes with [districts]; this config has none")
    if kind == "draws":
        path = base_dir / table.take("path", str)
        return DrawsModel.from_netcdf(
            path,
            names,
            variable=table.take("variable", str, None),
            group=table.take("group", str, None),
        )
    shares = central_shares(ballots)
    if kind == "dirichlet":
        return _dirichlet(table, names, shares)
    return _logit_normal(table, names, shares)


def _dirichlet(table, names, shares):
    concentration = table.take("concentration", _NUMBER, None)
    sample_size = table.take("sample_size", _NUMBER, None)
    if (concentration is None) == (sample_size is None):
        raise ConfigError("give model.concentration or model.sample_size (one of the two)")
    if sample_size is not None:
        return DirichletModel.from_sample_size(names, shares, sample_size)
    return DirichletModel(
        names, shares, positive_number(concentration, table.label("concentration"))
    )


def _logit_normal(table, names, shares):
    covariance = table.take("covariance", list, None)
    systematic = table.take("systematic", dict, None)
    if systematic is not None:
        systematic = _per_component(systematic, names, table.label("systematic"), default=0.0)
    if covariance is not None:
        for key in ("sd", "correlation"):
            if key in table:
                raise ConfigError(f"give model.covariance or model.sd, not both ({key} given)")
        covariance = _matrix(covariance, "model.covariance")
        if np.diag(covariance).max(initial=0.0) > MAX_SD**2:
            raise ConfigError(
                f"model.covariance has a variance of {np.diag(covariance).max():g}; variances "
                f"above {MAX_SD**2:g} (an sd of {MAX_SD:g}) on the log-ratio scale mean nothing"
            )
        return LogitNormalModel(names, shares, covariance, systematic)
    sd = table.take("sd", (*_NUMBER, dict))
    if isinstance(sd, dict):
        sd = _per_component(sd, names, table.label("sd"))
    else:
        sd = _spread(sd, table.label("sd"))
    correlation = table.take("correlation", list, None)
    if correlation is not None:
        correlation = _matrix(correlation, "model.correlation")
    return LogitNormalModel.from_sd(names, shares, sd, correlation, systematic)


def _district_swing(table, names, districts):
    district_sd = table.take("district_sd", _NUMBER, None)
    swing = _logit_normal(table, names, np.full(len(names), 1 / len(names)))
    if district_sd is None:
        district_sd = float(np.sqrt(np.diag(swing.covariance)).mean())
    else:
        district_sd = _spread(district_sd, table.label("district_sd"))
    return DistrictSwingModel(names, district_counts(districts), swing, district_sd)


def _per_component(mapping, names, label, default=None):
    for name in mapping:
        if name not in names:
            hint = did_you_mean(name, names)
            raise ConfigError(f"{label} names {name!r}, which is not a party or option{hint}")
    missing = [name for name in names if name not in mapping]
    if missing and default is None:
        raise ConfigError(f"{label} has no value for {', '.join(map(repr, missing))}")
    return np.array(
        [
            (
                _spread(mapping[name], f"{label}.{name}")
                if default is None
                else _number(mapping[name], f"{label}.{name}", negative=True)
            )
            if name in mapping
            else default
            for name in names
        ]
    )


def _number(value, label, *, negative=False):
    """``value`` as a finite float; negative only when ``negative`` allows it."""
    if isinstance(value, bool) or not isinstance(value, _NUMBER):
        raise ConfigError(f"{label} must be a number, got {value!r}")
    number = float(value)
    if not np.isfinite(number) or (number < 0 and not negative):
        raise ConfigError(f"{label} must be a non-negative number, got {value}")
    return number


def _spread(value, label):
    """A standard deviation on the log-ratio scale: a number from 0 to :data:`MAX_SD`."""
    number = _number(value, label)
    if number > MAX_SD:
        raise ConfigError(
            f"{label} is {value}; an sd above {MAX_SD:g} on the log-ratio scale means nothing "
            "(it moves shares by factors of thousands)"
        )
    return number


def _matrix(rows, label):
    if not all(isinstance(row, list) for row in rows) or len({len(row) for row in rows}) > 1:
        raise ConfigError(f"{label} must be a list of rows of numbers, all of one length")
    return np.array([[_number(v, label, negative=True) for v in row] for row in rows])
