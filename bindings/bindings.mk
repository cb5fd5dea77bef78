# The C API (include/rill.h, librill.so) and the Java library on it (bindings/java): built, run
# and tested by `make bindings-test`, which `make test` calls. Included by the Makefile.

BINDINGS_APT_PACKAGES := gcc libc6-dev binutils zlib1g-dev valgrind openjdk-17-jdk-headless junit5
JDK ?= /usr/lib/jvm/java-17-openjdk-amd64
JUNIT_JARS := /usr/share/java/junit-jupiter-api.jar:/usr/share/java/apiguardian-api.jar:/usr/share/java/opentest4j.jar
JUNIT_CONSOLE := /usr/share/java/junit-platform-console-standalone.jar
CC ?= cc
C_FLAGS := -O2 -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Iinclude
RILL_LIB_DIR := $(CURDIR)/.build/release
RILL_LINK := -L$(RILL_LIB_DIR) -lrill -Wl,-rpath,$(RILL_LIB_DIR)
C_OUT := .build-c
JAVA_OUT := .build-java
MNIST_DIR ?= $(if $(RILL_DATA_DIR),$(RILL_DATA_DIR)/mnist,$(HOME)/.cache/rill/datasets/mnist)
MODEL_DIR := $(C_OUT)/keras-mnist-model
# Valgrind 3.19 cannot read the DWARF 5 of Swift's toolchain: it checks a copy without it.
VALGRIND := valgrind --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite --error-exitcode=3 -q

.PHONY: capi c-example c-test java java-doc java-example java-test bindings-test

bindings-test: c-test java-test

# librill.so, the MNIST model that KerasMNIST saves, and Swift's predictions for 10 images.
capi: deps
	$(SWIFT) build -c release --product rill
	$(SWIFT) build -c release --product KerasMNIST
	$(SWIFT) build -c release --product CAPIReference
	mkdir -p $(C_OUT)
	[ -f $(MODEL_DIR)/model.safetensors ] || .build/release/KerasMNIST $(C_OUT)
	.build/release/CAPIReference $(MODEL_DIR) 10 $(C_OUT)/swift-predictions.bin

c-example: capi
	$(CC) $(C_FLAGS) Examples/c/mnist.c Examples/c/mnist_idx.c $(RILL_LINK) -lz -o $(C_OUT)/mnist
	$(C_OUT)/mnist $(MODEL_DIR) $(MNIST_DIR) $(C_OUT)/c-predictions.bin

c-test: c-example
	cmp $(C_OUT)/swift-predictions.bin $(C_OUT)/c-predictions.bin
	@echo "C predictions equal Swift's, bit for bit"
	$(CC) $(C_FLAGS) bindings/c/tests/*.c $(RILL_LINK) -lm -o $(C_OUT)/test_c_api
	$(C_OUT)/test_c_api
	mkdir -p $(C_OUT)/lib
	strip --strip-debug -o $(C_OUT)/lib/librill.so $(RILL_LIB_DIR)/librill.so
	LD_LIBRARY_PATH=$(C_OUT)/lib $(VALGRIND) --log-file=$(C_OUT)/valgrind.log \
	  $(C_OUT)/mnist $(MODEL_DIR) $(MNIST_DIR) > $(C_OUT)/valgrind-run.txt 2>&1 \
	  || { cat $(C_OUT)/valgrind-run.txt $(C_OUT)/valgrind.log | grep -v '^### unhandled'; exit 1; }
	@echo "valgrind: no leaks in the C example"

# rill.jar (javac, jar) and librilljni.so (cc against the JDK's headers and librill.so).
java: capi
	rm -rf $(JAVA_OUT)/classes && mkdir -p $(JAVA_OUT)/classes
	$(JDK)/bin/javac --release 17 -Xlint:all -Xdoclint:all/protected -Werror -d $(JAVA_OUT)/classes bindings/java/src/dev/rill/*.java
	$(JDK)/bin/jar --create --file $(JAVA_OUT)/rill.jar -C $(JAVA_OUT)/classes .
	$(CC) $(C_FLAGS) -shared -fPIC -I$(JDK)/include -I$(JDK)/include/linux \
	  bindings/java/native/*.c $(RILL_LINK) -o $(JAVA_OUT)/librilljni.so

# The Javadoc of dev.rill, in .build-java/doc.
java-doc:
	$(JDK)/bin/javadoc -quiet -Xdoclint:all -d $(JAVA_OUT)/doc bindings/java/src/dev/rill/*.java

java-example: java
	rm -rf $(JAVA_OUT)/example && mkdir -p $(JAVA_OUT)/example
	$(JDK)/bin/javac --release 17 -cp $(JAVA_OUT)/rill.jar -d $(JAVA_OUT)/example Examples/java/MnistExample.java
	$(JDK)/bin/java -Ddev.rill.library=$(CURDIR)/$(JAVA_OUT)/librilljni.so \
	  -cp $(JAVA_OUT)/rill.jar:$(JAVA_OUT)/example MnistExample $(MODEL_DIR) $(MNIST_DIR) $(JAVA_OUT)/java-predictions.bin

java-test: java-example
	cmp $(C_OUT)/swift-predictions.bin $(JAVA_OUT)/java-predictions.bin
	@echo "Java predictions equal Swift's, bit for bit"
	rm -rf $(JAVA_OUT)/test-classes && mkdir -p $(JAVA_OUT)/test-classes
	$(JDK)/bin/javac --release 17 -cp $(JAVA_OUT)/rill.jar:$(JUNIT_JARS) -d $(JAVA_OUT)/test-classes bindings/java/test/dev/rill/*.java
	$(JDK)/bin/java -Ddev.rill.library=$(CURDIR)/$(JAVA_OUT)/librilljni.so \
	  -Drill.test.model=$(MODEL_DIR) -Drill.test.mnist=$(MNIST_DIR) \
	  -Drill.test.reference=$(C_OUT)/swift-predictions.bin \
	  -jar $(JUNIT_CONSOLE) -cp $(JAVA_OUT)/rill.jar:$(JAVA_OUT)/test-classes \
	  --select-package dev.rill --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests
