# guidepress — built by ./build.sh, which installs the Debian packages
# first.  Plain `make` works once they are there.

PKGS     = libcmark-gfm yaml-0.1 libxml-2.0 pangocairo pangoft2 fontconfig cairo-pdf glib-2.0 jansson
CC      ?= cc
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c17 -D_POSIX_C_SOURCE=200809L $(WARN) $(shell pkg-config --cflags $(PKGS))
override LDLIBS += $(shell pkg-config --libs $(PKGS)) -lcmark-gfm-extensions -lm
B       ?= build

# every module but main.c goes into the library the tests link with
LIBSRC  = $(filter-out main.c,$(notdir $(wildcard generator/*.c)))
LIBOBJ  = $(LIBSRC:%.c=$(B)/obj/%.o)
TESTS   = $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
TESTBIN = $(TESTS:%=$(B)/test_%)

all: $(B)/guidepress

$(B)/obj/%.o: generator/%.c generator/*.h
	@mkdir -p $(B)/obj
	$(CC) $(CFLAGS) -c -o $@ $<

# incremental builds key every page with the program's source: a new
# program remakes every page (generator/html_incr.c)
SRCID   = $(shell cat generator/*.c generator/*.h | sha256sum | cut -c1-64)
# and the state file names the program that wrote it (generator/state.c)
$(B)/obj/html_incr.o $(B)/obj/state.o: generator/*.c
$(B)/obj/html_incr.o $(B)/obj/state.o: override CFLAGS += -DGP_SOURCE_ID='"$(SRCID)"'

$(B)/libgp.a: $(LIBOBJ)
	ar rcs $@ $^

$(B)/guidepress: $(B)/obj/main.o $(B)/libgp.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

$(B)/test_%: tests/unit/test_%.c $(B)/libgp.a generator/*.h
	$(CC) $(CFLAGS) -Igenerator -o $@ $< $(B)/libgp.a $(LDLIBS) \
		$(shell pkg-config --cflags --libs cmocka)

tests: $(TESTBIN)

clean:
	rm -rf $(B)

.PHONY: all tests clean
