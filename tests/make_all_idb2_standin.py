"""Write a SYNTHETIC stand-in for ALL-IDB2 (for dry runs and CI; it is not medical data).

ALL-IDB2 (University of Milan) is given out only to people who sign its licence agreement, so it can
be neither downloaded by code nor shipped with this repository. This script draws 260 artificial
single-cell patches with the real data set's file names, image size and label split, so that the
lecture 14 notebook can run end to end without it:

    python tests/make_all_idb2_standin.py [DATA_DIR]      # default: the repository's data/

writes DATA_DIR/ALL_IDB2_standin/img/Im001_1.tif ... Im260_0.tif (257x257 RGB, uncompressed TIFF;
Im001-Im130 label 1 = blast, Im131-Im260 label 0 = healthy, as in ALL-IDB2) and a README.txt.
The notebook reads this folder only when DLVC_ALL_IDB2_STANDIN=1; the real data go to
DATA_DIR/ALL_IDB2/img/, a different folder, so the two can never be confused.

What is drawn (May-Gruenwald-Giemsa-like colours): a pale pink/grey background with a few red
blood cells, and in the middle one white blood cell. A *blast* (label 1) is large, its nucleus fills
almost all of the cell, is lighter purple with fine, even chromatin, one to three pale nucleoli and an
irregular outline, with only a thin rim of cytoplasm. A *healthy lymphocyte* (label 0) is smaller,
with a small, round, dark nucleus of coarse, clumped chromatin and a wider ring of pale blue
cytoplasm. Sizes, colours, stain strength, positions and noise vary from image to image and the two
classes overlap somewhat, so a classifier can learn something without the task being trivial.
Deterministic (seeded per image); standard library + numpy + Pillow only; a few seconds.
"""
import os
import sys
from pathlib import Path

import numpy as np
from PIL import Image

SIZE = 257                 # ALL-IDB2 patches are 257 x 257 RGB
N_PER_CLASS = 130          # Im001_1 ... Im130_1 are blasts, Im131_0 ... Im260_0 healthy
SEED = 2011                # the year ALL-IDB was published
FOLDER = "ALL_IDB2_standin"

README = """SYNTHETIC STAND-IN for ALL-IDB2 -- NOT REAL DATA, NOT MEDICAL IMAGES.

These 260 images were drawn by tests/make_all_idb2_standin.py (seed {seed}). They copy only the
file names (ImNNN_L.tif, L = 1 blast, L = 0 healthy; 130 of each), the image size (257x257 RGB TIFF)
and a cartoon of the visual differences between the classes of the real ALL-IDB2 data set, so that
the lecture 14 notebook can be tested without the real data. Results obtained on them say nothing
about leukemia detection. The notebook uses this folder only when DLVC_ALL_IDB2_STANDIN=1.

The real data set: ALL-IDB (Acute Lymphoblastic Leukemia Image Database), University of Milan,
https://homes.di.unimi.it/scotti/all/ -- request it there; unzip it so that its images are in
data/ALL_IDB2/img/. See data/README.md.
"""


def smooth_noise(rng, cells, amplitude=1.0):
    """Zero-mean random field varying on a scale of SIZE / cells pixels (bicubic upsampling)."""
    small = rng.standard_normal((cells, cells)).astype(np.float32)
    field = np.asarray(Image.fromarray(small, mode="F").resize((SIZE, SIZE), Image.Resampling.BICUBIC))
    return amplitude * field / (field.std() + 1e-6)


def blob_mask(cx, cy, radius, rng, roughness, softness=1.2):
    """Soft mask (0..1) of a round blob whose radius is modulated by a few angular harmonics.

    Returns (rows, cols, mask): the mask covers only the blob's bounding box image[rows, cols]."""
    reach = radius * (1 + roughness) + 2 * softness + 1
    y0, y1 = max(int(cy - reach), 0), min(int(cy + reach) + 1, SIZE)
    x0, x1 = max(int(cx - reach), 0), min(int(cx + reach) + 1, SIZE)
    rows, cols = slice(y0, max(y0, y1)), slice(x0, max(x0, x1))
    dy = np.arange(y0, max(y0, y1), dtype=np.float64)[:, None] - cy
    dx = np.arange(x0, max(x0, x1), dtype=np.float64)[None, :] - cx
    z = dx + 1j * dy
    dist = np.abs(z)
    direction = z / np.maximum(dist, 1e-6)                 # e^(i theta)
    r = radius
    power = direction                                      # e^(i k theta), k = 1, 2, ...
    for k in range(2, 6):
        power = power * direction
        r = r + radius * roughness * rng.uniform(0, 1) / k * (np.exp(1j * rng.uniform(0, 2 * np.pi)) * power).real
    return rows, cols, np.clip((r - dist) / softness + 0.5, 0.0, 1.0).astype(np.float32)


def paint(image, blob, colour, opacity=1.0):
    """Alpha-blend a colour (3,) or a colour field (SIZE, SIZE, 3) into image inside blob."""
    rows, cols, mask = blob
    colour = np.asarray(colour, dtype=np.float32)
    if colour.ndim == 3:
        colour = colour[rows, cols]
    region = image[rows, cols]
    region += (opacity * mask)[..., None] * (colour - region)


def draw_cell(label, rng):
    """One 257x257x3 uint8 image: background, red blood cells, one white blood cell in the middle."""
    stain = rng.normal(1.0, 0.06)                          # how strongly this smear took the stain
    tint = rng.normal(0.0, 4.0, size=3)                    # slide-to-slide colour cast
    background = np.array([228, 212, 216]) + rng.normal(0, 5, size=3)
    image = np.empty((SIZE, SIZE, 3), np.float32)
    image[:] = background
    image += smooth_noise(rng, 4, 4.0)[..., None]          # uneven illumination

    # red blood cells: pink-red discs with a paler centre, some cut by the border or hidden by the WBC
    for _ in range(rng.integers(3, 9)):
        angle, dist = rng.uniform(0, 2 * np.pi), rng.uniform(70, 170)
        cx, cy = SIZE / 2 + dist * np.cos(angle), SIZE / 2 + dist * np.sin(angle)
        radius = rng.uniform(26, 36)
        red = np.array([214, 128, 138]) + rng.normal(0, 8, size=3)
        paint(image, blob_mask(cx, cy, radius, rng, 0.08, 1.5), red, 0.9)
        paint(image, blob_mask(cx, cy, radius * 0.45, rng, 0.05, 4.0), background, 0.45)

    cx, cy = SIZE / 2 + rng.normal(0, 6), SIZE / 2 + rng.normal(0, 6)
    if label == 1:   # blast: large cell, large irregular nucleus, scant cytoplasm, fine chromatin, nucleoli
        nucleus_r = rng.uniform(46, 72)
        cell_r = nucleus_r * rng.uniform(1.04, 1.14)
        nucleus_rgb = np.array([138, 86, 172])
        chromatin = smooth_noise(rng, 40, 9.0) + smooth_noise(rng, 10, 5.0)
        roughness = rng.uniform(0.10, 0.25)
        nucleoli = rng.integers(1, 4)
    else:            # healthy lymphocyte: smaller dense round nucleus, more pale-blue cytoplasm
        nucleus_r = rng.uniform(30, 50)
        cell_r = nucleus_r * rng.uniform(1.25, 1.55)
        nucleus_rgb = np.array([92, 48, 122])
        chromatin = smooth_noise(rng, 14, 22.0)
        roughness = rng.uniform(0.0, 0.07)
        nucleoli = 0
    cytoplasm_rgb = np.array([168, 178, 220]) + rng.normal(0, 8, size=3)
    paint(image, blob_mask(cx, cy, cell_r, rng, 0.05), cytoplasm_rgb)

    offset = (cell_r - nucleus_r) * 0.6                   # the nucleus sits a little off centre
    ncx, ncy = cx + rng.uniform(-offset, offset), cy + rng.uniform(-offset, offset)
    nucleus = (nucleus_rgb + rng.normal(0, 8, size=3))[None, None, :] + chromatin[..., None] * np.array([0.9, 0.6, 0.8])
    paint(image, blob_mask(ncx, ncy, nucleus_r, rng, roughness), nucleus)
    for _ in range(nucleoli):                              # pale, bluish spots inside the blast nucleus
        a, d = rng.uniform(0, 2 * np.pi), rng.uniform(0, 0.5 * nucleus_r)
        paint(image, blob_mask(ncx + d * np.cos(a), ncy + d * np.sin(a), rng.uniform(5, 9), rng, 0.1, 2.5),
              [170, 140, 200], 0.5)

    # staining strength and colour cast act on the optical density, i.e. darken the stained parts more
    image = 255.0 - (255.0 - image) * stain + tint
    image += rng.normal(0, 3.0, size=image.shape)          # camera noise
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def file_names():
    """The real ALL-IDB2 names: Im001_1.tif ... Im130_1.tif (blasts), Im131_0.tif ... Im260_0.tif (healthy)."""
    return [(f"Im{i:03d}_{1 if i <= N_PER_CLASS else 0}.tif", 1 if i <= N_PER_CLASS else 0)
            for i in range(1, 2 * N_PER_CLASS + 1)]


def main(data_dir):
    """Write the stand-in under data_dir/ALL_IDB2_standin/ and return the path of its img/ folder."""
    root = Path(data_dir) / FOLDER
    img_dir = root / "img"
    img_dir.mkdir(parents=True, exist_ok=True)
    (root / "README.txt").write_text(README.format(seed=SEED), encoding="utf-8")
    for index, (name, label) in enumerate(file_names()):
        rng = np.random.default_rng([SEED, index])
        Image.fromarray(draw_cell(label, rng), mode="RGB").save(img_dir / name, format="TIFF")
    return img_dir


def use_standin_without_real_data(data_dir):
    """For automated runs: without the real ALL-IDB2 in data_dir, make sure the stand-in exists and select it."""
    data_dir = Path(data_dir)
    if (data_dir / "ALL_IDB2" / "img").is_dir():
        return
    if not (data_dir / FOLDER / "img").is_dir():
        main(data_dir)
    os.environ.setdefault("DLVC_ALL_IDB2_STANDIN", "1")


if __name__ == "__main__":
    default = Path(__file__).resolve().parent.parent / "data"
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    if not target.is_dir():
        sys.exit(f"{target} is not an existing folder: create it first or pass another one.")
    folder = main(target)
    print(f"wrote {2 * N_PER_CLASS} SYNTHETIC stand-in images to {folder} "
          f"(use them with DLVC_ALL_IDB2_STANDIN=1; they are not the real ALL-IDB2)")
