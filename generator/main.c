/*
 * disclose: publish the outcomes of closed fault-tolerance and
 * error-correction cases as a static portal, withholding what the law
 * keeps confidential.  This file reads the command line and dispatches;
 * it is the only place that exits.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <sodium.h>

#include "disclose.h"
#include "extern.h"

/*
 * jemalloc's options, read when it starts (the C library's allocator
 * and AddressSanitizer's ignore the name).  A build faults in hundreds
 * of megabytes of records, pages and indexes, in pages of 2 MiB where
 * the kernel leaves that to the program (transparent_hugepage set to
 * madvise) rather than of 4 KiB: fewer faults and TLB misses, for a
 * little more memory at the peak.  One arena per CPU, not four: what a
 * worker frees is taken again by the next one on that CPU, not left in
 * an arena of its own (a rebuild of 100,000 records peaks about 30 MB lower).
 */
extern const char *malloc_conf;
const char *malloc_conf = "thp:always,metadata_thp:always,"
    "percpu_arena:percpu";


/* Each command: its synopsis and what it does, with its options. */
static const struct command {
	const char	*name;
	const char	*synopsis;
	const char	*text;
} commands[] = {
	{ "build", "disclose build [-qv] [-C content] [-t templates] "
	    "[-o site] [-a audience]\n"
	    "                      [-j jobs] [--full] [--timings] "
	    "[--report file]",
	    "Read and check the records, withhold what the policy keeps, "
	    "render the portal,\naudit it, and swap it in for the site.\n"
	    "  -C content     the content directory (content)\n"
	    "  -t templates   the theme (templates/ here, else the installed "
	    "one)\n"
	    "  -o site        the output directory (site)\n"
	    "  -a audience    public or internal (public)\n"
	    "  -j jobs        threads (the number of cores)\n"
	    "  -q             no progress and no summary\n"
	    "  -v             list what was withheld, case by case, and on "
	    "which ground\n"
	    "  --full         ignore the cache and build everything\n"
	    "  --timings      print each step's wall and CPU time and the "
	    "peak memory\n"
	    "  --report file  write the redaction report (private) to file\n" },
	{ "check", "disclose check [-C content]",
	    "Validate every record and redact it as a build would; write "
	    "nothing.\n"
	    "  -C content     the content directory (content)\n" },
	{ "audit", "disclose audit [-C content] [-t templates] "
	    "[-a audience] [-j jobs] site",
	    "Search a built portal for every value the policy withholds and "
	    "for personal\ndata; exit 1 on a finding.\n"
	    "  -C content     the content directory (content)\n"
	    "  -t templates   the theme the portal was built with\n"
	    "  -a audience    public or internal (public)\n"
	    "  -j jobs        threads (the number of cores)\n" },
	{ "new", "disclose new [-C content] ID",
	    "Write the record of a new case, cases/YEAR/ID.md under the year "
	    "of its id\n(CL-2025-013), open, with every field to fill in, "
	    "and print what comes next.\n"
	    "  -C content     the content directory (content)\n" },
	{ "serve", "disclose serve [-C content] [-t templates] [-o site] "
	    "[-a audience] [-p port]",
	    "Build, serve the portal on 127.0.0.1 for a preview, and rebuild "
	    "when the\ncontent or the theme changes.\n"
	    "  -C content     the content directory (content)\n"
	    "  -t templates   the theme (templates/ here, else the installed "
	    "one)\n"
	    "  -o site        the output directory (site)\n"
	    "  -a audience    public or internal (public)\n"
	    "  -p port        the port (4000)\n" },
	{ "snapshot", "disclose snapshot [-C content] [-t templates] "
	    "[-o site] [-d dir]\n"
	    "                         [-a audience] [-j jobs] "
	    "[--sign secret-key]",
	    "Build, then keep a dated copy of the portal in dir (snapshots) "
	    "with its\nchecksums, a WARC file and, with --sign, a minisign "
	    "signature.\n"
	    "  -C content     the content directory (content)\n"
	    "  -t templates   the theme (templates/ here, else the installed "
	    "one)\n"
	    "  -o site        the output directory (site)\n"
	    "  -d dir         where snapshots are kept (snapshots)\n"
	    "  -a audience    public or internal (public)\n"
	    "  -j jobs        threads (the number of cores)\n"
	    "  --sign key     sign with this minisign secret key\n" },
	{ "help", "disclose help [command]",
	    "Print the usage of every command, or of one.\n" },
	{ NULL, NULL, NULL }
};

static void
usage(FILE *f)
{
	size_t	 i;

	for (i = 0; commands[i].name != NULL; i++)
		fprintf(f, "%s %s\n", i == 0 ? "usage:" : "      ",
		    commands[i].synopsis);
	fputs("       disclose -V | -h\n", f);
}

static const struct command *
command(const char *name)
{
	size_t	 i;

	for (i = 0; commands[i].name != NULL; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* disclose help [CMD], and disclose CMD --help. */
static int
help(const char *name)
{
	const struct command	*c;

	if (name == NULL) {
		usage(stdout);
		puts("\nMore on one command: disclose help COMMAND.");
		return EXIT_SUCCESS;
	}
	if ((c = command(name)) == NULL) {
		fprintf(stderr, "disclose: help: unknown command \"%s\"\n",
		    name);
		usage(stderr);
		return EXIT_USAGE;
	}
	printf("usage: %s\n\n%s", c->synopsis, c->text);
	return EXIT_SUCCESS;
}

/*
 * The default theme: templates/ where disclose runs (a portal's own
 * checkout), else the one installed beside the program
 * (PREFIX/bin/disclose finds PREFIX/share/disclose/templates, wherever
 * make install put it), else the one of the prefix it was built for.
 */
static const char *
theme(void)
{
	static char	 path[4096];
	char		 exe[4096], *slash;
	ssize_t		 n;

	if (access("templates/layout.tpl", F_OK) == 0)
		return "templates";
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			if ((size_t)snprintf(path, sizeof(path), "%s/../share/"
			    "disclose/templates", exe) < sizeof(path) - 12) {
				strcat(path, "/layout.tpl");
				if (access(path, F_OK) == 0) {
					path[strlen(path) - 11] = '\0';
					return path;
				}
			}
		}
	}
	return THEMEDIR;
}

/*
 * The directories a command reads, there before anything else: a wrong
 * one is one message, not one per file that cannot be found in it.
 */
static int
havedir(const char *path, const char *what)
{
	struct stat	 st;

	if (stat(path, &st) == -1) {
		fprintf(stderr, "disclose: %s: %s (the %s)\n", path,
		    strerror(errno), what);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "disclose: %s: not a directory (the %s)\n",
		    path, what);
		return 0;
	}
	return 1;
}

static int
dirs(const char *content, const char *templates)
{
	if (content != NULL && !havedir(content, "content directory, -C: "
	    "site.yaml, policy.yaml and cases/"))
		return 0;
	if (templates != NULL && !havedir(templates, "theme, -t"))
		return 0;
	return 1;
}

static int
badusage(const char *fmt, const char *arg)
{
	fputs("disclose: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	usage(stderr);
	return EXIT_USAGE;
}

static int
jobsarg(const char *arg, int *jobs)
{
	char	*end;
	long	 j;

	errno = 0;
	j = strtol(arg, &end, 10);
	if (*end != '\0' || errno != 0 || j < 1 || j > 256)
		return 0;
	*jobs = (int)j;
	return 1;
}

/*
 * The options of build and serve (serve has -p, build -j, -q and
 * --report).  Returns -1 when they are good, else the exit status.
 */
static int
buildargs(int argc, char *argv[], int serve, struct buildopts *o,
    long *port)
{
	static const struct option longopts[] = {
		{ "report", required_argument, NULL, 'r' },
		{ "full", no_argument, NULL, 'F' },
		{ "timings", no_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 }
	};
	char	*end;
	int	 ch;

	memset(o, 0, sizeof(*o));
	o->content = "content";
	o->templates = theme();
	o->out = "site";
	o->aud = AUD_PUBLIC;
	o->jobs = ncores();
	o->progress = !serve && isatty(STDERR_FILENO);
	*port = 4000;
	while ((ch = getopt_long(argc, argv, serve ? "C:t:o:a:p:" :
	    "C:t:o:a:j:qv", serve ? NULL : longopts, NULL)) != -1)
		switch (ch) {
		case 'r':
			o->report = optarg;
			break;
		case 'F':
			o->full = 1;
			break;
		case 'T':
			o->timings = 1;
			break;
		case 'C':
			o->content = optarg;
			break;
		case 't':
			o->templates = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 'a':
			if (!audience_parse(optarg, &o->aud))
				return badusage("-a: unknown audience \"%s\" "
				    "(expected public, internal)", optarg);
			break;
		case 'j':
			if (!jobsarg(optarg, &o->jobs))
				return badusage("-j: expected a number of "
				    "jobs from 1 to 256, got \"%s\"", optarg);
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'v':
			o->verbose = 1;
			break;
		case 'p':
			errno = 0;
			*port = strtol(optarg, &end, 10);
			if (*end != '\0' || errno != 0 || *port < 1 ||
			    *port > 65535)
				return badusage("-p: expected a port from 1 "
				    "to 65535, got \"%s\"", optarg);
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	if (optind != argc)
		return badusage("unexpected argument \"%s\"", argv[optind]);
	if (*o->out == '\0' || strcmp(o->out, "/") == 0 ||
	    strcmp(o->out, ".") == 0 || strcmp(o->out, "..") == 0)
		return badusage("-o: \"%s\" cannot be an output directory",
		    o->out);
	return -1;
}

static int
cmd_build(int argc, char *argv[])
{
	struct buildopts	 o;
	long			 port;
	int			 rc;

	if ((rc = buildargs(argc, argv, 0, &o, &port)) >= 0)
		return rc;
	if (!dirs(o.content, o.templates))
		return EXIT_SYSTEM;
	return build_run(&o);
}

static int
cmd_check(int argc, char *argv[])
{
	const char	*content = "content";
	int		 ch;

	while ((ch = getopt(argc, argv, "C:")) != -1)
		switch (ch) {
		case 'C':
			content = optarg;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	if (optind != argc)
		return badusage("check: unexpected argument \"%s\"",
		    argv[optind]);
	if (!dirs(content, NULL))
		return EXIT_SYSTEM;
	return build_check(content);
}

static int
cmd_audit(int argc, char *argv[])
{
	const char	*content = "content", *templates = theme();
	enum audience	 aud = AUD_PUBLIC;
	int		 ch, jobs = ncores();

	while ((ch = getopt(argc, argv, "C:t:a:j:")) != -1)
		switch (ch) {
		case 'C':
			content = optarg;
			break;
		case 't':
			templates = optarg;
			break;
		case 'a':
			if (!audience_parse(optarg, &aud))
				return badusage("-a: unknown audience \"%s\" "
				    "(expected public, internal)", optarg);
			break;
		case 'j':
			if (!jobsarg(optarg, &jobs))
				return badusage("-j: expected a number of "
				    "jobs from 1 to 256, got \"%s\"", optarg);
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	if (optind + 1 != argc)
		return badusage("audit: expected the directory of a built "
		    "site%s", "");
	if (!dirs(content, templates) || !havedir(argv[optind], "built "
	    "portal to audit"))
		return EXIT_SYSTEM;
	return build_audit(content, templates, aud, argv[optind], jobs);
}

static int
cmd_serve(int argc, char *argv[])
{
	struct buildopts	 o;
	long			 port;
	int			 rc;

	if ((rc = buildargs(argc, argv, 1, &o, &port)) >= 0)
		return rc;
	if (!dirs(o.content, o.templates))
		return EXIT_SYSTEM;
	return serve_run(&o, (int)port);
}

static int
cmd_snapshot(int argc, char *argv[])
{
	struct snapopts	 o;
	int		 ch;
	static const struct option longopts[] = {
		{ "sign", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};

	memset(&o, 0, sizeof(o));
	o.content = "content";
	o.templates = theme();
	o.site = "site";
	o.dir = "snapshots";
	o.aud = AUD_PUBLIC;
	o.jobs = ncores();
	while ((ch = getopt_long(argc, argv, "C:t:o:d:a:j:", longopts, NULL))
	    != -1)
		switch (ch) {
		case 'a':
			if (!audience_parse(optarg, &o.aud))
				return badusage("-a: unknown audience \"%s\" "
				    "(expected public, internal)", optarg);
			break;
		case 'j':
			if (!jobsarg(optarg, &o.jobs))
				return badusage("-j: expected a number of jobs "
				    "from 1 to 256, got \"%s\"", optarg);
			break;
		case 'C':
			o.content = optarg;
			break;
		case 't':
			o.templates = optarg;
			break;
		case 'o':
			o.site = optarg;
			break;
		case 'd':
			o.dir = optarg;
			break;
		case 's':
			o.sign = optarg;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	if (optind != argc)
		return badusage("snapshot: unexpected argument \"%s\"",
		    argv[optind]);
	if (!dirs(o.content, o.templates))
		return EXIT_SYSTEM;
	return snapshot_run(&o);
}

static int
cmd_new(int argc, char *argv[])
{
	const char	*content = "content", *id, *why;
	int		 ch;

	while ((ch = getopt(argc, argv, "C:")) != -1)
		switch (ch) {
		case 'C':
			content = optarg;
			break;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	if (optind + 1 != argc)
		return badusage("new: expected one case id%s", "");
	id = argv[optind];
	if ((why = id_why(id)) != NULL) {
		fprintf(stderr, "disclose: new: invalid id \"%s\": %s (%s)\n",
		    id, why, ID_FORM);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!dirs(content, NULL))
		return EXIT_SYSTEM;
	return scaffold_new(content, id);
}

int
main(int argc, char *argv[])
{
	const char	*cmd;

	if (sodium_init() < 0) {
		fputs("disclose: libsodium cannot be initialized\n", stderr);
		return EXIT_SYSTEM;
	}
	/* Feeds and the sitemap are written by threads of the pool: libxml2
	 * is set up once, before any. */
	xmlInitParser();
	/* The tables of the fold of redaction and the audit, before any
	 * thread reads them. */
	fold_init();
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
		usage(stdout);
		return EXIT_SUCCESS;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
		puts("disclose " DISCLOSE_VERSION);
		return EXIT_SUCCESS;
	}
	if (strcmp(cmd, "help") == 0)
		return help(argc > 2 ? argv[2] : NULL);
	/* CMD --help (or -h) anywhere before "--": that command's usage. */
	if (command(cmd) != NULL) {
		int i;

		for (i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
			if (strcmp(argv[i], "--help") == 0 ||
			    strcmp(argv[i], "-h") == 0)
				return help(cmd);
	}
	argc--;
	argv++;
	optind = 1;
	if (strcmp(cmd, "build") == 0)
		return cmd_build(argc, argv);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(argc, argv);
	if (strcmp(cmd, "new") == 0)
		return cmd_new(argc, argv);
	if (strcmp(cmd, "audit") == 0)
		return cmd_audit(argc, argv);
	if (strcmp(cmd, "snapshot") == 0)
		return cmd_snapshot(argc, argv);
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(argc, argv);
	return badusage("unknown command \"%s\"", cmd);
}
