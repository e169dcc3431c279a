"""The LKE ZI instrument as data: frozen dataclasses and a validating YAML loader.

Nothing here knows the numbers of PermenPANRB 90/2021: weights, texts, answer
multipliers, formulas and thresholds all come from the instrument file
(``sizi/lke/instruments/*.yaml``). Scoring lives in ``sizi.lke.scoring``.
"""

from sizi.lke.instrument.parsing import (
    default_instrument_path,
    load_instrument,
    parse_instrument,
)
from sizi.lke.instrument.spec import (
    AREA_MINIMUM_BASES,
    DEFAULT_INSTRUMENT_FILE,
    INSTRUMENTS_DIR,
    PARTS,
    AnswerTypeSpec,
    AreaSpec,
    ComponentSpec,
    FormulaSpec,
    HasilGroupSpec,
    HasilItemSpec,
    InputSpec,
    InstrumentError,
    InstrumentSpec,
    OptionSpec,
    PartSpec,
    QuestionSpec,
    RulesSpec,
    SubAreaSpec,
    ThresholdSpec,
)

__all__ = [
    "AREA_MINIMUM_BASES",
    "DEFAULT_INSTRUMENT_FILE",
    "INSTRUMENTS_DIR",
    "PARTS",
    "AnswerTypeSpec",
    "AreaSpec",
    "ComponentSpec",
    "FormulaSpec",
    "HasilGroupSpec",
    "HasilItemSpec",
    "InputSpec",
    "InstrumentError",
    "InstrumentSpec",
    "OptionSpec",
    "PartSpec",
    "QuestionSpec",
    "RulesSpec",
    "SubAreaSpec",
    "ThresholdSpec",
    "default_instrument_path",
    "load_instrument",
    "parse_instrument",
]
