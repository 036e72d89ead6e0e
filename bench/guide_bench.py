"""Guide benchmark (part of make bench).

1. Import + export + build for generated collections of 50, 500 and 2,000 practice examples
   (each its own guide), next to a plain `mkdocs build` of the same Markdown.
2. Five guides of 400 examples each, built one after another and all at once, and one guide
   built alone and again with the other four in the database (its cost must not grow).

Prints seconds, peak memory, total size and the largest page. Run from the repository root
with the project's virtualenv Python.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "guide"
SIZES = [int(s) for s in os.environ.get("GUIDE_BENCH_SIZES", "50,500,2000").split(",")]
MANY = int(os.environ.get("GUIDE_BENCH_GUIDES", "5"))
EACH = int(os.environ.get("GUIDE_BENCH_EACH", "400"))
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


def make_collection(folder: Path, n: int, title: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "examples").mkdir(parents=True)
    themes = "\n".join(f"  - {t}" for t in THEMES)
    (folder / "collection.yml").write_text(f"title: {title}\nthemes:\n{themes}\n")
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


EXPORT = (
    "import django,sys;django.setup();from pathlib import Path;from guide.export import export;"
    "from guide.models import GuidePage;"
    "export(Path(sys.argv[2]),guide=GuidePage.objects.get(slug=sys.argv[1]))"
)


def one_size(py, env, n) -> tuple:
    slug = f"bench-collection-{n}"
    collection = OUT / f"collection-{n}"
    make_collection(collection, n, f"Bench collection {n}")
    t_import, m_import = run([py, "manage.py", "import_practice_examples", str(collection)], env)
    site = OUT / f"site-{n}"
    t_build, m_build = run(
        [py, "manage.py", "build_guide", "--guide", slug, "--no-pdf", "--site-dir", str(site)],
        env,
    )
    size, largest = site_figures(site)
    # The same Markdown with a plain mkdocs build: every page listed in the navigation.
    docs = OUT / f"docs-{n}"
    shutil.rmtree(docs, ignore_errors=True)
    subprocess.run([py, "-c", EXPORT, slug, str(docs)], env=env, cwd=ROOT, check=True)
    shutil.copytree(ROOT / "guide" / "assets", docs / "assets")
    plain_cfg = OUT / f"plain-{n}.yml"
    plain_site = OUT / f"plain-site-{n}"
    plain_cfg.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nsite_dir: {plain_site}\n"
        f"hooks: []\nstrict: false\n"
    )
    t_plain, m_plain = run([py, "-m", "mkdocs", "build", "-q", "-f", str(plain_cfg)], env)
    plain_size, plain_largest = site_figures(plain_site)
    return (
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


def build_cmd(py, slug):
    return [py, "manage.py", "build_guide", "--guide", slug, "--no-pdf"]


def many_guides(py, env) -> list[str]:
    """MANY guides of EACH examples: built one after another, then all at once."""
    slugs = []
    lines = []
    for k in range(1, MANY + 1):
        collection = OUT / f"many-{k}"
        make_collection(collection, EACH, f"Bench guide {k}")
        run([py, "manage.py", "import_practice_examples", str(collection)], env)
        slugs.append(f"bench-guide-{k}")
        if k == 1:
            alone, alone_mb = run(build_cmd(py, slugs[0]), env)
    site_root = Path(env["GUIDE_SITE_DIR"])
    one_by_one = [run(build_cmd(py, slug), env) for slug in slugs]
    largest = max(site_figures(site_root / slug)[1] for slug in slugs)
    total = sum(t for t, _ in one_by_one)
    lines.append(
        f"{MANY} guides of {EACH} examples, one after another: {total:.1f} s in all "
        f"({min(t for t, _ in one_by_one):.1f}-{max(t for t, _ in one_by_one):.1f} s each), "
        f"peak {max(m for _, m in one_by_one):.0f} MB, largest page {largest:.1f} KB"
    )
    started = time.perf_counter()
    wrapper = (
        "import resource,subprocess,sys;r=subprocess.run(sys.argv[1:]);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);sys.exit(r.returncode)"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", wrapper, *build_cmd(py, slug)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for slug in slugs
    ]
    peaks = []
    for proc in procs:
        out, err = proc.communicate()
        if proc.returncode != 0:
            sys.stderr.write(out[-2000:] + err[-2000:])
            raise SystemExit("a build run at the same time as the others failed")
        peaks.append(int(out.strip().splitlines()[-1]) / 1024)
    at_once = time.perf_counter() - started
    lines.append(
        f"{MANY} guides of {EACH} examples, all at once: {at_once:.1f} s wall clock, "
        f"peak {max(peaks):.0f} MB per build ({sum(peaks):.0f} MB together)"
    )
    lines.append(
        f"One guide of {EACH} examples: {alone:.1f} s ({alone_mb:.0f} MB) alone in the database, "
        f"{one_by_one[0][0]:.1f} s ({one_by_one[0][1]:.0f} MB) with {MANY - 1} other guides"
    )
    return lines


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / "guide-bench.sqlite3"
    db.unlink(missing_ok=True)
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{db}",
        GUIDE_SITE_DIR=str(OUT / "sites"),
        PYTHONPATH=str(ROOT),
    )
    py = sys.executable
    subprocess.run([py, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    rows = [one_size(py, env, n) for n in SIZES]
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
    print("\nratio = export+build time / plain mkdocs build time of the same Markdown.\n")
    for line in many_guides(py, env):
        print(line)


if __name__ == "__main__":
    main()
