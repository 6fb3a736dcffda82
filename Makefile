# One command per habit. `make run` and `make test` do all set-up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export TIKTOKEN_CACHE_DIR ?= $(CURDIR)/.rag/tiktoken

.PHONY: install install-server install-browser run ingest test check lint typecheck eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[ui,test]"
	touch $(STAMP)

install: $(STAMP)

# llama.cpp's OpenAI-compatible server for the integration tests (builds from source, ~5 min once)
install-server: $(STAMP)
	$(BIN)/python -c "import llama_cpp.server" 2>/dev/null || CMAKE_ARGS="-DGGML_NATIVE=OFF" $(BIN)/python -m pip install -q "llama-cpp-python[server]>=0.3,<0.4"

# Debian's Chromium for the browser end-to-end test
install-browser:
	(command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "noto.*cjk") || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null) || echo "chromium not installed: the browser test will be skipped"

ingest: $(STAMP)
	@mkdir -p .rag
	$(BIN)/rag ingest

run: ingest
	$(BIN)/streamlit run app.py --server.headless true --browser.gatherUsageStats false

# Everything, including ruff and mypy, so CI enforces them.
test: $(STAMP) install-server install-browser ingest lint typecheck
	$(BIN)/python -m pytest -q

# The fast loop: ruff, mypy and the unit tests with the deterministic fake embedder (no model, no servers,
# no end-to-end runs of the whole app: those are `make test`'s).
check: $(STAMP) lint typecheck
	RAG_EMBEDDER=hash $(BIN)/python -m pytest -q -m "not integration and not e2e" -p no:cacheprovider

lint: $(STAMP)
	$(BIN)/ruff check rag tests app.py

typecheck: $(STAMP)
	$(BIN)/mypy rag

eval: ingest
	$(BIN)/rag eval

bench: $(STAMP)
	$(BIN)/rag bench

clean:
	rm -rf .rag .pytest_cache .mypy_cache .ruff_cache
