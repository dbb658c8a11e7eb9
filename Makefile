# The verbs people use. Everything real happens in meson/ninja and in
# scripts/; this file only strings them together.
#
#   make run     install what is missing, build, create a demo database
#                (var/pagalba.db) if none exists, serve on 127.0.0.1:8080
#   make check   install, build, run every test (unit, HTTP on SQLite and
#                PostgreSQL, browser) under ASan+UBSan; last line:
#                "N passed, N failed"
#   make bench   run the benchmarks under bench/
#   make fuzz    build the libFuzzer targets with clang and run each briefly

SHELL := /bin/bash
BUILD ?= build
SAN_BUILD ?= build-san
FUZZ_BUILD ?= build-fuzz
DB ?= sqlite:var/pagalba.db
PORT ?= 8080

.PHONY: all deps build web run demo check test bench fuzz clean

all: build

deps:
	@scripts/install-deps.sh build

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: deps $(BUILD)/build.ninja web
	ninja -C $(BUILD)

# The web UI, when present, is built by npm into web/dist.
web:
	@if [ -f web/package.json ]; then scripts/build-web.sh; fi

demo: build
	@mkdir -p var
	@if [ ! -f var/pagalba.db ]; then \
		echo "Creating the demo database var/pagalba.db ..."; \
		$(BUILD)/pagalba --db $(DB) demo; \
	fi

run: demo
	@echo
	@echo "  Pagalba: http://127.0.0.1:$(PORT)/"
	@echo "  Log in as 'socdarb' (social worker), 'vedeja' (head), 'direktore' (director),"
	@echo "  'admin' (administrator) or 'auditorius' (auditor); password: demo-pagalba-2026"
	@echo
	$(BUILD)/pagalba --db $(DB) serve --port $(PORT)

check:
	@scripts/check.sh

test: check

bench:
	@scripts/install-deps.sh build bench
	@bench/run.sh

fuzz:
	@scripts/install-deps.sh build
	@scripts/fuzz.sh

clean:
	rm -rf $(BUILD) $(SAN_BUILD) $(FUZZ_BUILD) web/dist
