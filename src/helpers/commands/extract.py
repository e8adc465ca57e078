"""`bhxh extract`: read press articles into data/processed/facts.csv and campaigns.csv, and
optionally score the extraction against gold annotations."""

from __future__ import annotations

import argparse

NAME = "extract"
HELP = "read articles into facts.csv and campaigns.csv (and score them against gold)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `bhxh extract`."""
    parser.add_argument("input_dir", nargs="?", default=None,
                        help="folder of .txt/.md/.html articles (default data/raw/articles/)")
    parser.add_argument("--out", default=None,
                        help="output folder (default data/processed/; with --evaluate, "
                        "nothing is written unless --out is given)")
    parser.add_argument("--corrections", default=None,
                        help="corrections CSV (default data/raw/corrections.csv if present)")
    parser.add_argument("--evaluate", metavar="GOLD_DIR", default=None,
                        help="print precision, recall and F1 against gold JSON files")
    parser.add_argument("--explain", metavar="ARTICLE", default=None,
                        help="print, for each number of one article file, the fact it became "
                        "or why it was not recorded (writes nothing)")
    model = parser.add_mutually_exclusive_group()
    model.add_argument("--rules-only", dest="rules_only", action="store_const", const=True,
                       default=None, help="keep every fact the rules read: the learned fact "
                       "model declines none (for comparison)")
    model.add_argument("--fact-model", dest="rules_only", action="store_const", const=False,
                       help="let the learned fact model decline facts even where its shipped "
                       "weights did not adopt it")
    reader = parser.add_mutually_exclusive_group()
    reader.add_argument("--ranker", dest="ranker", action="store_const", const=True,
                        default=None, help="let the learned reading ranker change a fact's "
                        "year, scheme, indicator or target/result where another reading of "
                        "the text wins by its margin (off unless its weights adopted it)")
    reader.add_argument("--no-ranker", dest="ranker", action="store_const", const=False,
                        help="never let the reading ranker change a field")


def run(args: argparse.Namespace) -> int:
    """Extract, write, summarise; print the evaluation table when asked."""
    from pathlib import Path

    from helpers import paths
    from helpers.extract import extract_articles, write_outputs
    from helpers.extract.evaluate import evaluate, load_gold

    if args.explain:
        from helpers.extract.explain import explain_article

        print(explain_article(args.explain, rules_only=args.rules_only,
                              ranker=args.ranker))
        return 0
    input_dir = Path(args.input_dir) if args.input_dir else paths.ARTICLES
    corrections = args.corrections or (paths.CORRECTIONS if paths.CORRECTIONS.exists() else None)
    result = extract_articles(input_dir, corrections=corrections,
                              rules_only=args.rules_only, ranker=args.ranker)
    print(result.summary())
    if args.out or not args.evaluate:
        written = write_outputs(result, Path(args.out) if args.out else paths.PROCESSED)
        print("wrote " + ", ".join(str(p) for p in written))
    if args.evaluate:
        print(evaluate(result.facts, load_gold(args.evaluate)).text())
    return 0
