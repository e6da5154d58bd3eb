/* precis-test-asan.h: the full unwinder for allocation stacks, under AddressSanitizer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a test that makes fontconfig build font sets (through Pango) that stay
 * allocated until exit: Debian's GLib has no frame pointers, so with the
 * default fast unwinder their stacks stop at g_malloc and build-aux/lsan.supp's
 * `leak:libfontconfig.so` cannot match them (with this option they match, and
 * any leak of ours still shows with its whole stack). Include it in the one
 * file of the test program that holds main(). The option only slows
 * allocation; ASAN_OPTIONS from the environment still takes precedence.
 */
#pragma once

const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
