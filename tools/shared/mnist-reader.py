MIRRORS = {"MNIST": "https://ossci-datasets.s3.amazonaws.com/mnist/",
           "FashionMNIST": "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"}


def load_split(dataset_class, train):
    """torchvision's MNIST / FashionMNIST from DATA_DIR; the four .gz files are downloaded only
    when missing."""
    raw = DATA_DIR / dataset_class.__name__ / "raw"
    # file name -> MD5, as torchvision lists them
    checksums = dict(dataset_class.resources)
    for name, md5 in checksums.items():
        if (raw / name).is_file() and md5_of(raw / name) != md5:
            raise RuntimeError(
                f"{raw / name} is damaged (wrong checksum: a broken download or copy). "
                "Delete it and run this cell again to download it anew, or copy it again."
            )
    # torchvision unpacks each .gz next to it
    unpacked = [raw / Path(name).stem for name in checksums]
    if all(path.is_file() for path in unpacked):
        try:
            return dataset_class(DATA_DIR, train=train, download=False)
        except Exception as err:
            raise RuntimeError(
                f"The unpacked files in {raw} cannot be read ({type(err).__name__}: {err}). "
                f"Delete {', '.join(p.name for p in unpacked)} (keep the .gz files) and run this "
                "cell again: they are unpacked anew."
            ) from None
    missing = [name for name in checksums if not (raw / name).is_file()]
    try:
        # unpacks the .gz files, fetches missing ones
        return dataset_class(DATA_DIR, train=train, download=True)
    except Exception as err:
        problem = ("could not be downloaded (no internet connection?)" if missing
                   else "could not be unpacked")
        raise RuntimeError(
            f"{dataset_class.__name__} {problem}: {type(err).__name__}: {err}\n"
            "Connect to the internet and run this cell again, or copy the files "
            f"{', '.join(missing or checksums)} "
            f"(from {MIRRORS[dataset_class.__name__]}) into {raw}."
        ) from None
