# Build rule for pfe-mock-bank, the simulated bank that answers payment
# files with pain.002 status reports in demos and tests. It is no pfe
# product, so it is built under build/, never into bin/ or an install.
# The top Makefile includes this file after its own rules (it uses their
# PFE_CFLAGS, PFE_LIBS, build/flags and build/libpfe.a).

build/mock-bank build/obj/mock-bank:
	@mkdir -p $@

build/obj/mock-bank/pfe-mock-bank.o: tests/mock-bank/pfe-mock-bank.c $(LIB_HEADERS) build/flags | build/obj/mock-bank
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS) $(PFE_CFLAGS) -c $< -o $@

build/mock-bank/pfe-mock-bank: build/obj/mock-bank/pfe-mock-bank.o build/libpfe.a | build/mock-bank
	$(say) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) $< build/libpfe.a $(PFE_LIBS) -o $@

# The same program with AddressSanitizer and UndefinedBehaviorSanitizer,
# beside the other sanitized programs that `make check` tests.
build/asan/obj/mock-bank:
	@mkdir -p $@

build/asan/obj/mock-bank/pfe-mock-bank.o: tests/mock-bank/pfe-mock-bank.c $(LIB_HEADERS) build/flags | build/asan/obj/mock-bank
	$(say) CC-ASAN $<
	$(Q)$(CC) $(ASAN_FLAGS) $(PFE_CFLAGS) -c $< -o $@

build/asan/bin/pfe-mock-bank: build/asan/obj/mock-bank/pfe-mock-bank.o build/asan/libpfe.a | build/asan/bin
	$(say) LD-ASAN $@
	$(Q)$(CC) $(ASAN_FLAGS) $(LDFLAGS) $< build/asan/libpfe.a $(PFE_LIBS) -o $@
