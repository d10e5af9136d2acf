"""The model registry: every model meets the contract, and each model's parameters have a drawer."""

import numpy as np
import pytest
from numpy.random import PCG64, Generator

from seatcast.engine.config.reader import load_config
from seatcast.engine.errors import ConfigError
from seatcast.engine.run.election_night import nowcast_inputs
from seatcast.models.contract import Model
from seatcast.models.draws import DrawsModel
from seatcast.models.registry import DRAWERS, MODEL_KINDS, draw_block
from tests.configs import CONFIGS, config_with

DIRICHLET = {"kind": "dirichlet", "sample_size": 1000}


def _night_model(name):
    config = load_config(CONFIGS / f"{name}.toml")
    return nowcast_inputs(config, config.nowcast.read(None)[-1])[1]


def _models():
    kazakhstan = config_with(model=DIRICHLET)
    yield "dirichlet", kazakhstan.model
    yield "logit-normal", config_with(model={"kind": "logit-normal", "sd": 0.05}).model
    yield "draws", DrawsModel(kazakhstan.model.names, np.ones((4, len(kazakhstan.model.names))))
    yield "district swing", load_config(CONFIGS / "poland-sejm-2019.toml").model
    yield "nowcast", _night_model("kazakhstan-2023-election-night")
    yield "unit nowcast", _night_model("poland-sejm-2023-election-night")


MODELS = dict(_models())


@pytest.mark.parametrize("name", MODELS)
def test_every_model_meets_the_contract_and_draws(name):
    model = MODELS[name]
    assert isinstance(model, Model)
    params = model.kernel_params()
    width = len(model.names) * getattr(model, "n_districts", 1)
    block = draw_block(params, Generator(PCG64(1)), 0, 3, width)
    assert block.shape == (3, width) and np.all(np.isfinite(block)) and np.all(block >= 0)
    assert model.describe() and isinstance(model.votes_are_counts, bool)


def test_every_kind_and_every_drawer_is_covered_here():
    assert set(MODEL_KINDS) <= {model.kind for model in MODELS.values()}
    assert {type(model.kernel_params()) for model in MODELS.values()} == set(DRAWERS)


def test_a_kind_without_districts_names_the_kinds_that_have_them():
    poland = CONFIGS / "poland-sejm-2019.toml"
    with pytest.raises(ConfigError, match=r"does not go with \[districts\]: use logit-normal"):
        config_with(poland, model=DIRICHLET)
