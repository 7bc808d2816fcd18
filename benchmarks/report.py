"""Turn the figures of :mod:`benchmarks.run` into ``docs/benchmarks.md``, targets included."""

from __future__ import annotations

__all__ = ["render", "derived", "targets"]

WRITING = ("graph writing", "turtle writing", "compressing", "store loading")
STAGE_ORDER = (
    "reading and segmenting",
    "extraction",
    "resolution",
    "graph writing",
    "turtle writing",
    "compressing",
    "store loading",
)


def derived(figures: dict) -> dict:
    """Throughputs computed from one scale's raw figures."""
    build = figures["build"]
    stages = build["stages"]
    mb = build["bytes_in"] / 1e6
    writing = sum(stages.get(s, 0.0) for s in WRITING)
    queries = figures.get("queries", {})
    times = [q.get("seconds", q.get("over", 0.0)) for q in queries.values()]
    return {
        "extraction_mb_s_core": mb / stages["extraction"] if stages.get("extraction") else 0.0,
        "end_to_end_mb_s": mb / build["wall"],
        "quads_per_s": build["quads"] / writing if writing else 0.0,
        "slowest_query": max(times, default=0.0),
        "slowest_query_name": max(
            queries, key=lambda n: queries[n].get("seconds", queries[n].get("over", 0)), default=""
        ),
    }


def targets(results: dict) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of issue 15 that these results reach."""
    rows = []
    scales = results["scales"]
    cold = results["cold_cli"]["median"]
    rows.append(
        ("bundled chapter, cold `duikou build` < 2 s", f"{cold:.2f} s", _under(cold, 2, "s"))
    )
    # ×100 when measured: large enough that the workers' start-up is spread thin
    largest = "100" if "100" in scales else max(scales, key=int)
    rate = derived(scales[largest])["extraction_mb_s_core"]
    rows.append(
        (
            "extraction ≥ 1 MB/s per core",
            f"{rate:.2f} MB/s per core (×{largest})",
            "met" if rate >= 1 else f"missed: {1 / rate:.1f}× too slow" if rate else "not measured",
        )
    )
    if "100" in scales:
        rows += _targets_x100(scales["100"])
    if "1000" in scales and "100" in scales:
        ratio = scales["1000"]["build"]["peak_mb"] / scales["100"]["build"]["peak_mb"]
        rows.append(
            (
                "×1000 peak memory ≤ 1.1× that of ×100",
                f"peak ×1000 / ×100 = {ratio:.2f}",
                "met" if ratio <= 1.1 else f"missed: grows {ratio:.2f}×",
            )
        )
    return rows


def _targets_x100(figures: dict) -> list[tuple[str, str, str]]:
    build = figures["build"]
    rows = [("×100 built < 45 s", f"{build['wall']:.1f} s", _under(build["wall"], 45, "s"))]
    peak = build["peak_mb"]
    rows.append(("×100 peak memory < 1 GB", f"{peak:.0f} MB", _under(peak, 1024, "MB")))
    ratio = figures["sizes_mb"]["folder"] / figures["corpus_mb"]
    rows.append(
        (
            "×100 folder ≤ 10× its text",
            f"{ratio:.1f}× ({figures['sizes_mb']['folder']:.0f} MB)",
            "met" if ratio <= 10 else f"missed: {ratio / 10:.1f}× too large",
        )
    )
    if "queries" in figures:
        slow = derived(figures)
        under = sum(1 for q in figures["queries"].values() if q.get("seconds", 99) < 1)
        measured = f"{under} of {len(figures['queries'])} under 1 s; slowest " + (
            f"{slow['slowest_query']:.2f} s ({slow['slowest_query_name']})"
        )
        floored = sorted(
            name
            for name, q in figures.get("floors", {}).get("named", {}).items()
            if q["floor"] >= 1
        )
        if floored:
            measured += f"; reading their rows out alone takes ≥ 1 s for {', '.join(floored)}"
        rows.append(
            (
                "every named query < 1 s at ×100 (Oxigraph store)",
                measured,
                _under(slow["slowest_query"], 1, "s"),
            )
        )
    if "analyze" in figures:
        inside, wall = figures["analyze"]["seconds"], figures["analyze"]["wall"]
        rows.append(
            (
                "`duikou analyze` < 1 s at ×100 (in process, as the queries)",
                f"{inside:.2f} s ({wall:.2f} s with the process's start-up)",
                _under(inside, 1, "s"),
            )
        )
    return rows


def render(results: dict, brief: bool = False) -> str:
    scales = results["scales"]
    names = sorted(scales, key=int)
    lines = []
    if not brief:
        lines += _intro(results)
    lines += ["## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in targets(results)]
    lines += ["", "## Builds", ""]
    lines += [
        "| scale | documents | text MB | wall s | peak MB | extraction MB/s/core "
        "| end to end MB/s | quads | quads/s written | folder MB | store MB | chunks MB "
        "| folder ÷ text |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in names:
        f, d = scales[name], derived(scales[name])
        b = f["build"]
        lines.append(
            f"| ×{name} | {b['documents']} | {f['corpus_mb']:.1f} | {b['wall']:.1f} "
            f"| {b['peak_mb']:.0f} | {d['extraction_mb_s_core']:.2f} | {d['end_to_end_mb_s']:.2f} "
            f"| {b['quads']:,} | {d['quads_per_s']:,.0f} | {f['sizes_mb']['folder']:.1f} "
            f"| {f['sizes_mb']['store']:.1f} | {f['sizes_mb'].get('graphs', 0.0):.1f} "
            f"| {f['sizes_mb']['folder'] / f['corpus_mb']:.1f}× |"
        )
    if brief:
        return "\n".join(lines) + "\n"
    lines += ["", "## Where the time goes (seconds per stage)", ""]
    lines += [
        "Stages in worker processes are summed over the workers (CPU seconds, so "
        f"with {results['jobs']} workers the wall time is lower); store loading "
        "runs in the main process.",
        "",
        "| stage | " + " | ".join(f"×{n}" for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    stages = [s for s in STAGE_ORDER if any(s in scales[n]["build"]["stages"] for n in names)]
    for stage in stages:
        cells = [f"{scales[n]['build']['stages'].get(stage, 0.0):.2f}" for n in names]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines.append(
        "| wall time | " + " | ".join(f"{scales[n]['build']['wall']:.2f}" for n in names) + " |"
    )
    lines += _queries(scales, names)
    lines += _floors(scales, names)
    lines += _compare(scales, names)
    lines += _peers(scales, names)
    return "\n".join(lines) + "\n"


def _queries(scales: dict, names: list[str]) -> list[str]:
    lines = ["", "## Named queries on the Oxigraph store (seconds)", ""]
    names = [n for n in names if scales[n].get("queries")]
    lines += [
        "| query | " + " | ".join(f"×{n}" for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for query in sorted(scales[names[0]]["queries"]):
        cells = [_query_cell(scales[n]["queries"].get(query, {})) for n in names]
        lines.append(f"| {query} | " + " | ".join(cells) + " |")
    cells = [f"{scales[n]['analyze']['seconds']:.3f}" for n in names]
    lines.append("| *`duikou analyze`* | " + " | ".join(cells) + " |")
    return lines


def _floors(scales: dict, names: list[str]) -> list[str]:
    """The floors (:mod:`benchmarks.floors`) at the largest scale that has them."""
    measured = [n for n in names if scales[n].get("floors")]
    if not measured:
        return []
    name = measured[-1]
    f = scales[name]["floors"]
    total, per = f["quads"], f["per_value_us"]
    store = f["sizes"]["store"]
    lines = ["", f"## Floors at ×{name}: what the graph's shape costs (`benchmarks/floors.py`)", ""]
    lines += [
        f"The store holds {total:,} quads, {store / max(total, 1):.0f} bytes a quad. Reading "
        f"one value out of it costs {per:.2f} µs (every transfer read with "
        f"{f['read_out'][-1]['columns']} columns by the cheapest query shape, less the "
        "transfers alone), so a query returning *rows* × *columns* values cannot take "
        "less than their product times that.",
        "",
        "| class of the subject | quads | share |",
        "|---|---|---|",
    ]
    top = list(f["by_class"].items())[:8]
    lines += [f"| {cls} | {n:,} | {100 * n / total:.1f}% |" for cls, n in top]
    rest = total - sum(n for _, n in top)
    lines += [f"| the other classes | {rest:,} | {100 * rest / total:.1f}% |", ""]
    lines += ["| query | rows | columns | seconds | floor s |", "|---|---|---|---|---|"]
    for query, q in sorted(f["named"].items()):
        lines.append(
            f"| {query} | {q['rows']:,} | {q['columns']} | {q['seconds']:.3f} | {q['floor']:.3f} |"
        )
    return lines


def _query_cell(q: dict) -> str:
    if "seconds" in q:
        return f"{q['seconds']:.3f}"
    return f"> {q['over']:.0f}" if "over" in q else "fails"


def _compare(scales: dict, names: list[str]) -> list[str]:
    compared = [n for n in names if "compare" in scales[n]]
    if not compared:
        return []
    lines = ["", "## rdflib's memory store and Oxigraph, side by side", ""]
    lines += [
        "The folder's TriG (`duikou export rdf`) loaded into each in a fresh process, "
        "then every named query on it. Ratios are rdflib / Oxigraph; queries rdflib's "
        "engine cannot run are left out of the sums and listed.",
        "",
        "| scale | load s (rdflib / Oxigraph) | ratio | peak MB (rdflib / Oxigraph) | ratio "
        "| queries s (rdflib / Oxigraph) | ratio | fail on rdflib |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for n in compared:
        r, o = scales[n]["compare"]["rdflib"], scales[n]["compare"]["oxigraph"]
        both = [
            q for q in r["queries"] if "seconds" in r["queries"][q] and "seconds" in o["queries"][q]
        ]
        rq = sum(r["queries"][q]["seconds"] for q in both)
        oq = sum(o["queries"][q]["seconds"] for q in both)
        failed = ", ".join(
            f"{q} ({_query_cell(r['queries'][q])})"
            for q in r["queries"]
            if "seconds" not in r["queries"][q]
        )
        lines.append(
            f"| ×{n} | {r['load_seconds']:.2f} / {o['load_seconds']:.2f} "
            f"| {_ratio(r['load_seconds'], o['load_seconds'])} "
            f"| {r['peak_mb']:.0f} / {o['peak_mb']:.0f} | {_ratio(r['peak_mb'], o['peak_mb'])} "
            f"| {rq:.2f} / {oq:.2f} | {_ratio(rq, oq)} | {failed or 'none'} |"
        )
    return lines


def _intro(results: dict) -> list[str]:
    m = results["machine"]
    return [
        "# Benchmarks",
        "",
        "Written by `make bench` (`python -m benchmarks.run`); do not edit by hand — "
        "run it again. ×1 is the bundled chapter; ×10, ×100 and ×1000 are synthetic "
        "corpora from `benchmarks/synth.py` (seed 0). Raw figures: `docs/benchmarks.json`.",
        "",
        f"Machine: {m['cpu'] or 'unknown CPU'}, {m['cores']} cores, {m['memory_gib']} GiB; "
        f"Python {m['python']}; duikou {m['duikou']} at commit `{m['commit']}`; "
        f"builds with {results['jobs']} worker processes. Cold `duikou build` of the "
        f"bundled chapter, three runs: "
        + ", ".join(f"{s:.2f} s" for s in results["cold_cli"]["runs"])
        + ".",
        "",
    ]


def _under(value: float, limit: float, unit: str) -> str:
    if value < limit:
        return "met"
    return f"missed by {value - limit:.1f} {unit} ({value / limit:.1f}× the target)"


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b else "–"


PEER_NAMES = {"memory": "in memory", "rdflib": "rdflib", "virtuoso": "Virtuoso"}


def _peers(scales: dict, names: list[str]) -> list[str]:
    """One table per scale: each named query on the store and its peers (benchmarks.peers)."""
    measured = [n for n in names if "peers" in scales[n]]
    if not measured:
        return []
    lines = ["", "## Peers: the named queries on other engines, and whether they agree", ""]
    lines += [
        "`python -m benchmarks.peers FOLDER`: each named query with its defaults and the "
        "parameter choices of `tests/query_rows.py`, on duikou's store (Oxigraph on disk), "
        "an in-memory Oxigraph store, rdflib's memory store and Virtuoso, each loaded with "
        "the store's quads. Seconds of the run with the defaults, the ratio to the store, "
        "and ✓ where every run gave the store's rows (multisets; GROUP_CONCAT columns as "
        "sets); **differs** where a run gave other rows, **refused** where the engine failed "
        "on it, > N where the default run went over the time limit (then not run again). "
        "`--check` lists each difference.",
    ]
    for n in measured:
        peers = scales[n]["peers"]
        order = ("store", *PEER_NAMES)  # the JSON comes with its keys sorted
        engines = sorted(peers["engines"], key=lambda e: order.index(e) if e in order else 9)
        lines += ["", f"### ×{n}", ""]
        for engine in engines:
            details = peers["engines"][engine]
            if "note" in details:
                lines.append(f"- {PEER_NAMES.get(engine, engine)}: skipped — {details['note']}")
                continue
            verdicts = [q[engine]["verdict"] for q in peers["queries"].values()]
            load = details.get("load_seconds")
            lines.append(
                f"- {PEER_NAMES.get(engine, 'store')}: {details['version']}"
                + (f", loaded in {load:.1f} s" if load is not None else "")
                + (
                    f"; the store's rows for {verdicts.count('same')} of {len(verdicts)} "
                    f"queries, {verdicts.count('differs')} differ, "
                    f"{verdicts.count('refused')} refused, {verdicts.count('over')} over the limit"
                    if engine != "store"
                    else ""
                )
            )
        shown = [e for e in engines if "note" not in peers["engines"][e]]
        lines += [
            "",
            "| query | " + " | ".join(PEER_NAMES.get(e, "store s") for e in shown) + " |",
            "|---|" + "---|" * len(shown),
        ]
        for query, cells in sorted(peers["queries"].items()):
            base = cells["store"].get("seconds")
            row = [_peer_cell(cells[e], base, e == "store") for e in shown]
            lines.append(f"| {query} | " + " | ".join(row) + " |")
    return lines


def _peer_cell(cell: dict, base: float | None, reference: bool) -> str:
    seconds, verdict = cell.get("seconds"), cell.get("verdict")
    if seconds is None:
        return f"> {cell['limit']:g}" if cell.get("limit") else "**refused**"
    if reference:
        return f"{seconds:.3f}"
    text = f"{seconds:.3f} ({_ratio(seconds, base)})" if base else f"{seconds:.3f}"
    mark = {"same": "✓", "differs": "**differs**", "refused": "**refused** (some runs)"}
    return f"{text} {mark.get(verdict, '')}".strip()
