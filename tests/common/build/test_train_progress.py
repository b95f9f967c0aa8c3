"""The progress line of `rasa train` follows its output: components started and finished, epochs."""

from __future__ import annotations

from bot.common.build.train_progress import TrainingProgress

RASA_OUTPUT = (
    "2026-12-04 19:20:01 INFO     rasa.engine.training.hooks  - Restored component "
    "'WhitespaceTokenizer' from cache.\n"
    "2026-12-04 19:20:02 INFO     rasa.engine.training.hooks  - Starting to train component "
    "'DIETClassifier'.\n"
    "Epochs:   0%|          | 0/100 [00:00<?, ?it/s]\r"
    "Epochs:  37%|███▋      | 37/100 [00:05<00:09, 6.8it/s, t_loss=1.2, i_acc=0.9]\r"
)


def test_it_reads_the_component_and_the_epoch():
    progress = TrainingProgress()
    progress.feed(RASA_OUTPUT)
    assert (progress.step, progress.epoch, progress.epochs, progress.finished) == (
        "DIETClassifier",
        37,
        100,
        1,
    )
    assert progress.describe(42.4) == (
        "Training the model: 42 s, 1 components done, now DIETClassifier, epoch 37/100"
    )


def test_a_line_split_between_chunks_is_read_once_whole():
    progress = TrainingProgress()
    line = "INFO rasa.engine.training.hooks  - Starting to train component 'IntentEnsemble'.\n"
    progress.feed(line[:30])
    assert progress.step == "preparing the project"
    progress.feed(line[30:])
    assert progress.step == "IntentEnsemble" and progress.epochs == 0


def test_finishing_a_component_counts_it_and_a_new_one_resets_the_epochs():
    progress = TrainingProgress()
    progress.feed(RASA_OUTPUT + "\nINFO - Finished training component 'DIETClassifier'.\n")
    progress.feed("INFO - Starting to train component 'RulePolicy'.\n")
    assert (progress.finished, progress.step, progress.epochs) == (2, "RulePolicy", 0)
    assert progress.describe(1).endswith("now RulePolicy")
