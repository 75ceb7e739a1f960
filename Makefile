# guidepress — built by ./build.sh, which installs the Debian packages
# first.  Plain `make` works once they are there.

# The program links what every command needs; the PDF writers and the
# libraries only they need are a module it loads to make a PDF
# (generator/typeset.h).
CORE_PKGS = libcmark-gfm yaml-0.1 libxml-2.0 glib-2.0 gmodule-2.0 jansson
PDF_PKGS = pangocairo pangoft2 fontconfig cairo-pdf glib-2.0
PKGS     = $(CORE_PKGS) $(PDF_PKGS)
CC      ?= cc
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
CFLAGS  ?= -O2 -g
override CFLAGS += -std=c17 -D_POSIX_C_SOURCE=200809L $(WARN) -fPIC \
	-fno-semantic-interposition $(shell pkg-config --cflags $(PKGS))
override LDLIBS += $(shell pkg-config --libs $(PKGS)) -lcmark-gfm-extensions -lm
CORE_LDLIBS = $(shell pkg-config --libs $(CORE_PKGS)) -lcmark-gfm-extensions -lm
PDF_LDLIBS = $(shell pkg-config --libs $(PDF_PKGS)) -lm
B       ?= build

# every module but main.c goes into the library the tests link with
LIBSRC  = $(filter-out main.c,$(notdir $(wildcard generator/*.c)))
LIBOBJ  = $(LIBSRC:%.c=$(B)/obj/%.o)
PDFSRC  = $(notdir $(wildcard generator/pdf_*.c)) report_pdf.c
COREOBJ = $(filter-out $(PDFSRC:%.c=$(B)/obj/%.o),$(LIBOBJ))
PDFOBJ  = $(PDFSRC:%.c=$(B)/obj/%.o)
TESTS   = $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
TESTBIN = $(TESTS:%=$(B)/test_%)

all: $(B)/guidepress $(B)/guidepress-pdf.so

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

# every core object, not an archive: the module calls into any of them
# (-rdynamic exports them)
$(B)/guidepress: $(B)/obj/main.o $(COREOBJ)
	$(CC) $(CFLAGS) -rdynamic -o $@ $^ $(CORE_LDLIBS)

$(B)/guidepress-pdf.so: $(PDFOBJ)
	$(CC) $(CFLAGS) -shared -o $@ $^ $(PDF_LDLIBS)

$(B)/test_%: tests/unit/test_%.c $(B)/libgp.a generator/*.h
	$(CC) $(CFLAGS) -Igenerator -o $@ $< $(B)/libgp.a $(LDLIBS) \
		$(shell pkg-config --cflags --libs cmocka)

tests: $(TESTBIN)

clean:
	rm -rf $(B)

.PHONY: all tests clean
