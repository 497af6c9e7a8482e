#!/usr/bin/env python3
"""Prints the expectations of Tests/TillitCoreTests/Builtin*ParityTests.swift: each case's input
run through pre-commit-hooks' own console scripts (pip install pre-commit-hooks), with the exit
status and, for the fixers, the bytes they leave. The tests hold the output, so they need no
Python; run this again to check them against a newer pre-commit-hooks."""
import os, subprocess, sys, tempfile

def swift(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "[" + ", ".join(str(b) for b in data) + "]"
    out = ""
    for ch in text:
        if ch == "\\": out += "\\\\"
        elif ch == '"': out += '\\"'
        elif ch == "\n": out += "\\n"
        elif ch == "\r": out += "\\r"
        elif ch == "\t": out += "\\t"
        elif ord(ch) < 32 or ord(ch) == 127: out += "\\u{%X}" % ord(ch)
        else: out += ch
    return 'Array("' + out + '".utf8)'

def run(script, args, name, data):
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, name)
        with open(path, "wb") as f: f.write(data)
        subprocess.run(["git", "init", "-q", folder], check=True)  # check-merge-conflict asks git where it is
        status = subprocess.run([script, *args, path], capture_output=True, cwd=folder).returncode
        with open(path, "rb") as f: after = f.read()
    return status, after

TEXT = [
    ("empty", b""), ("lf", b"a\nb\n"), ("no final newline", b"a\nb"), ("crlf", b"a\r\nb\r\n"),
    ("crlf with trailing spaces", b"a  \r\nb\t\r\n"), ("cr only", b"a\rb\r"), ("mixed", b"a\r\nb\nc\r\n"),
    ("mixed tie", b"a\r\nb\n"), ("mixed, no final newline", b"a\nb\r\nc"), ("trailing spaces and tabs", b"a \nb\t\n  \n"),
    ("only newlines", b"\n\n\n"), ("one newline", b"\n"), ("crlf blank lines at the end", b"a\r\n\r\n\r\n"),
    ("blank lines at the end", b"a\n\n\n"), ("lf then crlf at the end", b"a\n\r\n"), ("cr blank at the end", b"a\r\r"),
    ("vertical tab and form feed", b"a\x0b\x0c\n"), ("no-break space", "a\u00a0\n".encode()), ("spaces, no final newline", b"a  "),
    ("lone cr inside a line", b"a \rb \n"), ("crlf, only newlines", b"\r\n\r\n"), ("two spaces", b"a  \nb   \n  \n"),
]
FIXERS = [
    ("trailing", "trailing-whitespace-fixer", []),
    ("trailingMarkdown", "trailing-whitespace-fixer", ["--markdown-linebreak-ext=md"]),
    ("trailingSpacesOnly", "trailing-whitespace-fixer", ["--chars= "]),
    ("endOfFile", "end-of-file-fixer", []),
    ("mixedAuto", "mixed-line-ending", []),
    ("mixedToLF", "mixed-line-ending", ["--fix=lf"]),
    ("mixedToCRLF", "mixed-line-ending", ["--fix=crlf"]),
    ("mixedReport", "mixed-line-ending", ["--fix=no"]),
]
CHECKS = {
    "mergeConflict": ("check-merge-conflict", ["--assume-in-merge"], "f.txt", [
        ("markers", b"<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n"), ("crlf separator", b"x\n=======\r\ny\n"),
        ("separator with text", b"======= x\n"), ("indented", b" <<<<<<< x\n"), ("no space", b"<<<<<<<\n"), ("clean", b"a\nb\n"),
        ("at the end without newline", b"a\n======="), ("longer run", b"========\n")]),
    "privateKey": ("detect-private-key", [], "f.txt", [
        ("rsa", b"-----BEGIN RSA PRIVATE KEY-----\nabc\n"), ("putty", b"PuTTY-User-Key-File-2: ssh-rsa\n"), ("public", b"-----BEGIN PUBLIC KEY-----\n"),
        ("openssh inside a line", b"key = '-----BEGIN OPENSSH PRIVATE KEY-----'\n"), ("pgp", b"BEGIN PGP PRIVATE KEY BLOCK"), ("none", b"hello\n")]),
    "json": ("check-json", [], "f.json", [
        ("object", b"{}"), ("empty", b""), ("repeated key", b'{"a":1,"a":2}'), ("trailing comma", b"[1,]"), ("bom", b"\xef\xbb\xbf{}"),
        ("leading zero", b"01"), ("dot without digits", b"1."), ("control character in a string", b'"\x01"'), ("spaces around", b" [1, 2] \n"),
        ("unicode escape", b'{"a":"\\u00e9"}'), ("plus sign", b"+1"), ("dot first", b".5"), ("minus alone", b"-"), ("exponent", b"1e5"),
        ("missing comma", b"[1 2]"), ("NaN", b'{"a": NaN}'), ("nested 100 deep", b"[" * 100 + b"]" * 100), ("two values", b"{} {}"), ("nested", b'{"a":[{"b":null}],"c":true}'), ("single quotes", b"{'a':1}"),
        ("bad escape", b'"\\x"'), ("unclosed", b'{"a":1'), ("negative exponent", b"-1.5E-3")]),
    "yaml": ("check-yaml", [], "f.yaml", [
        ("mapping", b"a: 1\n"), ("empty", b""), ("unclosed list", b"a: [1\n"), ("repeated key", b"a: 1\na: 2\n"),
        ("two documents", b"a: 1\n---\nb: 2\n"), ("list", b"- a\n- b\n"), ("bad indentation", b"a:\n  b: 1\n c: 2\n"),
        ("unclosed quote", b'a: "x\n'), ("tab indentation", b"a:\n\tb: 1\n"), ("colon in a value", b"key: value: x\n"),
        ("only a comment", b"# nothing\n"), ("document markers", b"---\na: 1\n...\n"), ("crlf", b"a: 1\r\nb: [x, y]\r\n"),
        ("block scalar", b"a: |\n  one\n  two\nb: 2\n"), ("nested", b"a:\n  - b: 1\n    c: [x]\n"), ("quoted key", b"'a b': 1\n"),
        ("text after a quote", b'a: "x" y\n'), ("more indented key", b"a: 1\n  b: 2\n"),
        ("anchor and alias", b"a: &x 1\nb: *x\n"), ("flow mapping", b"a: {b: 1}\n"), ("plain text over two lines", b"a: one\n  two\n"),
        ("tag", b"a: !!str 1\n"), ("hex escape", b'a: "\\x41"\n'), ("quoted text over two lines", b'a: "one\n  two"\n')]),
    "toml": ("check-toml", [], "f.toml", [
        ("key value", b'a = 1\n'), ("empty", b""), ("repeated key", b"a = 1\na = 2\n"), ("table twice", b"[a]\nx = 1\n[a]\ny = 2\n"),
        ("tables", b"[a]\nx = 1\n[a.b]\ny = 2\n[b]\n"), ("array of tables", b"[[p]]\nn = 1\n[[p]]\nn = 2\n"),
        ("strings", b"a = \"x\\ty\"\nb = 'c:\\\\d'\nc = \"\"\"\nline\n\"\"\"\nd = '''raw'''\n"),
        ("numbers", b"a = 1_000\nb = 0xDEAD_beef\nc = 0o17\nd = 0b101\ne = -1.5e+3\nf = inf\ng = -nan\nh = +0\n"),
        ("leading zero", b"a = 012\n"), ("double underscore", b"a = 1__0\n"), ("dates", b"a = 1979-05-27T07:32:00Z\nb = 1979-05-27 07:32:00.5-07:00\nc = 1979-05-27\nd = 07:32:00\ne = 1979-05-27T00:32:00.999999\n"),
        ("bad date", b"a = 1979-02-30\n"), ("time without seconds", b"a = 07:32\n"), ("array", b"a = [\n  1, # one\n  2,\n]\n"),
        ("inline table", b"a = { x = 1, y.z = 2 }\n"), ("inline trailing comma", b"a = { x = 1, }\n"), ("inline across lines", b"a = { x = 1,\n y = 2 }\n"),
        ("dotted keys", b"a.b = 1\na.c = 2\n"), ("dotted then table", b"[f]\napple.color = 1\n[f.apple]\n"), ("dotted then subtable", b"[f]\napple.color = 1\n[f.apple.texture]\nx = 1\n"),
        ("value then table", b"a = 1\n[a.b]\n"), ("extend inline table", b"a = {x = 1}\n[a.b]\n"), ("append to static array", b"a = [1]\n[[a]]\n"),
        ("missing value", b"a =\n"), ("bare word", b"a = yes\n"), ("unclosed string", b'a = "x\n'), ("bad escape", b'a = "\\q"\n'),
        ("unicode escape", b'a = "\\u00E9 \\U0001F600"\n'), ("surrogate escape", b'a = "\\uD800"\n'), ("crlf", b"a = 1\r\n[b]\r\nc = 'x'\r\n"),
        ("lone cr", b"a = 1\r"), ("text after a value", b"a = 1 2\n"), ("comment", b"# c\na = true # yes\n"), ("multi-line quotes", b'a = """x""""\n'),
        ("too many quotes", b'a = """x""""""\n'), ("line-ending backslash", b'a = """one \\\n    two"""\n'), ("key without value", b"a\n"),
        ("quoted keys", b'"a b" = 1\n\'c\' = 2\n[ "t" . u ]\n'), ("empty bare key", b"= 1\n"), ("table then key twice", b"[a]\nb = 1\n[c]\n[a]\n"),
        ("implicit then explicit", b"[a.b]\nx = 1\n[a]\ny = 2\n"), ("array of tables then table", b"[[a]]\n[a]\n"), ("exponent with dot", b"a = 1e1.5\n"),
        ("tab in a string", b'a = "x\ty"\n'), ("control in a comment", b"# \x01\n")]),
}

def main():
    print("// Generated by scripts/builtin-parity-expectations.py from pre-commit-hooks", subprocess.run(
        [sys.executable, "-m", "pip", "show", "pre-commit-hooks"], capture_output=True, text=True).stdout.split("Version: ")[1].split()[0])
    print("enum PreCommitHooksExpectations {")
    print("  static let text: [(name: String, input: [UInt8])] = [")
    for name, data in TEXT: print(f'    ("{name}", {swift(data)}),')
    print("  ]")
    for key, script, args in FIXERS:
        print(f"  /// `{script} {' '.join(args)}`: per text case, whether it fails and the bytes it leaves.")
        print(f"  static let {key}: [(fails: Bool, after: [UInt8])] = [")
        for name, data in TEXT:
            status, after = run(script, args, "f.md" if key == "trailingMarkdown" else "f.txt", data)
            print(f"    ({'true' if status else 'false'}, {swift(after)}),  // {name}")
        print("  ]")
    print("  /// Per checker: each case's name, input, and whether the hook fails on it.")
    for key, (script, args, file, cases) in CHECKS.items():
        print(f"  static let {key}: [(name: String, input: [UInt8], fails: Bool)] = [")
        for name, data in cases:
            status, _ = run(script, args, file, data)
            print(f'    ("{name}", {swift(data)}, {"true" if status else "false"}),')
        print("  ]")
    print("}")

main()
