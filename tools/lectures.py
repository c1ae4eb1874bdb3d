"""The one table of per-lecture facts that every tool and test reads.

A sixth notebook means one more `Lecture(...)` here (and the notebook itself): the results table, the seed study,
the threshold test, the runs of a notebook alone and the shared-cell stamping all take it from this table.
"""

from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO / "notebooks"


@dataclass(frozen=True)
class Lecture:
    stem: str  # notebooks/STEM.ipynb
    number: str  # the lecture's number in the course
    topic: str  # the link text in README's results table
    reported: str  # what the lecture reported, in README's results table (cited to the transcript)
    headline: str  # our headline numbers: str.format() over the notebook's `summary` dict; a key
    #                            written KEY_pct is 100 * summary[KEY]
    datasets: tuple = ()  # folders under data/ that the notebook reads (copied next to it when it runs alone)
    seed_metrics: tuple = ("final_test_accuracy",)  # summary keys whose spread over seeds `seeds` measures
    # summary key -> (the variable that the learning-check cell assigns its threshold to, the dict key or None)
    thresholds: dict = field(default_factory=dict)
    shared_blocks: tuple = ("device", "seed-and-report")  # blocks stamped from tools/shared/ (tools/stamp.py)
    # The course's own notebooks in iitkliv/dlvcnptel for `reproduce.py course`, and the data folders they read
    # (their root=... -> ours under data/); empty where that comparison is not set up.
    course_notebooks: tuple = ()
    course_data: dict = field(default_factory=dict)

    @property
    def path(self):
        return NOTEBOOK_DIR / f"{self.stem}.ipynb"

    def format_headline(self, summary):
        """The headline numbers of one summary dict, e.g. '97.96 %', with the data caveat where there is one."""
        values = dict(summary)
        values.update(
            {
                f"{key}_pct": 100 * value
                for key, value in summary.items()
                if isinstance(value, (int, float)) and not isinstance(value, bool)
            }
        )
        text = self.headline.format(**values)
        if str(summary.get("data", "")).startswith("SYNTHETIC"):
            text += " on the synthetic stand-in, not ALL-IDB2"
        if "lossy" in str(summary.get("data_source", "")):
            text += " on a JPEG copy of CIFAR-10, not the official files"
        return text


MNIST_COURSE_DATA = {"MNIST/MNIST/raw": "MNIST/raw"}

LECTURES = (
    Lecture(
        stem="lecture14_all_idb2_autoencoder",
        number="14",
        topic="ALL-IDB2, autoencoder + classifier",
        reported="35 % (sometimes 65–78 %), not converged",
        headline="{final_test_accuracy:.2f} %",
        datasets=("ALL_IDB2",),
        thresholds={"final_test_accuracy": ("MIN_ACCURACY", None)},
    ),
    Lecture(
        stem="lecture17_stacked_autoencoders",
        number="17",
        topic="Stacked autoencoders, MNIST / Fashion-MNIST",
        reported="MNIST 91.83 %; Fashion one-layer MSE 0.063",
        headline="MNIST {mnist_test_accuracy:.2f} %; Fashion {fashion_test_accuracy:.2f} %, "
        "one-layer MSE {fashion_ae_mse:.4f}",
        datasets=("MNIST", "FashionMNIST"),
        seed_metrics=("mnist_test_accuracy", "fashion_test_accuracy"),
        thresholds={
            "mnist_test_accuracy": ("MIN_ACCURACY", "MNIST"),
            "fashion_test_accuracy": ("MIN_ACCURACY", "Fashion-MNIST"),
        },
        shared_blocks=("device", "seed-and-report", "md5", "mnist-reader"),
        course_notebooks=("lecture17a.ipynb", "lecture17b.ipynb"),
        course_data={**MNIST_COURSE_DATA, "FMNIST/FashionMNIST/raw": "FashionMNIST/raw"},
    ),
    Lecture(
        stem="lecture20_denoising_sparse_autoencoder",
        number="20",
        topic="Denoising sparse autoencoder, MNIST",
        reported="MSE 0.0067 (epoch 20); classifier 92.07 %",
        headline="MSE {mse_weight0:.4f} (no penalty), {final_mse:.4f} with {sparsity_pct:.0f} % near-zero units "
        "(sparse); classifier {final_test_accuracy:.2f} %",
        datasets=("MNIST",),
        seed_metrics=("final_test_accuracy", "mse_weight0", "final_mse"),
        thresholds={"final_test_accuracy": ("MIN_ACCURACY", None)},
        shared_blocks=("device", "seed-and-report", "md5", "mnist-reader"),
        course_notebooks=("lecture20.ipynb",),
        course_data=MNIST_COURSE_DATA,
    ),
    Lecture(
        stem="lecture29_lenet_mnist",
        number="29",
        topic="LeNet on MNIST",
        reported="97.4 % after 10 epochs",
        headline="{final_test_accuracy:.2f} %",
        datasets=("MNIST",),
        thresholds={"final_test_accuracy": ("MIN_ACCURACY", None)},
        shared_blocks=("device", "seed-and-report", "md5", "mnist-reader"),
        course_notebooks=("lecture29.ipynb",),
        course_data=MNIST_COURSE_DATA,
    ),
    Lecture(
        stem="lecture30_lenet_cifar10",
        number="30",
        topic="LeNet on CIFAR-10",
        reported="≈ 45–50 % after 10 epochs",
        headline="{final_test_accuracy:.2f} %",
        datasets=("CIFAR10-images",),
        thresholds={"final_test_accuracy": ("MIN_ACCURACY", None)},
        shared_blocks=("device", "seed-and-report", "md5"),
    ),
)

BY_STEM = {lecture.stem: lecture for lecture in LECTURES}
BY_NUMBER = {lecture.number: lecture for lecture in LECTURES}


def lecture_of(name):
    """The Lecture of a notebook path, file name or stem; the first nine characters ('lecture29') suffice."""
    stem = Path(str(name)).stem
    found = [lec for lec in LECTURES if lec.stem == stem or lec.stem.startswith(stem[:9])]
    if len(found) != 1:
        raise KeyError(f"{name}: not one of the notebooks in tools/lectures.py")
    return found[0]
