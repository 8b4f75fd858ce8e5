/* SPDX-License-Identifier: MIT
 *
 * Functions this project never calls (after git's banned.h).  The build force-includes
 * this header into every file; it pulls in the system headers that declare them first,
 * so only our own calls expand to the error.
 *   localtime, gmtime: hidden global state and the host's zone; use GTimeZone (zone.h).
 *   strtok: hidden state, not re-entrant.
 *   sprintf, vsprintf: no bound; use g_snprintf or GString.
 *   atof, atoi: no error reporting; use g_ascii_string_to_* (parse.h).
 */
#ifndef SLAREPORT_BANNED_H
#define SLAREPORT_BANNED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef localtime
#define localtime(...) BANNED(localtime)
#undef localtime_r
#define localtime_r(...) BANNED(localtime_r)
#undef gmtime
#define gmtime(...) BANNED(gmtime)
#undef gmtime_r
#define gmtime_r(...) BANNED(gmtime_r)
#undef strtok
#define strtok(...) BANNED(strtok)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef atof
#define atof(...) BANNED(atof)
#undef atoi
#define atoi(...) BANNED(atoi)

#endif
