# Rill's two entry points: `make demo` runs the tour of the framework, `make test` runs the test
# suite. Both install the Debian packages Rill links against when they are missing, then build
# in release mode (debug builds run kernels 50–500× slower).

SWIFT ?= swift
APT_PACKAGES := libopenblas-dev libdnnl-dev zlib1g-dev libdeflate-dev python3 python3-venv
# What only the tests need: strace traces the durable writes (Tests/DurabilityTests).
TEST_APT_PACKAGES := strace
# Open MPI, for RillDistributed and its tests under mpirun.
MPI_APT_PACKAGES := libopenmpi-dev openmpi-bin
# Vulkan, for RillVulkan: the loader and headers, Mesa's CPU driver (lavapipe, which the tests
# run on where no GPU is present) and glslc, which only scripts/compile-shaders needs.
VULKAN_APT_PACKAGES := libvulkan-dev mesa-vulkan-drivers glslc
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO ?= TensorTour

.PHONY: demo test build bench bench-devices bench-readme bench-report-test bench-mpi deps lint protos shaders size clean fuzz fuzz-short

demo: deps
	$(SWIFT) run -c release $(DEMO)

test: deps
	$(SWIFT) test -c release
	$(MAKE) bench-report-test
	$(MAKE) bindings-test
	$(MAKE) fuzz-short

# Mutation fuzzing of every reader, each input in a child process limited to 1 GiB (options at
# the top of Tools/rill-fuzz/main.swift). Inputs that crash or hang are saved under
# Tests/FuzzTests/Regressions, where FuzzTests reads them again.
fuzz: deps
	$(SWIFT) run -c release rill-fuzz --mutations 100000

# The same for about a minute in all, as CI runs it.
fuzz-short: deps
	$(SWIFT) run -c release rill-fuzz --mutations 100000 --seconds 60

build: deps
	$(SWIFT) build -c release

# Every workload beside the reference frameworks; the figures go to the screen and to
# Benchmarks/results/latest.jsonl and latest.md, which is then copied into the README.
bench: deps
	Benchmarks/run kernels eager graph data conv mlp cnn
	$(MAKE) bench-readme

# Copies the last run's report (Benchmarks/results/latest.md) into README.md.
bench-readme:
	python3 Benchmarks/report/report.py splice README.md Benchmarks/results/latest.md

# The report generator's tests, on canned figures.
bench-report-test:
	cd Benchmarks/report && python3 -m unittest -v test_report 2>&1

# The device kernels and training steps on the CPU and every Vulkan device.
bench-devices: deps
	RILL_BENCH_RESULTS=Benchmarks/results/devices Benchmarks/run devices

# MPI all-reduce bandwidth against plain C, and the MNIST MLP on 2 processes against 1.
bench-mpi: deps
	Benchmarks/mpi/run

# Installs the Debian packages that are not installed yet.
deps:
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is required: https://www.swift.org/install/linux/"; exit 1; }
	@missing=$$(for p in $(APT_PACKAGES) $(BINDINGS_APT_PACKAGES) $(TEST_APT_PACKAGES) $(MPI_APT_PACKAGES) $(VULKAN_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing $$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Fails on any finding of the checked-in .swift-format rules (CI runs it before the tests).
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Examples Benchmarks/Sources Tools
	@if command -v glslc >/dev/null; then scripts/compile-shaders --check; \
	else echo "glslc is not installed: the committed SPIR-V was not checked"; fi

# Regenerates the Vulkan backend's SPIR-V (Sources/CRillVulkan/shaders.c) from its GLSL.
shaders:
	scripts/compile-shaders

size:
	@scripts/lines-per-module

# Regenerates Generated/TensorBoardProtos/*.pb.swift after a change to its .proto files (installs
# protoc when missing; the normal build needs neither protoc nor this step).
protos:
	scripts/generate-protos

clean:
	rm -rf .build Benchmarks/.build .build-c .build-java

# The C API and the Java library: `make bindings-test`, `make c-example`, `make java-example`.
include bindings/bindings.mk
