"""Guide benchmark (part of make bench): import + export + build for generated collections of
50, 500 and 2,000 practice examples, next to a plain `mkdocs build` of the same Markdown.

Prints seconds, peak memory, total size and the largest page. Run from the repository root
with the project's virtualenv Python.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "guide"
SIZES = [int(s) for s in os.environ.get("GUIDE_BENCH_SIZES", "50,500,2000").split(",")]
THEMES = [
    "Developing choice and control",
    "Engagement and co-production",
    "Early intervention and prevention",
    "Efficiencies and sustainability",
]
WORDS = [
    "people",
    "carers",
    "support",
    "budget",
    "plan",
    "choice",
    "control",
    "local",
    "council",
    "provider",
    "group",
    "home",
    "review",
    "community",
    "service",
    "team",
    "listen",
    "change",
    "learn",
    "together",
    "week",
    "month",
    "year",
]


def make_collection(folder: Path, n: int) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "examples").mkdir(parents=True)
    themes = "\n".join(f"  - {t}" for t in THEMES)
    (folder / "collection.yml").write_text(f"title: Bench collection {n}\nthemes:\n{themes}\n")
    for i in range(n):
        text = " ".join(WORDS[(i + k) % len(WORDS)] for k in range(60))
        (folder / "examples" / f"example-{i:05d}.md").write_text(
            f"---\ntitle: Bench example {i}\ntheme: {THEMES[i % 4]}\n"
            f"organisations: [Bench Council {i % 37}]\ntags: [tag-{i % 25}, bench]\n---\n\n"
            f"## Our approach\n\n{text}.\n\n{text}.\n\n## Outcomes\n\n- {i} people reached.\n"
            f"- {i * 3} referrals made.\n\n## Further information\n\nAsk the bench team.\n"
        )


def run(cmd, env) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one command, run as its own process."""
    wrapper = (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:]);"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "sys.exit(r.returncode)"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    seconds, kb = done.stdout.strip().splitlines()[-1].split()
    return float(seconds), int(kb) / 1024


def site_figures(site: Path) -> tuple[float, float]:
    pages = [p for p in site.rglob("*.html") if p.name != "print_page.html"]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return total / 1e6, max(p.stat().st_size for p in pages) / 1e3


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{OUT / 'guide-bench.sqlite3'}",
        PYTHONPATH=str(ROOT),
    )
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    rows = []
    for n in SIZES:
        docs = OUT / f"docs-{n}"
        shutil.rmtree(docs, ignore_errors=True)
        docs.mkdir()
        for name in ("about.md", "how-to-use.md"):
            shutil.copy(ROOT / "guide" / "docs" / name, docs / name)
        shutil.copytree(ROOT / "guide" / "docs" / "assets", docs / "assets")
        env_n = {**env, "GUIDE_DOCS_DIR": str(docs)}
        subprocess.run(
            [
                py,
                "-c",
                "import django;django.setup();from guide.models import PracticeExample;"
                "PracticeExample.objects.all().delete()",
            ],
            env=env_n,
            cwd=ROOT,
            check=True,
        )
        collection = OUT / f"collection-{n}"
        make_collection(collection, n)
        t_import, m_import = run(
            [py, "manage.py", "import_practice_examples", str(collection)], env_n
        )
        site = OUT / f"site-{n}"
        t_build, m_build = run(
            [py, "manage.py", "build_guide", "--no-pdf", "--site-dir", str(site)], env_n
        )
        size, largest = site_figures(site)
        # The same Markdown with a plain mkdocs build: every page listed in the navigation.
        plain_cfg = OUT / f"plain-{n}.yml"
        plain_site = OUT / f"plain-site-{n}"
        plain_cfg.write_text(
            f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nsite_dir: {plain_site}\n"
            f"hooks: []\nstrict: false\n"
        )
        t_plain, m_plain = run([py, "-m", "mkdocs", "build", "-q", "-f", str(plain_cfg)], env_n)
        plain_size, plain_largest = site_figures(plain_site)
        rows.append(
            (
                n,
                t_import,
                t_build,
                max(m_import, m_build),
                size,
                largest,
                t_plain,
                plain_size,
                plain_largest,
                t_build / t_plain,
            )
        )
    head = (
        "examples",
        "import s",
        "export+build s",
        "peak MB",
        "site MB",
        "largest KB",
        "plain mkdocs s",
        "plain MB",
        "plain largest KB",
        "ratio",
    )
    print("\n" + " ".join(f"{h:>16}" for h in head))
    for r in rows:
        print(" ".join(f"{v:>16.1f}" if isinstance(v, float) else f"{v:>16}" for v in r))
    print("\nratio = export+build time / plain mkdocs build time of the same Markdown.")


if __name__ == "__main__":
    main()
