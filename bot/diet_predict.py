"""DIET's prediction through its one compiled TensorFlow function, without TensorFlow's dispatch.

Rasa wraps DIET's `predict_step` in a `tf.function` with a fixed input signature, so there is only
ever one compiled function; still, every call goes through TensorFlow's generic dispatch, which
checks and converts the inputs against the signature to find that function again (0.6 ms of a
message's 9 ms NLU). After Rasa's first prediction has built it, the compiled function is called
directly. Any input it does not take goes back to Rasa's own path, so errors stay Rasa's.
Installed by `bot.rasa_server` in the Rasa server only.
"""

from __future__ import annotations

from typing import Any

from keras.utils import tf_utils
from rasa.shared.constants import DIAGNOSTIC_DATA
from rasa.utils.tensorflow.models import RasaModel

RASA_PREDICT = RasaModel._rasa_predict
COMPILED = "_compiled_predict_step"


def predict_compiled(model: RasaModel, batch_in: tuple[Any, ...]) -> dict[str, Any]:
    """`RasaModel._rasa_predict` calling the compiled function it built directly."""
    compiled = model.__dict__.get(COMPILED)
    if compiled is None or model._run_eagerly:
        outputs = RASA_PREDICT(model, batch_in)
        if model._tf_predict_step is not None and not model._run_eagerly:
            model.__dict__[COMPILED] = model._tf_predict_step.get_concrete_function()
        return outputs
    model._training = False
    try:
        raw = compiled(list(batch_in))
    except (TypeError, ValueError):
        return RASA_PREDICT(model, batch_in)
    outputs = tf_utils.sync_to_numpy_or_python_type(raw)
    if DIAGNOSTIC_DATA in outputs:
        outputs[DIAGNOSTIC_DATA] = model._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
    return outputs
