torch.manual_seed(SEED)
print(f"mode: {'quick' if QUICK else 'full'} | device: {DEVICE} | "
      f"torch {torch.__version__} | torchvision {torchvision.__version__}")
print(f"data: {DATA_DIR} ({data_dir_reason})")
in_colab_or_kaggle = "google.colab" in sys.modules or Path("/kaggle").is_dir()
if DEVICE.type == "cpu" and not DEVICE_NAME and in_colab_or_kaggle:
    print(
        "No GPU in this runtime. It runs on the CPU too, only slower. For a GPU: in Colab, "
        "Runtime > Change runtime type > T4 GPU; in Kaggle, Settings > Accelerator > GPU. "
        "Then run all cells again."
    )
