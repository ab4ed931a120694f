"""Where a model's circuit inputs, artifacts and cached proving key live."""

from dataclasses import dataclass, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = "sprite"


@dataclass(frozen=True)
class ModelPaths:
    model: str
    onnx: Path
    config: Path
    circuit_dir: Path
    verifier: Path
    cache_dir: Path

    @classmethod
    def default(cls, model: str = DEFAULT_MODEL) -> "ModelPaths":
        generated = REPO_ROOT / "contracts" / "src" / "generated"
        return cls(
            model=model,
            onnx=REPO_ROOT / "models" / model / "model.onnx",
            config=REPO_ROOT / "circuits" / model / "config.json",
            circuit_dir=REPO_ROOT / "circuits" / model,
            # The product's model owns the verifier the contracts deploy; others get their own.
            verifier=generated
            / ("Halo2Verifier.sol" if model == DEFAULT_MODEL else f"{model}/Halo2Verifier.sol"),
            cache_dir=REPO_ROOT / ".cache" / "circuits" / model,
        )

    def with_changes(self, **changes) -> "ModelPaths":
        return replace(self, **{key: Path(value) for key, value in changes.items()})

    @property
    def settings(self) -> Path:
        return self.circuit_dir / "settings.json"

    @property
    def compiled(self) -> Path:
        return self.circuit_dir / "model.compiled"

    @property
    def vk(self) -> Path:
        return self.circuit_dir / "vk.key"

    @property
    def verification_srs(self) -> Path:
        return self.circuit_dir / "kzg1.srs"

    @property
    def output_basis(self) -> Path:
        return self.circuit_dir / "output_basis.bin"

    @property
    def calibration(self) -> Path:
        return self.circuit_dir / "calibration.json"

    @property
    def manifest(self) -> Path:
        return self.circuit_dir / "manifest.json"

    def srs(self, k: int) -> Path:
        return self.circuit_dir / f"kzg{k}.srs"

    @property
    def pk(self) -> Path:
        return self.cache_dir / "pk.key"

    @property
    def pk_stamp(self) -> Path:
        return self.cache_dir / "pk.json"


def display_path(path: Path) -> str:
    """Repository-relative when inside the repository, so the manifest does not name a machine."""
    path = Path(path).resolve()
    try:
        return path.relative_to(REPO_ROOT).as_posix()
    except ValueError:
        return path.as_posix()
