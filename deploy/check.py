#!/usr/bin/env python3
"""Lints the deployment files as far as this machine allows (no Docker engine, no cluster): every file parses as YAML,
every Forgetless setting and command-line flag named in them is one the app reads, and the entry points are the image's verbs."""
import glob, pathlib, re, sys
import yaml

root = pathlib.Path(__file__).resolve().parent
repo = root.parent
options = {
    "Forgetless": repo / "src/Web/Service/ForgetlessOptions.cs",
    "Training": repo / "src/Web/Service/Training/TrainingOptions.cs",
}
known = {f"{section}__{name}" for section, path in options.items()
         for name in re.findall(r"public \S+ (\w+) \{ get; set; \}", path.read_text())}
# Command-line flags: those CommandLine maps to settings, plus the two it handles itself.
flags = set(re.findall(r'\["(--[\w-]+)"\] = "', (repo / "src/Web/CommandLine.cs").read_text())) | {"--urls", "--no-worker"}
dockerfile = (repo / "Dockerfile").read_text()
problems = []
for path in [root / "compose.yaml", *sorted(root.glob("kubernetes/*.yaml"))]:
    text = path.read_text()
    list(yaml.safe_load_all(text))  # raises on a syntax error
    for setting in set(re.findall(r"\b((?:Forgetless|Training)__\w+)", text)):
        if setting not in known:
            problems.append(f"{path.name}: {setting} is not a setting the app reads")
    for flag in set(re.findall(r'"(--[\w-]+)"', text)):
        if flag not in flags:
            problems.append(f"{path.name}: {flag} is not a flag the app reads")
    if "Forgetless.Web.dll" in text and "Forgetless.Web.dll" not in dockerfile:
        problems.append(f"{path.name}: the image has no Forgetless.Web.dll")
    for verb in re.findall(r'"Forgetless\.Web\.dll", "(\w+)"', text):
        if verb not in ("worker", "serve"):
            problems.append(f"{path.name}: unknown verb {verb}")
    if "/data" in text and "/data" not in dockerfile:
        problems.append(f"{path.name}: /data is not the image's volume")
used = sorted(set(re.findall(r"(?:Forgetless|Training)__\w+", "".join(p.read_text() for p in root.rglob("*.yaml")))))
print("\n".join(problems) or f"ok: every file parses; settings used: {', '.join(used)}")
sys.exit(1 if problems else 0)
