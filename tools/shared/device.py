def pick_device(name):
    """CUDA if present, else Apple MPS, else CPU; a name ("cpu", "cuda:1", "mps") overrides that."""
    gpus = (
        [f"cuda:{i}" for i in range(torch.cuda.device_count())] if torch.cuda.is_available() else []
    )
    available = gpus + (["mps"] if torch.backends.mps.is_available() else []) + ["cpu"]
    wanted = name.strip().lower() or available[0]
    wanted = {"cuda": "cuda:0", "mps:0": "mps", "cpu:0": "cpu"}.get(wanted, wanted)
    if wanted not in available:
        raise RuntimeError(
            f"The device {name!r} (DEVICE_NAME, or DLVC_DEVICE) is not available on this machine. "
            f"Available here: {', '.join(available)}. Choose one of them, or leave it empty "
            "for the automatic choice."
        )
    return torch.device(wanted)


def find_data_dir(name):
    """(folder, why): the folder named in the settings, else the repository's data/, else ./data."""
    if name:
        path = Path(name).expanduser()
        if not path.is_dir():
            raise FileNotFoundError(
                f"The data folder {str(path)!r} (DATA_FOLDER, or DLVC_DATA) does not exist. "
                "Create it, name another folder, or leave it empty for the automatic choice."
            )
        return path, "named in the settings"
    for path in (Path("data"), Path("..") / "data"):
        if (path / "README.md").is_file() and (path.parent / "notebooks").is_dir():
            return path, "the repository's data folder"
    path = Path("data")
    path.mkdir(exist_ok=True)
    return path, f"no repository around this notebook, so a folder next to it: {path.resolve()}"


DEVICE = pick_device(DEVICE_NAME)
DATA_DIR, data_dir_reason = find_data_dir(DATA_FOLDER)
if DEVICE.type == "cuda":   # the same numbers on every run on this GPU: deterministic kernels only
    # cuBLAS needs this for repeatable sums
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    torch.backends.cudnn.benchmark = False
    torch.backends.cudnn.deterministic = True
    torch.use_deterministic_algorithms(True, warn_only=True)
