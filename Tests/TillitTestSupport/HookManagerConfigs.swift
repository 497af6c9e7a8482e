/// Real hook-manager configurations, copied as test inputs for `tillit init`'s conversions:
/// each project's file at the commit named, unchanged.
public enum HookManagerConfigs {
  /// pre-commit/pre-commit, `.pre-commit-config.yaml` at a9bba55a3f74068b53f4bd4d831d7e05e34eae6c.
  public static let preCommit = #"""
    repos:
    -   repo: https://github.com/pre-commit/pre-commit-hooks
        rev: v6.0.0
        hooks:
        -   id: trailing-whitespace
        -   id: end-of-file-fixer
        -   id: check-yaml
        -   id: debug-statements
        -   id: double-quote-string-fixer
        -   id: name-tests-test
        -   id: requirements-txt-fixer
    -   repo: https://github.com/asottile/setup-cfg-fmt
        rev: v3.2.0
        hooks:
        -   id: setup-cfg-fmt
    -   repo: https://github.com/asottile/reorder-python-imports
        rev: v3.17.0
        hooks:
        -   id: reorder-python-imports
            exclude: ^pre_commit/resources/
            args: [--py310-plus, --add-import, 'from __future__ import annotations']
    -   repo: https://github.com/asottile/add-trailing-comma
        rev: v4.0.0
        hooks:
        -   id: add-trailing-comma
    -   repo: https://github.com/asottile/pyupgrade
        rev: v3.21.2
        hooks:
        -   id: pyupgrade
            args: [--py310-plus]
    -   repo: https://github.com/hhatto/autopep8
        rev: v2.3.2
        hooks:
        -   id: autopep8
    -   repo: https://github.com/PyCQA/flake8
        rev: 7.3.0
        hooks:
        -   id: flake8
    -   repo: https://github.com/pre-commit/mirrors-mypy
        rev: v2.3.1
        hooks:
        -   id: mypy
            additional_dependencies: [types-pyyaml]
            exclude: ^testing/resources/
    """#

  /// evilmartians/lefthook, `.lefthook.yml` at 8d9cfec5f52367af6374a5430b4e9568844856e5.
  public static let lefthook = #"""
    assert_lefthook_installed: true
    skip_lfs: true

    colors:
      cyan: "4"
      green: "4"

    output:
      - meta
      - summary
      - jobs

    ai:
      copilot:
        postToolUse: lint

    lint:
      parallel: true
      jobs:
        - name: golang
          glob: "*.go"
          group:
            jobs:
              - run: make lint

        - name: check links
          tags: docs
          run: lychee --max-concurrency 3 -- {staged_files}
          glob: '*.md'
          exclude:
            - CHANGELOG.md

        - name: typos
          tags: lint
          run: typos --write-changes {files}
          files: git ls-files --others --exclude-standard
          exclude:
            - "*.svg"
            - "*.png"

    pre-commit:
      parallel: true
      setup:
        - run: command -v typos || brew install typos-cli
        - run: command -v lychee || brew install lychee
      jobs:
        - name: golang
          glob: "*.go"
          group:
            jobs:
              - run: make lint
                stage_fixed: true

              - run: make test

        - name: check links
          tags: docs
          run: lychee --max-concurrency 3 -- {staged_files}
          glob: '*.md'
          exclude:
            - CHANGELOG.md

        - name: typos
          tags: lint
          run: typos --write-changes {staged_files}
          exclude:
            - "*.svg"
            - "*.png"
          stage_fixed: true

        - name: update JSON schema
          tags: docs
          run: |
            go generate gen/jsonschema.go > internal/config/jsonschema.json
            go generate gen/jsonschema.go > schema.json
            git add internal/config/jsonschema.json
            git add schema.json
          glob:
            - 'gen/jsonschema.go'
            - 'internal/config/command.go'
            - 'internal/config/config.go'
            - 'internal/config/hook.go'
            - 'internal/config/job.go'
            - 'internal/config/remote.go'
            - 'internal/config/script.go'
    """#

  /// python-poetry/poetry, `.pre-commit-config.yaml` at f46702336862f30050d5c641d5ed6f7568ded793.
  public static let poetry = #"""
    ci:
      autofix_prs: false

    repos:
      - repo: https://github.com/pre-commit/pre-commit-hooks
        rev: v6.0.0
        hooks:
          - id: trailing-whitespace
            exclude: tests/repositories/fixtures/pypi.org/metadata/.*\.metadata
          - id: end-of-file-fixer
            exclude: ^.*\.egg-info/|tests/repositories/fixtures/pypi.org/metadata/.*\.metadata
          - id: check-merge-conflict
            exclude: tests/repositories/fixtures/installed/vendor/py3.7/attrs-19.3.0.dist-info/METADATA
          - id: check-case-conflict
          - id: check-json
          - id: check-toml
            exclude: tests/fixtures/invalid_lock/poetry\.lock
          - id: check-yaml
          - id: pretty-format-json
            args: [--autofix, --no-ensure-ascii, --no-sort-keys]
          - id: check-ast
          - id: debug-statements
          - id: check-docstring-first

      - repo: https://github.com/pre-commit/pre-commit
        rev: v4.6.0
        hooks:
          - id: validate_manifest

      - repo: https://github.com/astral-sh/ruff-pre-commit
        rev: v0.15.12
        hooks:
          - id: ruff-check
          - id: ruff-format

      - repo: https://github.com/woodruffw/zizmor-pre-commit
        rev: v1.24.1
        hooks:
          - id: zizmor
    """#
}
