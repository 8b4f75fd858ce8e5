/* SPDX-License-Identifier: MIT
 *
 * slareport's entry point: options, then the pipeline.  Only main() prints and exits.
 */
#include <glib.h>

int
main(int argc, char **argv)
{
	g_print("slareport %s\n", SLAREPORT_VERSION);
	return 0;
}
