#!/usr/bin/env python3
"""Tokenises .tms files with the TextMate grammar in editors/vscode-tms and checks the scopes.

A small line-based TextMate engine (match rules with captures, begin/end rules, includes) is
enough for this grammar. The test fails when:
  - the grammar's keywords differ from the parser's keywords (grammar/grammar.hpp);
  - a keyword, number, unit, string or comment in a bundled example gets the wrong scope;
  - any non-blank character is left without a scope.
Usage: tokenize_test.py SOURCE_DIR
"""
import json
import pathlib
import re
import sys


def load_grammar(root):
    path = root / "editors/vscode-tms/syntaxes/tms.tmLanguage.json"
    return json.loads(path.read_text())


def flatten(grammar, patterns):
    """Expands includes into a flat list of concrete rules."""
    out = []
    for rule in patterns:
        if "include" in rule:
            out.extend(flatten(grammar, [grammar["repository"][rule["include"][1:]]]))
        elif "patterns" in rule and "begin" not in rule and "match" not in rule:
            out.extend(flatten(grammar, rule["patterns"]))
        else:
            out.append(rule)
    return out


def tokenize(grammar, text):
    """Returns a list of (line, column, scope, token text) for every scoped span."""
    top = flatten(grammar, grammar["patterns"])
    tokens = []
    open_rule = None  # a begin/end rule that spans lines
    for lineno, line in enumerate(text.split("\n"), 1):
        pos = 0
        while pos < len(line):
            if open_rule is not None:
                end = re.compile(open_rule["end"]).search(line, pos)
                stop = end.end() if end else len(line)
                tokens.append((lineno, pos + 1, open_rule["name"], line[pos:stop]))
                pos = stop
                if end:
                    open_rule = None
                continue
            best = None
            for rule in top:
                regex = rule.get("match") or rule.get("begin")
                m = re.compile(regex).search(line, pos)
                if m and (best is None or m.start() < best[1].start()):
                    best = (rule, m)
            if best is None:
                break
            rule, m = best
            if m.end() == m.start():
                pos += 1
                continue
            if "begin" in rule:
                open_rule = rule
                tokens.append((lineno, m.start() + 1, rule["name"], m.group(0)))
                pos = m.end()
                continue
            if "captures" in rule:
                for index, capture in rule["captures"].items():
                    if m.group(int(index)) is not None:
                        tokens.append((lineno, m.start(int(index)) + 1, capture["name"], m.group(int(index))))
            else:
                tokens.append((lineno, m.start() + 1, rule["name"], m.group(0)))
            pos = m.end()
    return tokens


def grammar_keywords(grammar):
    words = set()
    for rule in grammar["repository"]["keywords"]["patterns"]:
        words.update(re.search(r"\\b\((.*)\)\\b", rule["match"]).group(1).split("|"))
    return words


def parser_keywords(root):
    text = (root / "grammar/grammar.hpp").read_text()
    return set(re.findall(r'TMSC_KW\(\w+, "(\w+)"\)', text))


def expected_scope(token, keywords):
    if token.startswith("//") or token.startswith("/*"):
        return "comment"
    if token.startswith('"'):
        return "string"
    if re.fullmatch(r"[-+]?[0-9][0-9.eE+-]*", token):
        return "constant.numeric"
    if token in ("Hz", "ms", "us", "min", "s", "h") or token.startswith("%"):
        return "keyword.other.unit"
    if token in keywords:
        return None  # any keyword-like scope, checked below
    return None


def check_file(grammar, keywords, path):
    failures = []
    text = path.read_text()
    tokens = tokenize(grammar, text)
    covered = {}
    for line, col, scope, word in tokens:
        for k in range(len(word)):
            covered[(line, col + k)] = scope
        want = expected_scope(word, keywords)
        if want and not scope.startswith(want):
            failures.append(f"{path}:{line}:{col}: '{word}' scoped {scope}, expected {want}.*")
        if word in keywords and scope.startswith("variable"):
            failures.append(f"{path}:{line}:{col}: keyword '{word}' scoped as a name")
    for lineno, line in enumerate(text.split("\n"), 1):
        for col, ch in enumerate(line, 1):
            if not ch.isspace() and (lineno, col) not in covered:
                failures.append(f"{path}:{lineno}:{col}: '{ch}' has no scope")
                break
    return failures, len(tokens)


def main():
    root = pathlib.Path(sys.argv[1])
    grammar = load_grammar(root)
    failures = []
    ours, theirs = grammar_keywords(grammar), parser_keywords(root)
    if ours != theirs:
        failures.append(f"keyword lists differ: only in editor grammar {sorted(ours - theirs)}, "
                        f"only in parser {sorted(theirs - ours)}")
    files = sorted(root.glob("examples/**/*.tms"))
    if len(files) < 10:
        failures.append(f"expected at least 10 examples, found {len(files)}")
    total = 0
    for path in files:
        file_failures, count = check_file(grammar, ours, path)
        failures.extend(file_failures)
        total += count
    for f in failures:
        print(f)
    passed = 0 if failures else len(files)
    print(f"{passed} passed, {len(failures)} failed ({total} tokens in {len(files)} files)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
