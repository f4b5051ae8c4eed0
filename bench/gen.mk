# Build rule for pfe-gen, the seeded generator of department CSV files.
# The top Makefile includes this file after its own rules (it uses their
# PFE_CFLAGS, PFE_LIBS, build/flags and build/libpfe.a) and lists
# bin/pfe-gen under `all`.

build/obj/bench:
	@mkdir -p $@

build/obj/bench/pfe-gen.o: bench/pfe-gen.c bench/pfe-gen-tables.h $(LIB_HEADERS) build/flags | build/obj/bench
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS) $(PFE_CFLAGS) -c $< -o $@

bin/pfe-gen: build/obj/bench/pfe-gen.o build/libpfe.a | bin
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) $< build/libpfe.a $(PFE_LIBS) -o $@

# The same program with AddressSanitizer and UndefinedBehaviorSanitizer,
# for `make check`.
build/asan/obj/bench:
	@mkdir -p $@

build/asan/obj/bench/pfe-gen.o: bench/pfe-gen.c bench/pfe-gen-tables.h $(LIB_HEADERS) build/flags | build/asan/obj/bench
	$(say) CC-ASAN $<
	$(Q)$(CC) $(ASAN_FLAGS) $(PFE_CFLAGS) -c $< -o $@

build/asan/bin/pfe-gen: build/asan/obj/bench/pfe-gen.o build/asan/libpfe.a | build/asan/bin
	$(say) LD-ASAN $@
	$(Q)$(CC) $(ASAN_FLAGS) $(LDFLAGS) $< build/asan/libpfe.a $(PFE_LIBS) -o $@
