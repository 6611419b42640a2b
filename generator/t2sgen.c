/*
 * Print, for build/t2s.h, the simplified form OpenCC gives each
 * traditional character of U+3400..U+9FFF, one "{ 0xFROM, 0xTO }," line
 * each.  OpenCC converts phrases as well as characters, so each character
 * is converted alone, on a line of its own, in one call; a character that
 * does not become one other character of the Basic Multilingual Plane is
 * left out.  Run at build time: the program reads the table, and needs
 * neither OpenCC nor its data when it runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>

#define LO	0x3400
#define HI	0x9fff

int
main(void)
{
	opencc_t	 oc;
	char		*in, *out, *p, *q, *e;
	uint32_t	 c, to;
	size_t		 n = 0;

	oc = opencc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
	if (oc == (opencc_t)-1 || oc == NULL) {
		fprintf(stderr, "t2sgen: OpenCC's t2s conversion cannot be "
		    "loaded (Debian package libopencc-data)\n");
		return 1;
	}
	/* Every character of the range is three bytes of UTF-8 and a
	 * newline. */
	if ((in = malloc((HI - LO + 1) * 4 + 1)) == NULL) {
		perror("t2sgen");
		return 1;
	}
	for (c = LO; c <= HI; c++) {
		in[n++] = (char)(0xe0 | c >> 12);
		in[n++] = (char)(0x80 | (c >> 6 & 0x3f));
		in[n++] = (char)(0x80 | (c & 0x3f));
		in[n++] = '\n';
	}
	in[n] = '\0';
	if ((out = opencc_convert_utf8(oc, in, n)) == NULL) {
		fprintf(stderr, "t2sgen: OpenCC converts nothing\n");
		return 1;
	}
	for (c = LO, q = out; c <= HI && (e = strchr(q, '\n')) != NULL;
	    c++, q = e + 1) {
		p = q;
		/* One character of three bytes for one; anything else
		 * stays as it is. */
		if (e - p != 3 || ((unsigned char)p[0] & 0xf0) != 0xe0 ||
		    ((unsigned char)p[1] & 0xc0) != 0x80 ||
		    ((unsigned char)p[2] & 0xc0) != 0x80)
			continue;
		to = ((uint32_t)((unsigned char)p[0] & 0x0f) << 12) |
		    ((uint32_t)((unsigned char)p[1] & 0x3f) << 6) |
		    ((unsigned char)p[2] & 0x3f);
		if (to != c && to != 0xfffd)
			printf("{ 0x%04X, 0x%04X },\n", (unsigned)c,
			    (unsigned)to);
	}
	if (c <= HI) {
		fprintf(stderr, "t2sgen: OpenCC gave %u lines for %u "
		    "characters\n", (unsigned)(c - LO), HI - LO + 1);
		return 1;
	}
	opencc_convert_utf8_free(out);
	opencc_close(oc);
	free(in);
	return fflush(stdout) == 0 ? 0 : 1;
}
