# Two commands for everybody, one for instructors:
#   make lab         set up .venv and open the notebooks in JupyterLab
#   make test        set up .venv and run the whole test suite (notebooks in quick mode)
#   make reproduce   run every notebook in full mode, save the executed copies, update results/ and README
#   make student     the student edition: the notebooks without their worked solutions, in build/student/
# Extra: make benchmark (timings, N=3 repeats), make seeds (spread of the results over SEEDS=10 seeds, about an hour
#        on 2 CPU cores), make slides (one offline reveal.js deck per notebook in build/slides/, from the stored
#        outputs), make clean (remove .venv)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
N      ?= 3
SEEDS  ?= 10

.PHONY: lab test reproduce benchmark seeds slides student clean

$(BIN)/.installed: requirements.txt constraints.txt
	$(PYTHON) -c 'import sys; sys.exit("Python 3.10 or newer is needed, this is " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

lab: $(BIN)/.installed
	$(BIN)/jupyter lab notebooks/

test: $(BIN)/.installed
	$(BIN)/python -m pytest

reproduce: $(BIN)/.installed
	$(BIN)/python results/reproduce.py run

benchmark: $(BIN)/.installed
	$(BIN)/python results/reproduce.py benchmark -n $(N)

seeds: $(BIN)/.installed
	$(BIN)/python results/reproduce.py seeds -n $(SEEDS)

slides: $(BIN)/.installed
	$(BIN)/python results/slides.py build

student: $(BIN)/.installed
	$(BIN)/python results/student.py --out build/student

clean:
	rm -rf $(VENV)
