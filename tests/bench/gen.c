/* SPDX-License-Identifier: MIT
 *
 * slareport-gen: writes a synthetic input folder (plans.ini and the five CSV files of
 * inputs.md) for `make bench`: N customers with 1–5 services over five plans modelled
 * on the seed contracts, the reported month plus eleven months of ticket history, at
 * about 20 tickets, 10 outages and 0.2 maintenance windows per customer-month.
 * Deterministic: integer-only draws from xoshiro256**, one stream per customer seeded
 * from (seed, customer number), so customer 42 is the same whatever N is.
 * It knows the provider zone's clock changes (Europe/Paris, written in plans.ini) so
 * that no local time falls in the skipped hour; it does not run or check slareport.
 */
#include <errno.h>
#include <glib.h>

#define HISTORY_MONTHS_DEFAULT 11
#define TICKETS_PER_CUSTOMER_MONTH 20
#define OUTAGES_PER_CUSTOMER_MONTH 10
#define MAINTENANCE_PERMILLE_PER_CUSTOMER_MONTH 200
#define MAX_SERVICES 5
#define SECONDS_PER_DAY 86400

/* ==== Random numbers ============================================================= */

typedef struct {
	guint64 s[4];
} Rng;

static guint64
splitmix64(guint64 *x)
{
	guint64 z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
rng_seed(Rng *r, guint64 seed, guint64 stream)
{
	guint64 x = seed ^ (stream * 0xd1b54a32d192ed03ULL);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline guint64
rotl(guint64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next(Rng *r)
{
	guint64 *s = r->s;
	guint64 result = rotl(s[1] * 5, 7) * 9;
	guint64 t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* uniform in [0, n) (Lemire's multiply-shift; its bias is below 2^-32) */
static inline guint32
rng_below(Rng *r, guint32 n)
{
	return (guint32)(((rng_next(r) >> 32) * n) >> 32);
}

/* uniform in [lo, hi] */
static inline gint64
rng_range(Rng *r, gint64 lo, gint64 hi)
{
	return lo + (gint64)rng_below(r, (guint32)(hi - lo + 1));
}

static inline gboolean
rng_chance(Rng *r, guint permille)
{
	return rng_below(r, 1000) < permille;
}

/* index drawn with the given weights */
static guint
rng_pick(Rng *r, const guint *weights, guint n)
{
	guint total = 0, x;

	for (guint i = 0; i < n; i++)
		total += weights[i];
	x = rng_below(r, total);
	for (guint i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	g_assert_not_reached();
}

/* A distribution as weighted uniform ranges: integer-only, so identical everywhere. */
typedef struct {
	guint weight;
	gint64 lo, hi;
} Bucket;

static gint64
rng_bucket(Rng *r, const Bucket *b, guint n)
{
	guint w[8];

	g_assert(n <= G_N_ELEMENTS(w));
	for (guint i = 0; i < n; i++)
		w[i] = b[i].weight;
	b += rng_pick(r, w, n);
	return rng_range(r, b->lo, b->hi);
}

/* x / 1000 rounded up with probability (x % 1000) / 1000: a count with mean x/1000 */
static guint
rng_round(Rng *r, guint64 x)
{
	return (guint)(x / 1000) + (rng_below(r, 1000) < x % 1000);
}

#define PICK(r, array) ((array)[rng_below((r), G_N_ELEMENTS(array))])

/* ==== Days and local times ======================================================= */

/*
 * Times are seconds since day 0 00:00 in naive local time (the base of the day
 * table).  Naive order is real order once written: the skipped spring hour maps to
 * 03:00 and the repeated autumn hour is written with +02:00 (its first occurrence),
 * both monotonic, so "closed ≥ restored" in naive seconds stays true in the file.
 */
enum {
	DAY_SPRING_GAP = 1 << 0,   /* last Sunday of March: 02:00–02:59 does not exist */
	DAY_AUTUMN_REPEAT = 1 << 1, /* last Sunday of October: 02:00–02:59 happens twice */
};

typedef struct {
	char date[11]; /* YYYY-MM-DD */
	guint8 flags;
} DayInfo;

typedef struct {
	GDate base;
	DayInfo *days;
	guint n_days;
} DayTable;

static void
days_init(DayTable *t, guint base_year, guint n_days)
{
	GDate d;

	g_date_clear(&t->base, 1);
	g_date_set_dmy(&t->base, 1, G_DATE_JANUARY, (GDateYear)base_year);
	t->days = g_new0(DayInfo, n_days);
	t->n_days = n_days;
	d = t->base;
	for (guint i = 0; i < n_days; i++) {
		GDateMonth m = g_date_get_month(&d);
		gboolean last_sunday = g_date_get_weekday(&d) == G_DATE_SUNDAY &&
		    g_date_get_day(&d) + 7 > g_date_get_days_in_month(m, g_date_get_year(&d));

		g_snprintf(t->days[i].date, sizeof t->days[i].date, "%04u-%02u-%02u",
		    (guint)g_date_get_year(&d), (guint)m, (guint)g_date_get_day(&d));
		if (last_sunday && m == G_DATE_MARCH)
			t->days[i].flags |= DAY_SPRING_GAP;
		if (last_sunday && m == G_DATE_OCTOBER)
			t->days[i].flags |= DAY_AUTUMN_REPEAT;
		g_date_add_days(&d, 1);
	}
}

static void
days_clear(DayTable *t)
{
	g_clear_pointer(&t->days, g_free);
}

/* day number of a date (which must not precede the base) */
static gint64
days_number(const DayTable *t, guint year, guint month, guint day)
{
	GDate d;

	g_date_clear(&d, 1);
	g_date_set_dmy(&d, (GDateDay)day, (GDateMonth)month, (GDateYear)year);
	return (gint64)g_date_days_between(&t->base, &d);
}

/* ==== Buffered CSV output ======================================================== */

#define OUT_CAP (1u << 20)

typedef struct {
	const char *name;
	char *path;
	FILE *file;
	char *buf;
	gsize len;
	char delim;
	const char *eol;
	guint64 rows;
	guint64 bytes;
	int error; /* errno of the first failed write, 0 if none */
} Out;

static void
out_flush(Out *o)
{
	if (o->len > 0 && o->error == 0 && fwrite(o->buf, 1, o->len, o->file) != o->len)
		o->error = errno ? errno : EIO;
	o->bytes += o->len;
	o->len = 0;
}

static inline void
out_mem(Out *o, const char *s, gsize n)
{
	if (o->len + n > OUT_CAP) {
		out_flush(o);
		if (n > OUT_CAP) {
			if (o->error == 0 && fwrite(s, 1, n, o->file) != n)
				o->error = errno ? errno : EIO;
			o->bytes += n;
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void
out_str(Out *o, const char *s)
{
	out_mem(o, s, strlen(s));
}

static inline void
out_char(Out *o, char c)
{
	out_mem(o, &c, 1);
}

/* v in decimal, at least width digits (zero-padded) */
static void
out_uint(Out *o, guint64 v, int width)
{
	char tmp[24];
	int i = sizeof tmp;

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 || (int)sizeof tmp - i < width);
	out_mem(o, tmp + i, sizeof tmp - (gsize)i);
}

static inline void
out_sep(Out *o)
{
	out_char(o, o->delim);
}

static inline void
out_end(Out *o)
{
	out_str(o, o->eol);
	o->rows++;
}

/* a text field, quoted (RFC 4180) only when it needs to be */
static void
out_text(Out *o, const char *s)
{
	if (strpbrk(s, "\"\r\n") == NULL && strchr(s, o->delim) == NULL) {
		out_str(o, s);
		return;
	}
	out_char(o, '"');
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			out_char(o, '"');
		out_char(o, *p);
	}
	out_char(o, '"');
}

enum {
	TIME_SPACE = 1 << 0,   /* "YYYY-MM-DD HH:MM" rather than "YYYY-MM-DDTHH:MM" */
	TIME_SECONDS = 1 << 1, /* ":SS" too */
};

static const DayTable *out_days; /* set once in main() */

static void
out_time(Out *o, gint64 t, guint style)
{
	gint64 day = t / SECONDS_PER_DAY;
	guint s = (guint)(t % SECONDS_PER_DAY);
	guint hh = s / 3600, mm = s / 60 % 60, ss = s % 60;
	const DayInfo *info;
	char buf[32];

	g_assert(t >= 0 && day < out_days->n_days);
	info = &out_days->days[day];
	if (hh == 2 && (info->flags & DAY_SPRING_GAP))
		hh = 3, mm = 0, ss = 0;
	memcpy(buf, info->date, 10);
	buf[10] = (style & TIME_SPACE) ? ' ' : 'T';
	buf[11] = (char)('0' + hh / 10);
	buf[12] = (char)('0' + hh % 10);
	buf[13] = ':';
	buf[14] = (char)('0' + mm / 10);
	buf[15] = (char)('0' + mm % 10);
	gsize n = 16;
	if (style & TIME_SECONDS) {
		buf[n++] = ':';
		buf[n++] = (char)('0' + ss / 10);
		buf[n++] = (char)('0' + ss % 10);
	}
	if (hh == 2 && (info->flags & DAY_AUTUMN_REPEAT)) {
		memcpy(buf + n, "+02:00", 6);
		n += 6;
	}
	out_mem(o, buf, n);
}

static void
out_date(Out *o, gint64 day)
{
	g_assert(day >= 0 && day < out_days->n_days);
	out_mem(o, out_days->days[day].date, 10);
}

/* cents as "1234,50" (decimal comma, for the `;` file), shortened as exports do */
static void
out_money_comma(Out *o, gint64 cents)
{
	out_uint(o, (guint64)(cents / 100), 1);
	if (cents % 100 == 0)
		return;
	out_char(o, ',');
	if (cents % 10 == 0)
		out_uint(o, (guint64)(cents % 100 / 10), 1);
	else
		out_uint(o, (guint64)(cents % 100), 2);
}

static gboolean
out_open(Out *o, const char *dir, const char *name, char delim, const char *eol,
    GError **error)
{
	o->name = name;
	o->path = g_build_filename(dir, name, NULL);
	o->file = fopen(o->path, "wb");
	if (o->file == NULL) {
		int e = errno;
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(e), "%s: %s", o->path,
		    g_strerror(e));
		return FALSE;
	}
	o->buf = g_malloc(OUT_CAP);
	o->delim = delim;
	o->eol = eol;
	return TRUE;
}

/* a header line from a comma-separated list, in the file's delimiter */
static void
out_header(Out *o, const char *columns)
{
	for (const char *p = columns; *p != '\0'; p++)
		out_char(o, *p == ',' ? o->delim : *p);
	out_str(o, o->eol);
}

/* flushes and closes; an Out never opened is fine (nothing to do) */
static gboolean
out_close(Out *o, GError **error)
{
	gboolean ok;

	if (o->file == NULL) {
		g_clear_pointer(&o->path, g_free);
		return TRUE;
	}
	out_flush(o);
	if (fclose(o->file) != 0 && o->error == 0)
		o->error = errno ? errno : EIO;
	o->file = NULL;
	ok = o->error == 0;
	if (!ok)
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(o->error), "%s: %s",
		    o->path, g_strerror(o->error));
	g_clear_pointer(&o->buf, g_free);
	g_clear_pointer(&o->path, g_free);
	return ok;
}

/* ==== plans.ini ================================================================== */

/* Five plans, one per contract family of shared/seeds/README.md. */
static const char plans_ini[] =
    "# Written by slareport-gen: one plan per contract family of the seed contracts.\n"
    "[provider]\n"
    "name=Hébergeur Synthétique SAS\n"
    "address=12 rue des Serveurs\\n38000 Grenoble\n"
    "timezone=Europe/Paris\n"
    "language=fr\n"
    "currency=EUR\n"
    "vat_rate=20\n"
    "credit_note_prefix=AV\n"
    "legal=SAS au capital de 100 000 € – RCS Grenoble 000 000 000 – TVA FR00000000000\n"
    "\n"
    "[calendar 5x10]\n"
    "monday=08:00-18:00\n"
    "tuesday=08:00-18:00\n"
    "wednesday=08:00-18:00\n"
    "thursday=08:00-18:00\n"
    "friday=08:00-18:00\n"
    "holidays=FR\n"
    "\n"
    "# PHPNET's business hours: Monday-Friday 9-19, weekend 9-18\n"
    "[calendar heures-ouvrables]\n"
    "monday=09:00-19:00\n"
    "tuesday=09:00-19:00\n"
    "wednesday=09:00-19:00\n"
    "thursday=09:00-19:00\n"
    "friday=09:00-19:00\n"
    "saturday=09:00-18:00\n"
    "sunday=09:00-18:00\n"
    "\n"
    "# OVH premium partner support: severity S1-S5 from impact x urgency, 80 contacts\n"
    "[plan ovh-premium]\n"
    "priorities=S1,S2,S3,S4,S5\n"
    "priority.matrix=high/high:S1,medium/high:S2,low/high:S3,high/medium:S2,"
    "medium/medium:S3,low/medium:S4,high/low:S3,medium/low:S4,low/low:S5\n"
    "gti.target=S1:15m,S2:1h,S3:4h,S4:8h,S5:24h\n"
    "contacts.monthly=80\n"
    "contacts.types=request,change\n"
    "contacts.overage_fee=35.00\n"
    "\n"
    "# PHPNET managed servers: hardware/network GTR, software GTI, 50 % per breach\n"
    "[plan phpnet-infogerance]\n"
    "gtr.target=*:4h\n"
    "gtr.calendar=heures-ouvrables\n"
    "gtr.categories=hardware,network\n"
    "gtr.penalty=flat\n"
    "gtr.percent=50\n"
    "gti.target=*:1h\n"
    "gti.calendar=heures-ouvrables\n"
    "gti.categories=software\n"
    "gti.penalty=flat\n"
    "gti.percent=50\n"
    "credit.mode=on-request\n"
    "allowance.monthly=1h\n"
    "allowance.types=request,change\n"
    "\n"
    "# NXO maintenance: 5x10 except high priorities on 24x7, 90 % a year, work units\n"
    "[plan nxo-carnet]\n"
    "priorities=P1,P2,P3,P4\n"
    "priority.matrix=high/high:P1,high/medium:P2,medium/high:P2,high/low:P3,"
    "medium/medium:P3,low/high:P3,medium/low:P4,low/medium:P4,low/low:P4\n"
    "gtr.target=P1:4h,P2:8h,P3:16h,P4:32h\n"
    "gtr.calendar=5x10\n"
    "gtr.calendar.P1=24x7\n"
    "gtr.calendar.P2=24x7\n"
    "gti.target=P1:30m,P2:1h,P3:4h,P4:8h\n"
    "gti.calendar=5x10\n"
    "gti.calendar.P1=24x7\n"
    "gti.calendar.P2=24x7\n"
    "compliance.target=90\n"
    "units.annual=50\n"
    "\n"
    "# Icodia managed servers, level 2: monthly intervention time, not carried over\n"
    "[plan icodia-infogerance]\n"
    "allowance.monthly=2h\n"
    "allowance.types=request,change\n"
    "allowance.increment=15m\n"
    "allowance.minimum=15m\n"
    "allowance.overage_rate=90.00\n"
    "\n"
    "# Alteo hosting SLA: 99.9 %, 2.5 % per started hour, tiered GTR, 8 days' notice\n"
    "[plan alteo-sla]\n"
    "availability.target=99.9\n"
    "availability.penalty=per-block\n"
    "availability.block=1h\n"
    "availability.block_percent=2.5\n"
    "availability.block_rounding=started\n"
    "availability.counted=total\n"
    "availability.cap=100\n"
    "maintenance.notice=8d\n"
    "gtr.target=*:4h\n"
    "gtr.penalty=tiers\n"
    "gtr.tiers=1h:20,2h:30,3h:40,*:50\n"
    "gtr.cap=100\n"
    "allowance.monthly=1h\n"
    "allowance.increment=15m\n"
    "credit.cap=100\n";

typedef enum {
	PRIORITY_NONE,     /* the plan has a `*` target or no guarantee: leave it empty */
	PRIORITY_SEVERITY, /* OVH: S1-S5, mostly through impact/urgency */
	PRIORITY_P4,       /* NXO: P1-P4, half given, half through impact/urgency */
} PriorityStyle;

typedef struct {
	const char *id;
	guint weight;
	gint64 fee_lo, fee_hi; /* cents */
	PriorityStyle priority;
	gboolean units;
	const char *labels[3]; /* each followed by a number */
} PlanInfo;

static const PlanInfo plans[] = {
	{ "ovh-premium", 20, 8900, 39900, PRIORITY_SEVERITY, FALSE,
	    { "Serveur dédié srv-", "Support Premium – compte ", "Cloud privé pcc-" } },
	{ "phpnet-infogerance", 25, 4900, 29900, PRIORITY_NONE, FALSE,
	    { "Serveur infogéré ns", "Infogérance Sérénité – ns", "Serveur mutualisé web" } },
	{ "nxo-carnet", 20, 15000, 120000, PRIORITY_P4, TRUE,
	    { "Carnet multi-services – site ", "Routeur d'agence rt-", "Téléphonie IPBX " } },
	{ "icodia-infogerance", 20, 9900, 49900, PRIORITY_NONE, FALSE,
	    { "Infogérance niveau 2 – srv", "Infogérance niveau 3 – srv", "Sauvegarde externalisée " } },
	{ "alteo-sla", 15, 19900, 250000, PRIORITY_NONE, FALSE,
	    { "Hébergement SLA 99,9 % – vm", "Baie privée 42U n°", "Cluster haute disponibilité " } },
};

/* ==== Vocabulary ================================================================= */

static const char *const fr_trades[] = { "Boulangerie", "Librairie", "Cabinet", "Hôtel",
	"Pharmacie", "Garage", "Atelier", "Éditions", "Clinique vétérinaire", "Fromagerie",
	"Brasserie", "Menuiserie", "Agence", "Crèmerie", "Société", "Imprimerie" };
static const char *const fr_names[] = { "Dupré", "Lefèvre", "Müller", "Noël", "Lemaître",
	"Côté", "Girard", "Rousseau", "Bérard", "Châtelain", "Perrière", "Lévêque", "Mercier",
	"Brûlé", "Caër", "Gaëlle", "Hélène", "Aubépine", "Ségolène", "Françoise" };
static const char *const fr_forms[] = { "SARL", "SAS", "SA", "EURL", "& Fils", "et Associés" };
static const char *const en_names[] = { "Northwind", "Contoso", "Fabrikam", "Tailspin",
	"Wingtip", "Litware", "Adventure Works", "Blue Yonder", "Proseware", "Woodgrove" };
static const char *const en_trades[] = { "Logistics", "Trading", "Consulting", "Systems",
	"Foods", "Publishing" };
static const char *const en_forms[] = { "Ltd", "plc", "LLP", "Inc." };
static const char *const fr_streets[] = { "rue de l'Église", "avenue Jean-Jaurès",
	"place du Marché", "boulevard Gambetta", "chemin des Écoliers", "rue Pasteur",
	"allée des Châtaigniers", "quai de la Saône", "impasse des Pêcheurs" };
static const char *const fr_cities[] = { "75011 Paris", "69002 Lyon", "13001 Marseille",
	"31000 Toulouse", "44000 Nantes", "67000 Strasbourg", "38000 Grenoble", "59800 Lille",
	"33000 Bordeaux", "35000 Rennes", "97400 Saint-Denis", "20000 Ajaccio",
	"74000 Annecy-le-Vieux" };
static const char *const en_addresses[] = { "1 Canada Square\nLondon E14 5AB",
	"22 Baker Street\nLondon NW1 6XE", "5 Queen's Road\nBrighton BN1 3XE",
	"Unit 4, Harbour Park\nCork T12 X9A2\nIreland" };
static const char *const outage_texts[] = { "", "", "", "Panne d'alimentation, baie B3",
	"Coupure réseau « transit »", "Disque défaillant", "Redémarrage intempestif",
	"Saturation mémoire", "Lien \"fibre\" coupé", "Attaque DDoS — filtrage activé",
	"Switch d'accès hors service", "Perte de paquets sur le cœur de réseau" };
static const char *const customer_outage_texts[] = { "", "Pare-feu mal configuré par le client",
	"Redémarrage demandé par le client", "Quota dépassé (client)", "DNS du client expiré" };
static const char *const maintenance_texts[] = { "Mise à jour du noyau",
	"Remplacement de disque", "Migration baie", "Mise à jour firmware, contrôleur RAID",
	"Maintenance électrique", "" };
static const char *const categories[] = { "hardware", "network", "software", "software",
	"storage", "hardware", "network", "software", "" };
static const char *const levels[] = { "high", "medium", "low", "medium", "low", "High",
	"LOW" };
static const char *const yes_words[] = { "", "", "yes", "yes", "oui", "1", "true", "Yes" };
static const char *const no_words[] = { "no", "no", "non", "0", "false" };

/* ==== Customers, services and their events ======================================= */

typedef struct {
	guint plan;
	gint64 start_day; /* -1: not given */
	gint64 end_day;   /* -1: not given */
	guint units;      /* units_annual, 0: not given */
} Service;

typedef struct {
	guint64 seed;
	guint n_customers;
	guint history_months;
	gint64 first_day_of[64]; /* first day of month i, 0 = oldest, history_months = reported */
	gint64 month_start;      /* first day of the reported month */
	gint64 month_end;        /* first day after it */
	gint64 history_start;    /* first day of the oldest month */
	gint64 export_at;        /* the export's instant: the end of the reported month */
	guint base_year, year;
	Out customers, services, tickets, outages, maintenance;
	guint64 active_customers, one_service_customers;
	GArray *opened;  /* gint64: scratch for one month's ticket times */
	GArray *pending; /* Outage: one customer's outages, written sorted by start */
} Gen;

/* An outage waits in Gen.pending so that a customer's outages are written in order. */
typedef struct {
	gint64 start, end; /* end -1: still down */
	guint seq;         /* ties keep the order of generation */
	guint service;
	guint ticket;      /* linked ticket's number, 0 if none */
	const char *cause; /* as written, "" for none */
	const char *text;
} Outage;

typedef struct {
	guint64 number; /* 1-based */
	Rng rng;
	guint activity; /* per mille of an average customer */
	guint n_services;
	Service services[MAX_SERVICES];
	guint tickets, windows;
} Customer;

static gboolean
service_active(const Service *s, gint64 day)
{
	return (s->start_day < 0 || s->start_day <= day) && (s->end_day < 0 || day <= s->end_day);
}

/* an active service of the customer on that day, or -1 */
static gint
pick_service(Customer *c, gint64 day)
{
	guint active[MAX_SERVICES], n = 0;

	for (guint i = 0; i < c->n_services; i++)
		if (service_active(&c->services[i], day))
			active[n++] = i;
	return n == 0 ? -1 : (gint)active[rng_below(&c->rng, n)];
}

static void
write_customer_id(Out *o, const Customer *c)
{
	out_char(o, 'C');
	out_uint(o, c->number, 6);
}

static void
write_service_id(Out *o, const Customer *c, guint i)
{
	out_char(o, 'S');
	out_uint(o, c->number, 6);
	out_char(o, '-');
	out_uint(o, i + 1, 1);
}

static void
write_ticket_id(Out *o, const Customer *c, guint n)
{
	out_char(o, 'T');
	out_uint(o, c->number, 6);
	out_char(o, '-');
	out_uint(o, n, 4);
}

static void
gen_customer_row(Gen *g, Customer *c)
{
	Out *o = &g->customers;
	Rng *r = &c->rng;
	gboolean en = rng_chance(r, 100);
	char name[160];

	write_customer_id(o, c);
	out_sep(o);
	/*
	 * One draw per statement throughout: the order in which a call's arguments are
	 * evaluated is unspecified (GCC and Clang differ), and the output must not be.
	 */
	if (en) {
		const char *who = PICK(r, en_names);
		const char *trade = PICK(r, en_trades);
		const char *form = PICK(r, en_forms);
		g_snprintf(name, sizeof name, "%s %s %s", who, trade, form);
	} else {
		guint shape = rng_below(r, 100);
		const char *trade = PICK(r, fr_trades);
		const char *who = PICK(r, fr_names);
		const char *other = PICK(r, fr_names);
		const char *form = PICK(r, fr_forms);
		if (shape < 5)
			g_snprintf(name, sizeof name, "%s, %s & Associés", who, other);
		else if (shape < 8)
			g_snprintf(name, sizeof name, "%s \"Le %s\"", trade, who);
		else
			g_snprintf(name, sizeof name, "%s %s %s", trade, who, form);
	}
	out_text(o, name);
	out_sep(o);
	if (rng_chance(r, 850)) {
		out_str(o, en ? "billing@c" : rng_chance(r, 500) ? "compta@c" : "facturation@c");
		out_uint(o, c->number, 6);
		out_str(o, ".example");
	}
	out_sep(o);
	if (en)
		out_str(o, rng_chance(r, 950) ? "en" : "EN");
	else
		out_str(o, PICK(r, ((const char *const[]){ "fr", "fr", "fr", "fr", "", "", "FR" })));
	out_sep(o);
	if (rng_chance(r, 800)) {
		char addr[200];
		if (en) {
			g_strlcpy(addr, PICK(r, en_addresses), sizeof addr);
		} else {
			guint number = (guint)rng_range(r, 1, 120);
			const char *street = PICK(r, fr_streets);
			const char *city = PICK(r, fr_cities);
			g_snprintf(addr, sizeof addr, "%u %s\n%s", number, street, city);
		}
		out_text(o, addr);
	}
	out_end(o);
}

/* the services of a customer, and whether one is active in the reported month */
static void
gen_services(Gen *g, Customer *c)
{
	static const guint count_weights[MAX_SERVICES] = { 40, 25, 15, 12, 8 };
	static const guint units_packs[] = { 5, 10, 50, 100, 200 };
	Rng *r = &c->rng;
	guint plan_weights[G_N_ELEMENTS(plans)];
	guint main_plan;
	gboolean active = FALSE;

	for (guint i = 0; i < G_N_ELEMENTS(plans); i++)
		plan_weights[i] = plans[i].weight;
	main_plan = rng_pick(r, plan_weights, G_N_ELEMENTS(plans));
	c->n_services = 1 + rng_pick(r, count_weights, MAX_SERVICES);
	for (guint i = 0; i < c->n_services; i++) {
		Service *s = &c->services[i];
		guint x = rng_below(r, 1000);

		/* a customer's contract is mostly with one family */
		s->plan = rng_chance(r, 700) ? main_plan : rng_pick(r, plan_weights, G_N_ELEMENTS(plans));
		if (x < 50) {
			s->start_day = -1;
		} else if (x < 70) {
			/* a 29 February: the anniversary of annual units moves in common years */
			guint leap[8], n = 0;
			for (guint y = g->base_year; y <= g->year && n < G_N_ELEMENTS(leap); y++)
				if (g_date_is_leap_year((GDateYear)y) &&
				    days_number(out_days, y, 2, 29) < g->month_start)
					leap[n++] = y;
			s->start_day = n > 0 ? days_number(out_days, leap[rng_below(r, n)], 2, 29)
			                     : rng_range(r, 0, g->history_start - 1);
		} else if (x < 100) {
			s->start_day = rng_range(r, g->month_start, g->month_end - 1);
		} else if (x < 250) {
			s->start_day = rng_range(r, g->history_start, g->month_start - 1);
		} else {
			s->start_day = rng_range(r, 0, g->history_start - 1);
		}
		s->end_day = -1;
		x = rng_below(r, 1000);
		if (x < 30) {
			/* ends mid-month (MAX evaluates its arguments twice: draw first) */
			gint64 end = g->month_start + rng_range(r, 4, 24);
			s->end_day = MAX(s->start_day, end);
		} else if (x < 40 && s->start_day < g->month_start - 1) {
			/* ended before the month: no statement line */
			s->end_day = rng_range(r, MAX(s->start_day, g->history_start), g->month_start - 1);
		}
		s->units = 0;
		if ((plans[s->plan].units && rng_chance(r, 600)) || rng_chance(r, 40))
			s->units = PICK(r, units_packs);
		if (service_active(s, g->month_start) || service_active(s, g->month_end - 1) ||
		    (s->start_day >= g->month_start && s->start_day < g->month_end))
			active = TRUE;
	}
	/* the activity level scales tickets, outages and windows: a few customers are big */
	static const Bucket activity[] = { { 30, 200, 500 }, { 40, 600, 1100 },
		{ 20, 1200, 2000 }, { 10, 2000, 3000 } };
	c->activity = (guint)rng_bucket(r, activity, G_N_ELEMENTS(activity));

	Out *o = &g->services;
	for (guint i = 0; i < c->n_services; i++) {
		const Service *s = &c->services[i];
		const PlanInfo *p = &plans[s->plan];

		write_service_id(o, c, i);
		out_sep(o);
		write_customer_id(o, c);
		out_sep(o);
		out_str(o, p->id);
		out_sep(o);
		out_text(o, p->labels[rng_below(r, G_N_ELEMENTS(p->labels))]);
		out_uint(o, c->number * 10 + i, 1);
		out_sep(o);
		/* round fees to the euro or ten cents often, as price lists do */
		gint64 fee = rng_range(r, p->fee_lo, p->fee_hi);
		out_money_comma(o, rng_chance(r, 300) ? fee / 100 * 100 : fee);
		out_sep(o);
		if (s->start_day >= 0)
			out_date(o, s->start_day);
		out_sep(o);
		if (s->end_day >= 0)
			out_date(o, s->end_day);
		out_sep(o);
		if (s->units > 0)
			out_uint(o, s->units, 1);
		out_end(o);
	}
	if (active) {
		g->active_customers++;
		if (c->n_services == 1)
			g->one_service_customers++;
	}
}

/* ---- Outages ---- */

static const char *const provider_words[] = { "", "provider", "provider", "Provider" };
static const char *const cause_words[] = { "provider", "customer", "third_party" };

static Outage *
add_outage(Gen *g, guint service, gint64 start, gint64 end)
{
	Outage o = { .start = start, .end = end, .seq = g->pending->len, .service = service,
		.cause = "", .text = "" };

	g_array_append_val(g->pending, o);
	return &g_array_index(g->pending, Outage, g->pending->len - 1);
}

static int
outage_cmp(gconstpointer a, gconstpointer b)
{
	const Outage *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
write_outages(Gen *g, const Customer *c)
{
	Out *o = &g->outages;

	g_array_sort(g->pending, outage_cmp);
	for (guint i = 0; i < g->pending->len; i++) {
		const Outage *x = &g_array_index(g->pending, Outage, i);

		out_char(o, 'O');
		out_uint(o, c->number, 6);
		out_char(o, '-');
		out_uint(o, i + 1, 3);
		out_sep(o);
		write_service_id(o, c, x->service);
		out_sep(o);
		out_time(o, x->start, TIME_SECONDS);
		out_sep(o);
		if (x->end >= 0)
			out_time(o, x->end, TIME_SECONDS);
		out_sep(o);
		out_str(o, x->cause);
		out_sep(o);
		if (x->ticket > 0)
			write_ticket_id(o, c, x->ticket);
		out_sep(o);
		out_text(o, x->text);
		out_end(o);
	}
	g_array_set_size(g->pending, 0);
}

/* an outage seen by monitoring alone, in the reported month */
static void
gen_outage(Gen *g, Customer *c)
{
	static const Bucket duration[] = { { 750, 30, 300 }, { 200, 300, 1800 },
		{ 45, 1800, 10800 }, { 5, 10800, 28800 } };
	Rng *r = &c->rng;
	const Outage *last = g->pending->len > 0
	                         ? &g_array_index(g->pending, Outage, g->pending->len - 1)
	                         : NULL;
	gint64 start, end;
	gint si;
	guint cause;

	if (last != NULL && rng_chance(r, 100)) {
		/* overlaps the previous one, as two probes of one fault do */
		si = (gint)last->service;
		start = last->start + rng_range(r, 0, MAX(0, last->end - last->start));
	} else if (rng_chance(r, 10)) {
		/* began the evening before the month */
		start = g->month_start * SECONDS_PER_DAY - rng_range(r, 600, 6 * 3600);
		si = pick_service(c, g->month_start);
	} else {
		gint64 day = rng_range(r, g->month_start, g->month_end - 1);
		start = day * SECONDS_PER_DAY + rng_range(r, 0, SECONDS_PER_DAY - 1);
		si = pick_service(c, day);
	}
	if (si < 0)
		return;
	end = start + rng_bucket(r, duration, G_N_ELEMENTS(duration));
	if (start < g->month_start * SECONDS_PER_DAY) {
		gint64 into_month = g->month_start * SECONDS_PER_DAY + rng_range(r, 60, 3600);
		end = MAX(end, into_month);
	}
	/* still down at the export: a few of the month's last two days */
	if (end >= g->export_at ||
	    (start >= g->export_at - 2 * SECONDS_PER_DAY && rng_chance(r, 50)))
		end = -1;
	cause = rng_chance(r, 800) ? 0 : rng_chance(r, 750) ? 1 : 2;

	Outage *o = add_outage(g, (guint)si, start, end);
	if (cause == 0)
		o->cause = PICK(r, provider_words);
	else
		o->cause = cause == 1 && rng_chance(r, 100) ? "CUSTOMER" : cause_words[cause];
	o->text = cause == 0 ? PICK(r, outage_texts) : PICK(r, customer_outage_texts);
}

/* ---- Tickets ---- */

static void
write_priority(Out *o, Rng *r, PriorityStyle style)
{
	static const char *const severities[] = { "S1", "S2", "S3", "s3", "S4", "S5" };
	static const char *const p4[] = { "P1", "P2", "P3", "p3", "P4", "P4" };

	/* priority, impact, urgency */
	switch (style) {
	case PRIORITY_NONE:
		out_sep(o);
		out_sep(o);
		break;
	case PRIORITY_SEVERITY:
	case PRIORITY_P4:
		if (rng_chance(r, style == PRIORITY_SEVERITY ? 100 : 500)) {
			out_str(o, style == PRIORITY_SEVERITY ? PICK(r, severities) : PICK(r, p4));
			out_sep(o);
			out_sep(o);
		} else {
			out_sep(o);
			out_str(o, PICK(r, levels));
			out_sep(o);
			out_str(o, PICK(r, levels));
		}
		break;
	}
	out_sep(o);
}

/*
 * One ticket opened at `opened` on service `si`.  A reported-month incident that
 * interrupted the service may have an outage linked to it; returns 1 if so.
 */
static guint
gen_ticket(Gen *g, Customer *c, gint64 opened, gint si, gboolean reported_month)
{
	static const guint type_weights[] = { 55, 30, 15 };
	static const char *const types[] = { "incident", "request", "change" };
	static const Bucket respond[] = { { 60, 2, 30 }, { 30, 30, 120 }, { 8, 120, 480 },
		{ 2, 480, 2880 } };
	static const Bucket restore[] = { { 50, 10, 60 }, { 30, 60, 240 }, { 15, 240, 720 },
		{ 5, 720, 4320 } };
	static const Bucket work[] = { { 50, 5, 30 }, { 35, 30, 90 }, { 15, 90, 240 } };
	static const char *const channels[] = { "phone", "phone", "portal", "portal", "email",
		"chat", "" };
	Rng *r = &c->rng;
	Out *o = &g->tickets;
	const Service *s = &c->services[si];
	guint number = ++c->tickets;
	guint type = rng_pick(r, type_weights, G_N_ELEMENTS(type_weights));
	/* 0 provider, 1 customer, 2 third party */
	guint cause = rng_chance(r, 850) ? 0 : rng_chance(r, 670) ? 1 : 2;
	gint64 responded = -1, restored = -1, closed = -1;
	gboolean interrupted = FALSE;

	if (type == 0) {
		interrupted = rng_chance(r, 700);
		responded = opened + rng_bucket(r, respond, G_N_ELEMENTS(respond)) * 60;
		restored = responded + rng_bucket(r, restore, G_N_ELEMENTS(restore)) * 60;
		closed = restored + rng_range(r, 5, 2880) * 60;
		if (rng_chance(r, 50))
			responded = -1; /* closed without it: taken as responded at closed_at */
		if (rng_chance(r, 30))
			restored = -1;
	} else {
		if (rng_chance(r, 700))
			responded = opened + rng_bucket(r, respond, G_N_ELEMENTS(respond)) * 60;
		closed = MAX(opened, responded) + rng_range(r, 30, 7200) * 60;
	}
	if (rng_chance(r, 1))
		responded = restored = closed = -1; /* forgotten: open month after month */
	/* the export is taken at the end of the reported month: later times are unknown */
	if (responded >= g->export_at)
		responded = restored = closed = -1;
	if (restored >= g->export_at)
		restored = closed = -1;
	if (closed >= g->export_at)
		closed = -1;

	write_ticket_id(o, c, number);
	out_sep(o);
	write_service_id(o, c, (guint)si);
	out_sep(o);
	out_str(o, types[type]);
	out_sep(o);
	out_time(o, opened, 0);
	out_sep(o);
	if (responded >= 0)
		out_time(o, responded, 0);
	out_sep(o);
	if (restored >= 0)
		out_time(o, restored, 0);
	out_sep(o);
	if (closed >= 0)
		out_time(o, closed, 0);
	out_sep(o);
	if (type == 0) {
		write_priority(o, r, plans[s->plan].priority);
		out_str(o, interrupted ? PICK(r, yes_words) : PICK(r, no_words));
		out_sep(o);
		if (cause > 0 || rng_chance(r, 300))
			out_str(o, cause_words[cause]);
		out_sep(o);
		out_str(o, PICK(r, categories));
		out_sep(o);
		out_str(o, PICK(r, channels));
		out_sep(o);
		if (restored >= 0 && rng_chance(r, 100))
			out_uint(o, (guint64)rng_range(r, 10, 240), 1);
		out_sep(o);
		out_sep(o);
	} else {
		/* priority, impact, urgency, interrupted, cause, category, channel, paused */
		for (int i = 0; i < 8; i++)
			out_sep(o);
		if (rng_chance(r, 850))
			out_uint(o, (guint64)rng_bucket(r, work, G_N_ELEMENTS(work)), 1);
		out_sep(o);
	}
	if ((s->units > 0 || plans[s->plan].units) ? rng_chance(r, 600) : rng_chance(r, 30))
		out_uint(o, (guint64)rng_range(r, 1, 8), 1);
	out_end(o);

	if (!reported_month || type != 0 || !interrupted || !rng_chance(r, 400))
		return 0;
	/* the monitoring saw it a few minutes before the ticket was opened */
	gint64 start = opened - rng_range(r, 0, 600);
	gint64 end = restored >= 0 ? restored : closed;
	if (end >= 0)
		end += rng_range(r, 0, 59);
	Outage *x = add_outage(g, (guint)si, start, end);
	x->ticket = number;
	x->cause = rng_chance(r, 500) ? cause_words[cause] : ""; /* else the ticket's */
	x->text = cause == 0 ? PICK(r, outage_texts) : PICK(r, customer_outage_texts);
	return 1;
}

static int
instant_cmp(gconstpointer a, gconstpointer b)
{
	gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

	return x < y ? -1 : x > y;
}

/* every month's tickets, numbered in the order they were opened */
static void
gen_tickets(Gen *g, Customer *c, guint *linked)
{
	static const guint hour_weights[24] = { 1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 9, 7, 9,
		10, 10, 9, 7, 5, 3, 2, 2, 1, 1 };
	Rng *r = &c->rng;

	for (guint m = 0; m <= g->history_months; m++) {
		gint64 first = g->first_day_of[m];
		gint64 days = g->first_day_of[m + 1] - first;
		guint n = rng_round(r, (guint64)TICKETS_PER_CUSTOMER_MONTH * c->activity *
		                           (guint64)rng_range(r, 750, 1250) / 1000);
		gboolean reported = m == g->history_months;

		g_array_set_size(g->opened, n);
		for (guint i = 0; i < n; i++) {
			gint64 day = first + rng_range(r, 0, days - 1);
			gint64 hour = rng_pick(r, hour_weights, 24);
			gint64 minute = rng_below(r, 60);
			g_array_index(g->opened, gint64, i) =
			    day * SECONDS_PER_DAY + hour * 3600 + minute * 60;
		}
		g_array_sort(g->opened, instant_cmp);
		for (guint i = 0; i < n; i++) {
			gint64 opened = g_array_index(g->opened, gint64, i);
			gint si = pick_service(c, opened / SECONDS_PER_DAY);

			if (si >= 0)
				*linked += gen_ticket(g, c, opened, si, reported);
		}
	}
}

/* ---- Maintenance windows ---- */

static void
write_window(Out *o, gint64 start, gint64 end, gint64 notified, const char *text)
{
	out_time(o, start, TIME_SPACE);
	out_sep(o);
	out_time(o, end, TIME_SPACE);
	out_sep(o);
	if (notified >= 0)
		out_time(o, notified, TIME_SPACE);
	out_sep(o);
	out_text(o, text);
	out_end(o);
}

/* a night-time window in the reported month and its notice; returns the start */
static gint64
pick_window(Gen *g, Rng *r, gint64 *end, gint64 *notified)
{
	static const gint64 night_hours[] = { 22, 23, 0, 1, 2, 3, 4, 5 };
	static const guint notice_weights[] = { 700, 150, 50, 100 };
	gint64 day = rng_range(r, g->month_start, g->month_end - 2);
	gint64 hour = PICK(r, night_hours);
	gint64 quarter = rng_below(r, 4);
	gint64 start = day * SECONDS_PER_DAY + hour * 3600 + quarter * 15 * 60;
	guint notice;

	*end = start + rng_range(r, 1, 8) * 30 * 60;
	notice = rng_pick(r, notice_weights, G_N_ELEMENTS(notice_weights));
	if (notice == 3) {
		*notified = -1; /* never notified */
	} else if (notice == 2) {
		*notified = start - rng_range(r, 2, 20) * 3600; /* a few hours before */
	} else {
		/* the contract's 8 days or more, or short notice in days; in office hours */
		gint64 days_before = notice == 0 ? rng_range(r, 8, 30) : rng_range(r, 1, 7);
		gint64 office_hour = rng_range(r, 9, 17);
		*notified = (day - days_before) * SECONDS_PER_DAY + office_hour * 3600;
	}
	return start;
}

static void
gen_maintenance(Gen *g, Customer *c)
{
	Rng *r = &c->rng;
	Out *o = &g->maintenance;
	guint n = rng_round(r, (guint64)MAINTENANCE_PERMILLE_PER_CUSTOMER_MONTH * c->activity / 1000);

	for (guint i = 0; i < n; i++) {
		gint64 end, notified, start = pick_window(g, r, &end, &notified);
		gint si = pick_service(c, start / SECONDS_PER_DAY);
		guint scope = rng_below(r, 100); /* <45 service, <85 customer, else both */

		if (si < 0)
			continue;
		out_char(o, 'M');
		out_uint(o, c->number, 6);
		out_char(o, '-');
		out_uint(o, ++c->windows, 2);
		out_sep(o);
		if (scope < 45 || scope >= 85)
			write_service_id(o, c, (guint)si);
		out_sep(o);
		if (scope >= 45)
			write_customer_id(o, c);
		out_sep(o);
		write_window(o, start, end, notified, PICK(r, maintenance_texts));

		/* the work interrupts the service, and sometimes overruns the window */
		if (!rng_chance(r, 500))
			continue;
		gint64 ostart = start + rng_range(r, 0, (end - start) / 2);
		gint64 oend = rng_chance(r, 200) ? end + rng_range(r, 300, 3600)
		                                 : ostart + rng_range(r, 300, end - ostart);
		Outage *x = add_outage(g, (guint)si, ostart, oend < g->export_at ? oend : -1);
		x->cause = "provider";
		x->text = "Maintenance planifiée";
	}
}

/* Two windows on every service each month: one announced, one announced late. */
static void
gen_global_maintenance(Gen *g)
{
	Out *o = &g->maintenance;
	gint64 s1 = (g->month_start + 6) * SECONDS_PER_DAY + 23 * 3600;
	gint64 s2 = (g->month_start + 20) * SECONDS_PER_DAY + 1 * 3600;

	out_str(o, "M-ALL-1,*,,");
	write_window(o, s1, s1 + 3600, s1 - 14 * SECONDS_PER_DAY - 13 * 3600,
	    "Mise à jour du cœur de réseau (tous services)");
	out_str(o, "M-ALL-2,*,,");
	write_window(o, s2, s2 + 45 * 60, s2 - 3 * SECONDS_PER_DAY + 8 * 3600,
	    "Remplacement d'un routeur de bordure, préavis court");
}

static void
gen_customer(Gen *g, guint64 number)
{
	Customer c = { .number = number };
	guint linked = 0, outages;

	rng_seed(&c.rng, g->seed, number);
	gen_customer_row(g, &c);
	gen_services(g, &c);
	outages = rng_round(&c.rng, (guint64)OUTAGES_PER_CUSTOMER_MONTH * c.activity *
	                                (guint64)rng_range(&c.rng, 750, 1250) / 1000);
	gen_tickets(g, &c, &linked);
	for (guint i = linked; i < outages; i++)
		gen_outage(g, &c);
	gen_maintenance(g, &c);
	write_outages(g, &c);
}

/* ==== Command line =============================================================== */

static gboolean
parse_month(const char *s, guint *year, guint *month)
{
	guint64 y, m;

	if (s == NULL || strlen(s) != 7 || s[4] != '-')
		return FALSE;
	g_autofree char *ys = g_strndup(s, 4);
	if (!g_ascii_string_to_unsigned(ys, 10, 1900, 9999, &y, NULL) ||
	    !g_ascii_string_to_unsigned(s + 5, 10, 1, 12, &m, NULL))
		return FALSE;
	*year = (guint)y;
	*month = (guint)m;
	return TRUE;
}

static gboolean
write_plans(const char *dir, GError **error)
{
	g_autofree char *path = g_build_filename(dir, "plans.ini", NULL);

	return g_file_set_contents(path, plans_ini, sizeof plans_ini - 1, error);
}

/* writes the six files into dir; g's outputs are left open for the caller to close */
static gboolean
generate(Gen *g, const char *dir, GError **error)
{
	if (g_mkdir_with_parents(dir, 0755) != 0) {
		int e = errno;
		g_set_error(error, G_FILE_ERROR, g_file_error_from_errno(e), "%s: %s", dir,
		    g_strerror(e));
		return FALSE;
	}
	/* a spreadsheet export (BOM, CRLF), a French one (`;`, decimal comma), plain CSV */
	if (!write_plans(dir, error) ||
	    !out_open(&g->customers, dir, "customers.csv", ',', "\r\n", error) ||
	    !out_open(&g->services, dir, "services.csv", ';', "\n", error) ||
	    !out_open(&g->tickets, dir, "tickets.csv", ',', "\n", error) ||
	    !out_open(&g->outages, dir, "outages.csv", ',', "\n", error) ||
	    !out_open(&g->maintenance, dir, "maintenance.csv", ',', "\n", error))
		return FALSE;
	out_str(&g->customers, "\xEF\xBB\xBF");
	out_header(&g->customers, "customer_id,name,email,language,address");
	out_header(&g->services,
	    "service_id,customer_id,plan_id,label,monthly_fee,start_date,end_date,units_annual");
	out_header(&g->tickets,
	    "ticket_id,service_id,type,opened_at,responded_at,restored_at,closed_at,priority,"
	    "impact,urgency,interrupted,cause,category,channel,paused_minutes,work_minutes,"
	    "work_units");
	out_header(&g->outages, "outage_id,service_id,start,end,cause,ticket_id,description");
	out_header(&g->maintenance,
	    "maintenance_id,service_id,customer_id,start,end,notified_at,description");

	gen_global_maintenance(g);
	for (guint64 k = 1; k <= g->n_customers; k++)
		gen_customer(g, k);
	return TRUE;
}

int
main(int argc, char **argv)
{
	gint64 customers = 0, seed = 1, history = HISTORY_MONTHS_DEFAULT;
	g_autofree char *month_arg = NULL;
	g_autofree char *out_dir = NULL;
	GOptionEntry entries[] = {
		{ "customers", 0, 0, G_OPTION_ARG_INT64, &customers, "number of customers", "N" },
		{ "month", 0, 0, G_OPTION_ARG_STRING, &month_arg, "reported month (2026-10)",
		    "YYYY-MM" },
		{ "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "random seed (1)", "S" },
		{ "out", 0, 0, G_OPTION_ARG_FILENAME, &out_dir, "folder to write the inputs to",
		    "DIR" },
		{ "history-months", 0, 0, G_OPTION_ARG_INT64, &history,
		    "months of ticket history before the reported month (11)", "H" },
		G_OPTION_ENTRY_NULL,
	};
	g_autoptr(GOptionContext) ctx = g_option_context_new("- write a synthetic slareport input folder");
	g_autoptr(GError) error = NULL;
	guint year, month;
	gboolean ok;
	Gen g = { 0 };
	DayTable days;

	g_option_context_add_main_entries(ctx, entries, NULL);
	if (!g_option_context_parse(ctx, &argc, &argv, &error)) {
		g_printerr("slareport-gen: %s\n", error->message);
		return 1;
	}
	if (!parse_month(month_arg ? month_arg : "2026-10", &year, &month) || customers < 1 ||
	    customers > 999999 || out_dir == NULL || history < 0 || history > 60) {
		g_printerr("usage: slareport-gen --customers N (1-999999) --out DIR "
		           "[--month YYYY-MM] [--seed S] [--history-months 0-60]\n");
		return 1;
	}
	g.seed = (guint64)seed;
	g.n_customers = (guint)customers;
	g.history_months = (guint)history;
	g.year = year;
	/* start dates go back seven years; the table runs to two months after the month */
	g.base_year = year - 7;
	days_init(&days, g.base_year, (guint)((year - g.base_year + 2) * 366));
	out_days = &days;
	for (guint i = 0; i <= g.history_months + 1; i++) {
		gint m0 = (gint)month - (gint)g.history_months + (gint)i - 1; /* 0-based from `year` */
		gint y = (gint)year + (m0 >= 0 ? m0 / 12 : -((11 - m0) / 12));
		gint m = ((m0 % 12) + 12) % 12 + 1;
		g.first_day_of[i] = days_number(&days, (guint)y, (guint)m, 1);
	}
	g.history_start = g.first_day_of[0];
	g.month_start = g.first_day_of[g.history_months];
	g.month_end = g.first_day_of[g.history_months + 1];
	g.export_at = g.month_end * SECONDS_PER_DAY;
	g.opened = g_array_new(FALSE, FALSE, sizeof(gint64));
	g.pending = g_array_new(FALSE, FALSE, sizeof(Outage));

	ok = generate(&g, out_dir, &error);
	if (!ok)
		g_printerr("slareport-gen: %s\n", error->message);
	Out *outs[] = { &g.customers, &g.services, &g.tickets, &g.outages, &g.maintenance };
	guint64 rows[G_N_ELEMENTS(outs)], bytes = sizeof plans_ini - 1;
	for (guint i = 0; i < G_N_ELEMENTS(outs); i++) {
		g_autoptr(GError) close_error = NULL;

		rows[i] = outs[i]->rows;
		if (!out_close(outs[i], &close_error)) {
			g_printerr("slareport-gen: %s\n", close_error->message);
			ok = FALSE;
		}
		bytes += outs[i]->bytes;
	}
	days_clear(&days);
	g_array_unref(g.opened);
	g_array_unref(g.pending);
	if (!ok)
		return 1;
	/* one line a shell can read: the harness compares statements with `active` */
	g_print("customers=%" G_GUINT64_FORMAT " services=%" G_GUINT64_FORMAT
	        " tickets=%" G_GUINT64_FORMAT " outages=%" G_GUINT64_FORMAT
	        " maintenance=%" G_GUINT64_FORMAT " active=%" G_GUINT64_FORMAT
	        " one_service=%" G_GUINT64_FORMAT " bytes=%" G_GUINT64_FORMAT "\n",
	    rows[0], rows[1], rows[2], rows[3], rows[4], g.active_customers,
	    g.one_service_customers, bytes);
	return 0;
}
