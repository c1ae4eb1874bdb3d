# Two commands for everybody, more for instructors and contributors (CONTRIBUTING.md says when to use which):
#   make lab         set up .venv and open the notebooks in JupyterLab
#   make test        set up .venv and run the whole test suite (notebooks in quick mode); fails on errors, not on time
#   make student     the student edition: the notebooks without their worked solutions, in build/student/
#   make slides      one offline reveal.js deck per notebook in build/slides/, from the stored outputs
#   make tidy        after editing a notebook: stamp the shared code in, drop run metadata, set the slide types
#   make lint        ruff: lint tools, tests and notebooks; check the format of tools and tests (make format fixes it)
#   make reproduce   tidy, run every notebook in full mode, save the executed copies, update results/ and README
# Measuring: make benchmark (timings against the targets, N=3 repeats), make seeds (spread of the results over
# SEEDS=10 seeds, about an hour on 2 CPU cores); make clean removes .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
N      ?= 3
SEEDS  ?= 10

.PHONY: lab test lint format tidy stamp reproduce benchmark seeds slides student clean

$(BIN)/.installed: requirements.txt constraints.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.10 or newer is needed, this is " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

lab: $(BIN)/.installed
	$(BIN)/jupyter lab notebooks/

test: $(BIN)/.installed-dev
	$(BIN)/python -m pytest

lint: $(BIN)/.installed-dev
	$(BIN)/python -m ruff check .
	$(BIN)/python -m ruff format --check tools tests conftest.py

format: $(BIN)/.installed-dev
	$(BIN)/python -m ruff format tools tests conftest.py
	$(BIN)/python -m ruff check --fix .

tidy: $(BIN)/.installed
	$(BIN)/python -m tools.tidy

stamp: $(BIN)/.installed
	$(BIN)/python -m tools.stamp

reproduce: $(BIN)/.installed-dev
	$(BIN)/python -m tools.reproduce run

benchmark: $(BIN)/.installed-dev
	$(BIN)/python -m tools.reproduce benchmark -n $(N)

seeds: $(BIN)/.installed-dev
	$(BIN)/python -m tools.reproduce seeds -n $(SEEDS)

slides: $(BIN)/.installed
	$(BIN)/python -m tools.slides build

student: $(BIN)/.installed
	$(BIN)/python -m tools.student --out build/student

clean:
	rm -rf $(VENV)
