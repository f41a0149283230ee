#!/usr/bin/env python3
"""Benchmark: `remedy serve` on a generated knowledge base — the time from writing one article's
file to the server sending the reload event, against a full `remedy build` of the same site
measured in the same run.

Usage: python3 benches/serve_reload.py [--articles 10000] [--edits 25] [--builds 3]
       [--remedy path/to/remedy] [--site path/to/generated/site]

It builds the release binary and the corpus generator (or takes `--remedy`), generates the site
into a temporary folder (or copies `--site` there, and counts its articles),
starts `remedy serve` on a free port, listens to /_remedy/events, and edits one cause at a time
(an added paragraph, or with `--change summary` a longer summary, written with a plain
write(2), as an editor's save would).
Reported: the time `remedy serve` takes to serve the site (its first build) against the median
full build, and the median and 90th percentile of write → reload, and their ratio.
"""
import argparse, os, re, shutil, socket, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--edits", type=int, default=25)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--remedy", help="the remedy binary to measure (default: build this checkout's release binary)")
    parser.add_argument("--change", choices=["body", "summary"], default="body", help="what each edit changes: a paragraph of the body (the common case), or the summary in the front matter (a card: the article's lists are rendered again)")
    parser.add_argument("--settle", type=float, default=0, help="seconds to wait between serving and the first edit (to attach a profiler)")
    parser.add_argument("--site", help="a generated site to copy instead of generating one (such as a cached bench-cache/<n>-seed42-*/remedy)")
    args = parser.parse_args()

    targets = ([] if args.remedy else ["--bin", "remedy"]) + ([] if args.site else ["--example", "gen_corpus"])
    if targets:
        subprocess.run(["cargo", "build", "--release", "--quiet", *targets], cwd=ROOT, check=True)
    remedy = os.path.abspath(args.remedy) if args.remedy else os.path.join(ROOT, "target", "release", "remedy")
    generator = os.path.join(ROOT, "target", "release", "examples", "gen_corpus")
    work = tempfile.mkdtemp(prefix="remedy-bench-serve-")
    site = os.path.join(work, "site")
    try:
        if args.site:
            shutil.copytree(args.site, site, symlinks=True)
        else:
            subprocess.run([generator, "--articles", str(args.articles), "--seed", str(args.seed), "--out", site], check=True, stdout=subprocess.DEVNULL)

        builds = []
        for i in range(args.builds):
            out = os.path.join(work, f"full-{i}")
            start = time.perf_counter()
            subprocess.run([remedy, "build", "--quiet", "--out", out], cwd=site, check=True)
            builds.append(time.perf_counter() - start)
            shutil.rmtree(out)

        # `remedy serve` builds the whole site, then listens and prints its address: the time to
        # that line is the time until it serves the site.
        start = time.perf_counter()
        server = subprocess.Popen([remedy, "serve", "--port", "0", "--quiet"], cwd=site, stderr=subprocess.PIPE, text=True)
        print(f"remedy serve: pid {server.pid}", flush=True)
        try:
            port = None
            for line in server.stderr:
                match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if match:
                    port = int(match.group(1))
                    ready = time.perf_counter() - start
                    break
            if port is None:
                sys.exit("remedy serve did not start")
            # Pass on what the server prints from now on (`REMEDY_SERVE_TIMINGS=1` prints each
            # rebuild's steps), and never let its pipe fill.
            threading.Thread(target=lambda: shutil.copyfileobj(server.stderr, sys.stderr), daemon=True).start()
            stream = socket.create_connection(("127.0.0.1", port))
            stream.sendall(b"GET /_remedy/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
            buffer = b""
            while b"retry:" not in buffer:
                buffer += stream.recv(65536)
            if args.settle:
                print(f"serving after {ready * 1000:.0f} ms; editing in {args.settle} s", flush=True)
                time.sleep(args.settle)
            causes = sorted(os.listdir(os.path.join(site, "content", "causes")))
            causes = [c for c in causes if not c.startswith("_")][: args.edits]
            times = []
            for i, name in enumerate(causes):
                path = os.path.join(site, "content", "causes", name)
                with open(path) as f:
                    text = f.read()
                if args.change == "body":
                    text = text.replace("\n+++\n", f"\n+++\n\nEdited paragraph number {i}.\n", 1)
                else:
                    text = text.replace('summary = "', f'summary = "Edited {i}: ', 1)
                buffer = b""
                start = time.perf_counter()
                with open(path, "w") as f:
                    f.write(text)
                while b"event: reload" not in buffer and b"event: problems" not in buffer:
                    buffer += stream.recv(65536)
                times.append((time.perf_counter() - start) * 1000)
                if b"event: problems" in buffer:
                    sys.exit("an edit broke the build: " + buffer.decode(errors="replace"))
                time.sleep(0.2)
        finally:
            server.kill()
            server.wait()

        times.sort()
        median = statistics.median(times)
        p90 = times[min(len(times) - 1, int(len(times) * 0.9))]
        if args.site:
            # A copied site says its own size: its articles are the Markdown files of
            # `content/` but the intros (`_index.md`) and the translations (`x.fr.md`).
            count = sum(
                1
                for _, _, files in os.walk(os.path.join(site, "content"))
                for name in files
                if name.endswith(".md") and "." not in name[:-3] and not name.startswith("_index")
            )
            print(f"site: {count} articles (copied from {args.site})")
        else:
            print(f"site: {args.articles} articles (seed {args.seed})")
        if builds:
            full = statistics.median(builds) * 1000
            print(f"full build (remedy build), median of {len(builds)}: {full:.0f} ms")
            print(f"remedy serve ready to serve: {ready * 1000:.0f} ms ({ready * 1000 / full:.2f}x the full build)")
        else:
            print(f"remedy serve ready to serve: {ready * 1000:.0f} ms (no full build measured: --builds 0)")
        print(f"edit ({args.change}) → reload event, {len(times)} edits: median {median:.1f} ms, p90 {p90:.1f} ms, min {times[0]:.1f} ms, max {times[-1]:.1f} ms")
        if builds:
            print(f"ratio incremental / full build: {median / full:.4f} ({full / median:.0f}x faster)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
